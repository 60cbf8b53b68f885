// @ts-check
// `npm run bench`: what the action costs and how soon it knows, on this machine, each figure a median
// over runs and every ratio against a baseline run in the same go:
//   1. the poll schedule per class of task vs a fixed loop (simulated time: scripts/bench/schedule.mjs);
//   2. a one-poll run vs an @actions/core-only bundle vs `node -e 0`; with check-name; against a baseline:
//      the same sources built minified (as dist/ was until it was made readable), or --before DIR;
//   3. 100 tasks, the API answering in 100 ms; 4. the heap kept after 100, 1,000 and 5,000 polls;
//   5. peak memory against a hostile API sending a different huge Status on every poll.
// The action runs on Node 24 (action.yml; scripts/node24.mjs fetches it), memory also on the user's Node.
// It measures dist/ as it is (`npm run bundle` first) and asserts no time limit, only that each run did
// what it should. --runs N (default 5): section 2 times 2N+1 runs of each, then as many for CPU and memory;
// sections 3 and 4 make max(3, N/2).
// --only schedule: section 1 alone (a few seconds, no Node 24 needed).
// --before DIR: the baseline is the action of another build (its dist/ or a folder holding it), e.g.
//   git archive 27c8356 dist | tar -x -C /tmp/old && npm run bench -- --before /tmp/old
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulatorProcess } from './runner.mjs';
import { benchLongWait } from './bench/long-wait.mjs';
import { benchHostile } from './bench/hostile.mjs';
import { benchManyTasks } from './bench/many-tasks.mjs';
import { buildHarnesses, buildMinifiedAction, createWorkspace, NODES, nodeName } from './bench/processes.mjs';
import { MAIN_SCENARIO } from './bench/scenarios.mjs';
import { benchSchedule } from './bench/schedule.mjs';
import { benchStartUp } from './bench/startup.mjs';
import { kibibytes, seconds } from './bench/stats.mjs';

const { values: options } = parseArgs({ options: { runs: { type: 'string', default: '5' }, before: { type: 'string' }, only: { type: 'string' } } });
if (options.only !== undefined && options.only !== 'schedule') throw new Error(`--only '${options.only}': the one section that runs alone is 'schedule'`);
const RUNS = Number(options.runs);
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 50) throw new Error(`--runs '${options.runs}': give a whole number from 1 to 50`);
const beforeDir = options.before && (existsSync(join(options.before, 'dist', 'index.js')) ? join(options.before, 'dist') : options.before);
if (beforeDir && !existsSync(join(beforeDir, 'index.js'))) throw new Error(`--before '${options.before}': no index.js there or in its dist/`);
const FEW_RUNS = Math.max(3, Math.ceil(RUNS / 2));

const benchStartedAt = performance.now();
const workspace = createWorkspace();
try {
  printHeader();
  if (options.only === 'schedule') {
    const { 'schedule-sim': scheduleScript } = await buildHarnesses(workspace, ['schedule-sim']);
    await benchSchedule({ scheduleScript });
  } else {
    await benchAll();
  }
  console.log(`\nWhole bench: ${seconds(performance.now() - benchStartedAt, 0)}.`);
} finally {
  workspace.remove();
}

/** Every section, in order. */
async function benchAll() {
  const builtAt = performance.now();
  const [{ 'core-only': coreOnlyScript, memory: memoryScript, 'schedule-sim': scheduleScript }, minifiedDir] = await Promise.all([
    buildHarnesses(workspace, ['core-only', 'memory', 'schedule-sim']),
    beforeDir ? undefined : buildMinifiedAction(workspace),
  ]);
  const baseline = beforeDir ? { dir: beforeDir, label: `before: ${beforeDir}` } : { dir: minifiedDir ?? '', label: 'the same sources minified' };
  console.log(`Built the harnesses with ncc in ${seconds(performance.now() - builtAt, 1)}.`);
  await benchSchedule({ scheduleScript });
  // One emulator for sections 2 and 4; section 3 starts fresh ones with a slow API.
  const emulator = await startEmulatorProcess(workspace.writeScenario(MAIN_SCENARIO), { quiet: true });
  try {
    await benchStartUp({ emulator, workspace, coreOnlyScript, baseline, runs: 2 * RUNS + 1 });
    await benchManyTasks({ workspace, runs: FEW_RUNS });
    await benchLongWait({ apiUrl: emulator.url, memoryScript, runs: FEW_RUNS });
    await benchHostile({ workspace });
  } finally {
    await emulator.stop();
  }
}

/** What was measured, on what, and whether dist/index.js is older than src/. */
function printHeader() {
  const action = statSync('dist/index.js');
  const newestSourceMs = Math.max(...readdirSync('src', { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs));
  console.log('udts-wait bench');
  console.log(`${NODES.map((node) => `${nodeName(node)} (${node})`).join(', ')}; ${process.platform} ${process.arch}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}`);
  console.log(`Load average at start: ${loadavg().map((n) => n.toFixed(2)).join(', ')} (other work on this machine inflates the times).`);
  console.log(`dist/index.js: ${kibibytes(action.size)}, built ${action.mtime.toISOString()}`);
  if (newestSourceMs > action.mtimeMs) console.log('NOTE: src/ has changed since dist/index.js was built; run `npm run bundle` to measure the current code.');
}
