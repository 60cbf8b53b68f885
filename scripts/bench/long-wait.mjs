// @ts-check
// Bench section 4: memory over a long wait. The harness (memory.ts, bundled) polls a task that stays
// Loading through the real core on a virtual clock and prints the heap kept after a full GC at each
// checkpoint; this module runs it on each Node and prints the medians.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { NODES, nodeName } from './processes.mjs';
import { count, mebibytes, median, printTable, section } from './stats.mjs';

const CHECKPOINTS = [100, 1_000, 5_000];
/** The (virtual) interval: what the polls stand for in waiting time. */
const INTERVAL_MS = 5_000;

/**
 * Runs the harness `runs` times on each Node, one run after another, and prints one table.
 * @param {object} bench
 * @param {string} bench.apiUrl  an emulator serving the 'stays-loading' task
 * @param {string} bench.memoryScript  the bundled scripts/bench/memory.ts
 * @param {number} bench.runs
 */
export async function benchLongWait({ apiUrl, memoryScript, runs }) {
  section(
    `4. Heap kept over a long wait: after ${CHECKPOINTS.map(count).join(', ')} polls of a task that stays Loading`,
    '5,000 polls through the real action at its 100 ms minimum interval would take over 8 minutes, so a harness',
    '(scripts/bench/memory.ts, bundled with ncc) runs the core both front doors call (runGate: the real waiter,',
    'signed client and progress observer) against the emulator over HTTP, on a virtual clock whose sleep resolves',
    `at once (interval ${INTERVAL_MS / 1_000}s). At each checkpoint it lets the request timers expire, forces a full GC`,
    `(--expose-gc) twice around a turn of the event loop and reads heapUsed. Median of ${runs} runs on each Node.`,
  );
  /** @type {number[][]} heap bytes by checkpoint, one column per Node */
  const columns = [];
  for (const node of NODES) {
    /** @type {Array<Array<{ polls: number, heapUsedBytes: number }>>} */
    const points = [];
    for (let i = 0; i < runs; i += 1) {
      const { stdout } = await promisify(execFile)(node, ['--expose-gc', memoryScript], {
        env: { PATH: process.env.PATH ?? '', BENCH_API_URL: apiUrl, BENCH_TASK_ID: 'stays-loading', BENCH_CHECKPOINTS: CHECKPOINTS.join(','), BENCH_INTERVAL: `${INTERVAL_MS}ms` },
      });
      points.push(stdout.trim().split('\n').map((line) => JSON.parse(line)));
    }
    columns.push(CHECKPOINTS.map((polls) => median(points.map((run) => {
      const point = run.find((p) => p.polls === polls);
      if (point === undefined) throw new Error(`the memory harness reported nothing at ${polls} polls`);
      return point.heapUsedBytes;
    }))));
  }
  printTable(
    ['polls', 'the wait they stand for', ...NODES.map(nodeName)],
    CHECKPOINTS.map((polls, row) => [count(polls), minutes(polls * INTERVAL_MS), ...columns.map((c) => mebibytes(c[row] ?? NaN))]),
  );
}

/** "6 h 57 min". @param {number} ms */
function minutes(ms) {
  const total = Math.round(ms / 60_000);
  return total >= 60 ? `${Math.floor(total / 60)} h ${total % 60} min` : `${total} min`;
}
