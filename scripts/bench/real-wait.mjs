// @ts-check
// Bench section 5 (only with --real-wait, as it takes minutes): the real action, dist/index.js run as
// the runner runs it, polling a task that stays Loading at its minimum interval, with its resident
// memory read from outside at poll-count checkpoints. Section 4 shows what the code keeps (heap after
// GC); this shows what the process costs the runner as V8 warms up, on each Node the bundle runs on.
import { readFileSync } from 'node:fs';
import { startAction, startEmulatorProcess } from '../runner.mjs';
import { bundleNodes, KEY_INPUTS, NODE, nodeLabel } from './processes.mjs';
import { count, mebibytes, printTable, ratio, section, seconds } from './stats.mjs';

/** The action's minimum interval: the most polls a real run can make in a given time. */
const REAL_INTERVAL = '100ms';
/** How often the bench reads the emulator's request count and the action's memory. */
const SAMPLE_EVERY_MS = 250;

/**
 * Runs the action once on each Node until it has polled `polls` times and prints its memory at checkpoints.
 * @param {object} bench
 * @param {import('./processes.mjs').Workspace} bench.workspace  for the scenario file
 * @param {number} bench.polls  the last checkpoint
 */
export async function benchRealWait({ workspace, polls }) {
  const checkpoints = [100, 500, 1_000, 2_000, 3_000, 5_000].filter((n) => n < polls).concat(polls);
  section(
    `5. The real action over ${count(polls)} polls at its minimum interval (${REAL_INTERVAL}): resident memory as the runner sees it`,
    'dist/index.js run as the runner runs it, on a task that stays Loading, against its own emulator. Every',
    `${SAMPLE_EVERY_MS} ms the bench reads the emulator's request count and the action's VmRSS (/proc/<pid>/status);`,
    'each row is the first sample at or past that many polls. "Peak" is VmHWM just before the bench stops it',
    '(SIGTERM). One run per Node: this section takes real time (about 10 polls a second).',
  );
  const scenarioFile = workspace.writeScenario('real-wait', {
    description: 'udts-wait bench: a task that stays Loading',
    tasks: { 'real-wait': { steps: [{ data: { Status: 'Loading', CurRetryCount: 0, MaxRetryCount: 3, Progress: { Percentage: 40 } } }] } },
  });
  for (const node of bundleNodes()) {
    const emulator = await startEmulatorProcess(scenarioFile, { node: NODE, quiet: true });
    try {
      const { points, peakBytes } = await sampleRun(node, emulator, checkpoints);
      const first = points[0]?.rssBytes ?? NaN;
      console.log(`\n   ${await nodeLabel(node)}:`);
      printTable(
        ['polls', 'real time', 'RSS', `vs at ${count(checkpoints[0] ?? 0)}`],
        points.map((p) => [count(p.polls), seconds(p.elapsedMs, 0), mebibytes(p.rssBytes), ratio(p.rssBytes, first)]),
      );
      console.log(`   Peak (VmHWM): ${mebibytes(peakBytes)}.`);
    } finally {
      await emulator.stop();
    }
  }
}

/**
 * Starts the action, samples it until the emulator has seen the last checkpoint's polls, then stops it.
 * @param {string} node
 * @param {{ url: string, stats: () => Promise<{ requests: number }> }} emulator
 * @param {number[]} checkpoints  ascending
 */
async function sampleRun(node, emulator, checkpoints) {
  const inputs = { 'task-id': 'real-wait', ...KEY_INPUTS, 'api-url': emulator.url, interval: REAL_INTERVAL, timeout: '6h' };
  const { child, done } = startAction({ inputs, node });
  const startedAt = performance.now();
  /** @type {Array<{ polls: number, elapsedMs: number, rssBytes: number }>} */
  const points = [];
  let peakBytes = 0;
  // The action must outlive the sampling: if it exits first, say why, with its log.
  const exitedEarly = async () => {
    const run = await done;
    return new Error(`the action exited (code ${run.code}) after ${points.length} of ${checkpoints.length} checkpoints:\n${run.stdout}${run.stderr}`);
  };
  try {
    for (const checkpoint of checkpoints) {
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
        const { requests } = await emulator.stats();
        const status = readStatus(child.pid);
        if (status === undefined) throw await exitedEarly();
        if (requests >= checkpoint) {
          points.push({ polls: requests, elapsedMs: performance.now() - startedAt, rssBytes: statusKib(status, 'VmRSS') * 1024 });
          peakBytes = statusKib(status, 'VmHWM') * 1024;
          break;
        }
      }
    }
  } finally {
    child.kill('SIGTERM');
    // The action stops within a second of SIGTERM; one that does not must not hang the bench.
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await done;
    clearTimeout(killer);
  }
  return { points, peakBytes };
}

/**
 * The process's /proc/<pid>/status, or undefined once it has exited (gone, or a zombie without memory).
 * @param {number | undefined} pid
 */
function readStatus(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return /^VmRSS:/m.test(status) ? status : undefined;
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * A "Name:   1234 kB" field of /proc/<pid>/status, in KiB.
 * @param {string} status
 * @param {string} name
 */
function statusKib(status, name) {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`no ${name} in /proc/<pid>/status`);
  return Number(match[1]);
}
