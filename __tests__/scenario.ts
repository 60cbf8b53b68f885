/**
 * Scenario builders for every test that runs the emulator (end to end, the CLI, proxies, local-action):
 * a step that answers with a reading, a step that answers with a fault, and a checked scenario.
 */
import { checkScenario, type Fault, type Scenario, type Step, type TaskScript } from '../src/emulator/scenario.js';

/** A step answering with a reading: the status plus any other StatusData fields, for `repeat` requests (default 1). */
export function reading(status: string, more: Record<string, unknown> = {}, repeat?: number): Step {
  return { data: { Status: status, ...more }, ...(repeat === undefined ? {} : { repeat }) };
}

/** A fault step, answering `repeat` requests (default 1). */
export function fault(f: Fault, repeat?: number): Step {
  return { fault: f, ...(repeat === undefined ? {} : { repeat }) };
}

/**
 * A scenario from task scripts: a list of steps (advanced per request), or a whole script (for a
 * project id, say). Checked as the emulator checks a file, so a test cannot run a scenario it refuses.
 */
export function scenario(tasks: Record<string, Step[] | TaskScript>, extra: Partial<Scenario> = {}): Scenario {
  const scripts: Record<string, TaskScript> = {};
  for (const [taskId, value] of Object.entries(tasks)) scripts[taskId] = Array.isArray(value) ? { steps: value } : value;
  return checkScenario({ ...extra, tasks: scripts }, 'test scenario');
}
