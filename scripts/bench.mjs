// @ts-check
// `npm run bench`: how fast the action learns that a task finished and what it costs on the way,
// measured against baselines run in the same go, on this machine. Prints medians over several runs:
//   1. detection latency and API calls: the action vs a fixed-interval loop, same emulator timeline;
//   1b. the same per class of task (wrong, stale or missing estimates), on simulated time;
//   2. a one-poll run: the bundle vs a bundle that only loads @actions/core vs bare `node -e 0`;
//   3. 100 tasks answering in 100 ms each: wall time, calls, most requests in flight, peak memory;
//   4. memory after 1,000 and 5,000 polls of the real waiter and client;
//   5. only with --real-wait N: the real action's resident memory over N polls, in real time.
// It measures dist/index.js as it is: run `npm run bundle` first after changing src/.
// Nothing here asserts a time limit; it checks only that each run did what it should (else it stops).
// Options: --runs N (default 5): runs of section 1; section 2 makes 2N+1, sections 3 and 4 max(3, N/2).
// --real-wait N: add section 5 with N polls (about N/10 seconds per Node it runs on).
// Each section is a module under scripts/bench/; this file builds the baselines once and runs them in order.
import { readdirSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchLatency } from './bench/latency.mjs';
import { benchLongWait } from './bench/long-wait.mjs';
import { benchManyTasks } from './bench/many-tasks.mjs';
import { benchRealWait } from './bench/real-wait.mjs';
import { benchSchedule } from './bench/schedule.mjs';
import { buildBenchBundles, createWorkspace, NODE } from './bench/processes.mjs';
import { mainScenario } from './bench/scenarios.mjs';
import { startEmulatorProcess } from './runner.mjs';
import { benchStartUp } from './bench/startup.mjs';
import { kibibytes, seconds } from './bench/stats.mjs';

const { values: options } = parseArgs({ options: { runs: { type: 'string', default: '5' }, 'real-wait': { type: 'string' } } });
const RUNS = Number(options.runs);
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 50) throw new Error(`--runs '${options.runs}': give a whole number from 1 to 50`);
const REAL_WAIT_POLLS = options['real-wait'] === undefined ? undefined : Number(options['real-wait']);
if (REAL_WAIT_POLLS !== undefined && (!Number.isInteger(REAL_WAIT_POLLS) || REAL_WAIT_POLLS < 100 || REAL_WAIT_POLLS > 50_000)) {
  throw new Error(`--real-wait '${options['real-wait']}': give a number of polls from 100 to 50000`);
}
const LATENCY_RUNS = RUNS;
const STARTUP_RUNS = 2 * RUNS + 1;
const MANY_RUNS = Math.max(3, Math.ceil(RUNS / 2));
// Sections 2 (its peak-memory runs) and 4.
const MEMORY_RUNS = Math.max(3, Math.ceil(RUNS / 2));

const benchStartedAt = performance.now();
const workspace = createWorkspace();
try {
  printHeader();
  const buildStartedAt = performance.now();
  const { fixedLoopScript, coreOnlyScript, memoryScript, scheduleScript } = await buildBenchBundles(workspace);
  console.log(`Built the baselines and the harness with ncc in ${seconds(performance.now() - buildStartedAt, 1)}: @actions/core-only bundle ${kibibytes(statSync(coreOnlyScript).size)}.`);

  // One emulator for sections 1, 2 and 4; section 3 starts fresh ones with a slow API.
  const emulator = await startEmulatorProcess(workspace.writeScenario('main', mainScenario(LATENCY_RUNS)), { node: NODE, quiet: true });
  try {
    await benchLatency({ emulator, fixedLoopScript, runs: LATENCY_RUNS });
    await benchSchedule({ scheduleScript });
    const floor = await benchStartUp({ emulator, coreOnlyScript, workspace, runs: STARTUP_RUNS, memoryRuns: MEMORY_RUNS });
    await benchManyTasks({ workspace, runs: MANY_RUNS, floor });
    await benchLongWait({ emulator, memoryScript, runs: MEMORY_RUNS });
    if (REAL_WAIT_POLLS !== undefined) await benchRealWait({ workspace, polls: REAL_WAIT_POLLS });
    console.log(`\nWhole bench: ${seconds(performance.now() - benchStartedAt, 0)}.`);
  } finally {
    await emulator.stop().catch(() => {});
  }
} finally {
  workspace.remove();
}

/** What was measured, on what, and whether dist/index.js is older than src/. */
function printHeader() {
  const actionStat = statSync('dist/index.js');
  const newestSource = Math.max(...readdirSync('src', { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs));
  console.log('udts-wait bench');
  console.log(`node ${process.version} (${NODE}), ${process.platform} ${process.arch}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}`);
  console.log(`dist/index.js: ${kibibytes(actionStat.size)}, built ${actionStat.mtime.toISOString()}`);
  if (newestSource > actionStat.mtimeMs) console.log('NOTE: src/ has changed since dist/index.js was built; run `npm run bundle` to measure the current code.');
  console.log('Medians over several runs; every ratio is against a baseline run in this same go. No limits asserted.');
}
