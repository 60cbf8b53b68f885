/**
 * Shared pieces of the end-to-end tests: which Node binaries run the bundle, an emulator per test,
 * a run of dist/index.js against it with the demo keys, and readers for the runner's log commands.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect } from 'vitest';
import { knownNode24 } from '../../scripts/node24.mjs';
import { startAction, type ActionRun } from '../../scripts/runner.mjs';
import { DEMO_KEYS, type Scenario } from '../../src/emulator/scenario.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { OUTPUT_NAMES } from '../../src/report/outputs.js';

// The scenario builders every emulator test shares, here beside the runs that use them.
export { fault, reading, scenario } from '../scenario.js';

/** A Node binary the bundle runs under; `path` undefined when it is not installed here, and `missing` says why. */
export interface NodeRuntime {
  name: 'node20' | 'node24';
  path: string | undefined;
  missing?: string;
}

/** The first candidate whose major version is `major`, else a runtime saying why none is. */
function findNode(major: 20 | 24, candidates: Array<string | undefined>, missing: string): NodeRuntime {
  const name = major === 20 ? 'node20' : 'node24';
  for (const candidate of candidates) {
    if (!candidate || !existsSync(candidate)) continue;
    try {
      if (execFileSync(candidate, ['-v'], { encoding: 'utf8' }).startsWith(`v${major}.`)) return { name, path: candidate };
    } catch {
      // not a Node binary that runs here: try the next
    }
  }
  return { name, path: undefined, missing };
}

/**
 * Node 20: the Node npm runs on (npm_node_execpath), else /usr/bin/node; on another Node (CI's Node 24
 * leg, a developer's) the Node 20 cases are skipped.
 */
export const NODE20 = findNode(20, [process.env.npm_node_execpath, '/usr/bin/node'], 'no Node 20 at $npm_node_execpath or /usr/bin/node');
/**
 * Node 24, what action.yml's `runs.using: node24` means: UDTS_WAIT_NODE24 or the binary that
 * `node scripts/node24.mjs` fetched into its cache, else this process's Node when it is 24 (CI's matrix).
 */
export const NODE24 = findNode(24, [knownNode24(), process.execPath], 'no Node 24: run `node scripts/node24.mjs` or set UDTS_WAIT_NODE24');
/** Both runtimes, for the core cases; a missing one is skipped with its reason in the test name. */
export const RUNTIMES: readonly NodeRuntime[] = [NODE20, NODE24];
// vitest's default output counts skipped cases without naming them: say why (once per file importing this).
for (const runtime of RUNTIMES) if (runtime.missing) console.warn(`The ${runtime.name} end-to-end cases are skipped: ${runtime.missing}.`);
/** The bundle under test: dist/index.js, or UDTS_E2E_BUNDLE (another build, e.g. a broken one to check that these tests catch it). */
export const BUNDLE: string = process.env.UDTS_E2E_BUNDLE ?? 'dist/index.js';

/** The runtime for cases that need only one: Node 24 (what action.yml declares), else Node 20. */
export const DEFAULT_NODE: string = NODE24.path ?? NODE20.path ?? process.execPath;

/** A test title that says why a runtime's case is skipped. */
export const runtimeTitle = (runtime: NodeRuntime, title: string): string =>
  runtime.path ? `${title} [${runtime.name}]` : `${title} [${runtime.name} SKIPPED: ${runtime.missing}]`;

/** Inputs every run needs: the demo keys, the emulator, short interval and timeout so tests stay fast. */
export function baseInputs(emulator: Pick<RunningEmulator, 'url'>, taskId: string): Record<string, string> {
  // The service's history is a call of its own: the tests that count requests leave it out.
  const { publicKey, privateKey } = DEMO_KEYS;
  return { 'task-id': taskId, 'public-key': publicKey, 'private-key': privateKey, 'api-url': emulator.url, interval: '100ms', timeout: '15s', history: 'false' };
}

/** `inputs` replace or add to the base ones ('' leaves an input empty). */
interface RunOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  node?: string;
}

/** Starts the action against a running emulator without waiting for it (for signals). */
export function startAgainst(emulator: Pick<RunningEmulator, 'url'>, taskId: string, options: RunOptions & { onStdout?: (chunk: string) => void } = {}) {
  return startAction({
    inputs: { ...baseInputs(emulator, taskId), ...options.inputs },
    env: options.env,
    node: options.node ?? DEFAULT_NODE,
    script: BUNDLE,
    onStdout: options.onStdout,
  });
}

/** Starts an emulator with the scenario, runs the bundle against it, closes the emulator. */
export async function runScenario(sc: Scenario, taskId: string, options: RunOptions = {}): Promise<{ run: ActionRun; emulator: RunningEmulator }> {
  const emulator = await startEmulator(sc);
  try {
    return { run: await startAgainst(emulator, taskId, options).done, emulator };
  } finally {
    await emulator.close();
  }
}

/**
 * The messages of one kind of workflow command (`::warning::`, `::error title=...::`) in a log, with the
 * escaping @actions/core applies to command data (%, CR, LF) undone.
 */
export function commands(log: string, kind: 'warning' | 'error' | 'notice' | 'debug'): string[] {
  const pattern = new RegExp(`^::${kind}(?: [^:]*)?::(.*)$`);
  return log
    .split('\n')
    .flatMap((line) => pattern.exec(line)?.[1] ?? [])
    .map((data) => data.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%'));
}

/** Every output is set, elapsed and polls are numbers and tasks a JSON array. */
export function expectEveryOutput(run: ActionRun): void {
  expect(Object.keys(run.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
  expect(run.outputs.elapsed).toMatch(/^\d+$/);
  expect(Number(run.outputs.polls)).toBeGreaterThanOrEqual(1);
  expect(Array.isArray(JSON.parse(run.outputs.tasks ?? ''))).toBe(true);
}
