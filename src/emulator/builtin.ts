/**
 * The scenarios built into the bundle, so `--scenario live-sync` works from dist/ or an installed
 * package without the repository; each is also a JSON file in src/emulator/scenarios/ to copy.
 */
import { existsSync } from 'node:fs';
import lateTask from './scenarios/late-task.json' with { type: 'json' };
import liveSync from './scenarios/live-sync.json' with { type: 'json' };
import mysqlMigration from './scenarios/mysql-migration.json' with { type: 'json' };
import serviceRetry from './scenarios/service-retry.json' with { type: 'json' };
import severalTasks from './scenarios/several-tasks.json' with { type: 'json' };
import { checkScenario, loadScenario, type Scenario } from './scenario.js';

/** The built-in scenarios by name, with one line for `--help`. */
export const BUILTIN_SCENARIOS: Readonly<Record<string, { summary: string; scenario: unknown }>> = {
  'mysql-migration': { summary: 'a MySQL full load: Checking, Dumping, Loading, Done at 15 s', scenario: mysqlMigration },
  'live-sync': { summary: 'a Redis full+incremental sync: lag falling, Synced from 20 s, never Done', scenario: liveSync },
  'several-tasks': { summary: 'three MySQL loads: Done at 12 s and 24 s, one Failed at 16 s', scenario: severalTasks },
  'service-retry': { summary: 'Failed at 8 s with retries left, RetryPending, then Done at 23 s', scenario: serviceRetry },
  'late-task': { summary: 'RetCode 230 (not there yet) for 6 s, then a full load to Done at 19 s', scenario: lateTask },
};

/**
 * The scenario `nameOrPath` names: a built-in name, else a JSON file (`./live-sync` for a file that
 * has a built-in's name). Errors name the file, or list the built-in names for a mistyped one.
 */
export function resolveScenario(nameOrPath: string): Scenario {
  const builtin = Object.hasOwn(BUILTIN_SCENARIOS, nameOrPath) ? BUILTIN_SCENARIOS[nameOrPath] : undefined;
  if (builtin) return checkScenario(builtin.scenario, `built-in scenario ${nameOrPath}`);
  if (!/[./\\]/.test(nameOrPath) && !existsSync(nameOrPath)) {
    throw new Error(`No built-in scenario '${nameOrPath}' and no such file (built-in: ${Object.keys(BUILTIN_SCENARIOS).join(', ')})`);
  }
  return loadScenario(nameOrPath);
}
