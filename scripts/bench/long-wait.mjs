// @ts-check
// Bench section 4: memory over a long wait. The harness (memory.ts, bundled) polls a task that stays
// Loading through the real waiter and client on a virtual clock and reports memory at each checkpoint;
// this module runs it on each Node the bundles run on and prints the medians.
import { spawn } from 'node:child_process';
import { bundleNodes, collect, nodeLabel } from './processes.mjs';
import { count, duration, kibibytes, mebibytes, printTable, ratio, section, seconds, summarize } from './stats.mjs';

/** @typedef {Awaited<ReturnType<typeof import('../runner.mjs').startEmulatorProcess>>} Emulator */

/**
 * One checkpoint of one harness run, as memory.ts prints it (one JSON line each).
 * @typedef {{ polls: number, heapUsedBytes: number, rssBytes: number, youngGenBytes: number, realElapsedMs: number }} MemoryPoint
 */

/** After how many polls the harness reports memory. */
const MEMORY_CHECKPOINTS = [100, 1_000, 5_000];
/** The (virtual) interval: what the polls stand for in waiting time. */
const MEMORY_INTERVAL_MS = 5_000;

/**
 * Runs the harness `runs` times on each Node and prints a table per Node.
 * @param {object} bench
 * @param {Emulator} bench.emulator  serving the 'stays-loading' task
 * @param {string} bench.memoryScript  the bundled scripts/bench/memory.ts
 * @param {number} bench.runs
 */
export async function benchLongWait({ emulator, memoryScript, runs }) {
  const last = Math.max(...MEMORY_CHECKPOINTS);
  section(
    `4. Memory over a long wait: after ${MEMORY_CHECKPOINTS.map(count).join(', ')} polls of a task that stays Loading`,
    'Method: 5,000 polls through the real action at its 100 ms minimum interval would take over 8 minutes, so a',
    'harness (scripts/bench/memory.ts, bundled with ncc) runs the real waiter (waitForTasks), the real signed',
    'client (createUdtsClient) and the action\'s progress observer against the emulator over HTTP, on a',
    `virtual clock whose sleep resolves at once (interval ${MEMORY_INTERVAL_MS / 1_000}s: ${count(last)} polls stand for ${duration(last * MEMORY_INTERVAL_MS)} of waiting).`,
    'At each checkpoint it lets pending request-timeout timers expire (capped at 1 s in the harness, as',
    'polls here come ~1 ms apart), forces a full GC (--expose-gc), lets the finalizers it queued run, GCs',
    'again and reads process.memoryUsage() and the young generation\'s size (node:v8).',
    `${runs} runs, one after another, on each Node the bundles run on.`,
  );
  // The action runs on Node 24 (action.yml); the CLI also on the system's Node 20, which npm names.
  for (const node of bundleNodes()) {
    console.log(`   ${await nodeLabel(node)}:`);
    memoryTable(await memoryRuns(node, emulator, memoryScript, runs));
  }
  console.log('   RSS includes the young generation, which V8 sizes to the allocation rate: here ~1,000 polls a');
  console.log('   second, where a real wait makes one every few seconds. The heap kept after GC is what a leak would grow.');
}

/**
 * Runs the memory harness `runs` times, one after another, and returns each run's checkpoints.
 * @param {string} node
 * @param {Emulator} emulator
 * @param {string} memoryScript
 * @param {number} runs
 */
async function memoryRuns(node, emulator, memoryScript, runs) {
  /** @type {MemoryPoint[][]} */
  const points = [];
  for (let i = 0; i < runs; i += 1) {
    const child = spawn(node, ['--expose-gc', memoryScript], {
      env: {
        PATH: process.env.PATH ?? '',
        BENCH_API_URL: emulator.url,
        BENCH_TASK_ID: 'stays-loading',
        BENCH_CHECKPOINTS: MEMORY_CHECKPOINTS.join(','),
        BENCH_INTERVAL: `${MEMORY_INTERVAL_MS}ms`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const { code, stdout, stderr } = await collect(child);
    if (code !== 0) throw new Error(`memory harness on ${node} exited with ${code}: ${stderr}`);
    points.push(stdout.trim().split('\n').map((line) => JSON.parse(line)));
  }
  return points;
}

/**
 * Prints the medians at each checkpoint, and how the heap kept after GC moves per 1,000 polls.
 * @param {MemoryPoint[][]} runs
 */
function memoryTable(runs) {
  const rows = MEMORY_CHECKPOINTS.map((polls) => {
    const points = runs.map((run) => {
      const point = run.find((p) => p.polls === polls);
      if (point === undefined) throw new Error(`the memory harness reported nothing at ${polls} polls`);
      const { heapUsedBytes, rssBytes, youngGenBytes, realElapsedMs } = point;
      return { heapUsedBytes, rssBytes, youngGenBytes, realElapsedMs };
    });
    return { polls, ...summarize(points) };
  });
  const first = rows[0];
  printTable(
    ['polls', 'waiting stood for', 'heap used after GC', 'vs first', 'RSS', 'of which young gen', 'real time'],
    rows.map((row) => [
      count(row.polls),
      duration(row.polls * MEMORY_INTERVAL_MS),
      mebibytes(row.heapUsedBytes),
      first ? ratio(row.heapUsedBytes, first.heapUsedBytes) : '',
      mebibytes(row.rssBytes),
      mebibytes(row.youngGenBytes),
      seconds(row.realElapsedMs, 1),
    ]),
  );
  const at1k = rows.find((row) => row.polls === 1_000);
  const atLast = rows.at(-1);
  if (at1k && atLast && atLast !== at1k) {
    const perThousand = ((atLast.heapUsedBytes - at1k.heapUsedBytes) / (atLast.polls - at1k.polls)) * 1_000;
    console.log(`   Heap kept after GC changes by ${perThousand >= 0 ? '+' : '-'}${kibibytes(Math.abs(perThousand))} per 1,000 polls from ${count(at1k.polls)} to ${count(atLast.polls)}`
      + ` (a six-hour wait at 5 s is ~4,300 polls).\n`);
  }
}
