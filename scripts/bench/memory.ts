/**
 * The long-wait memory probe: runs the real waiter (waitForTasks), the real signed client
 * (createUdtsClient) and the action's progress observer against the emulator, for thousands of
 * polls, on a virtual clock whose sleep resolves at once, so 5,000 polls at a 5 s interval (about
 * seven hours of waiting) take seconds. At each checkpoint it forces a full GC and reports the heap
 * still in use and the RSS. Bundled by scripts/bench.mjs into a temp dir; run with --expose-gc.
 *
 * Environment: BENCH_API_URL, BENCH_TASK_ID (a task that stays running), BENCH_CHECKPOINTS
 * ("100,1000,5000"), BENCH_INTERVAL ("5s"), BENCH_REQUEST_TIMEOUT_MS ("1000"). Prints one JSON line
 * per checkpoint.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { getHeapSpaceStatistics } from 'node:v8';
import { DEMO_KEYS } from '../../src/emulator/scenario.js';
import { resultMessage } from '../../src/report/message.js';
import { progressObserver } from '../../src/report/progress.js';
import { parseSettings } from '../../src/settings.js';
import { createUdtsClient, type StatusFetcher } from '../../src/udts/client.js';
import type { Clock } from '../../src/wait/types.js';
import { waitForTasks } from '../../src/wait/waiter.js';

const checkpoints = (process.env.BENCH_CHECKPOINTS ?? '100,1000,5000').split(',').map(Number);
const lastCheckpoint = Math.max(...checkpoints);
const settings = parseSettings(
  {
    'task-id': process.env.BENCH_TASK_ID ?? '',
    'public-key': DEMO_KEYS.publicKey,
    'private-key': DEMO_KEYS.privateKey,
    'api-url': process.env.BENCH_API_URL ?? '',
    interval: process.env.BENCH_INTERVAL ?? '5s',
    timeout: '48h',
  },
  {},
);

// Virtual time: a sleep moves the clock on and yields to the event loop, nothing more.
const realStartMs = performance.now();
let virtualNowMs = Date.now();
const clock: Clock = {
  now: () => virtualNowMs,
  sleep: async (ms) => {
    virtualNowMs += ms;
    await new Promise((resolve) => setImmediate(resolve));
  },
  random: Math.random,
};

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

// Polls here come a millisecond apart, not `interval` apart: with the waiter's 30 s request timeout,
// thousands of timeout timers (and the signals they hold) would be alive at once, which a real wait
// never has (it keeps at most 30 s / interval). Capping the timeout keeps that artefact out of the figures.
const requestTimeoutMs = Number(process.env.BENCH_REQUEST_TIMEOUT_MS ?? '1000');
const stop = new AbortController();
const fetchReal = createUdtsClient({ ...DEMO_KEYS, apiUrl: settings.apiUrl, userAgent: 'udts-wait-bench/memory' }).status;
let polls = 0;
let pausedMs = 0;
const startedAtMs = virtualNowMs;
const fetchStatus: StatusFetcher = async (taskId, options) => {
  const reading = await fetchReal(taskId, { ...options, timeoutMs: Math.min(options.timeoutMs, requestTimeoutMs) });
  polls += 1;
  if (checkpoints.includes(polls)) {
    // Let the timeout timers of the last polls expire, as they would have long before in a real wait.
    const pauseStartMs = performance.now();
    await delay(requestTimeoutMs + 200);
    pausedMs += performance.now() - pauseStartMs;
    // A GC, a turn of the event loop for the finalizers it queued (AbortSignal.any drops its WeakRefs
    // to collected signals there), then a GC for what they released.
    gc();
    await delay(50);
    gc();
    const memory = process.memoryUsage();
    const youngGen = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    console.log(JSON.stringify({
      polls,
      heapUsedBytes: memory.heapUsed,
      rssBytes: memory.rss,
      // RSS includes the young generation, which V8 sizes to the allocation rate, not to what is kept.
      youngGenBytes: youngGen?.space_size ?? 0,
      virtualElapsedMs: virtualNowMs - startedAtMs,
      // Time spent polling, the checkpoints' pauses left out.
      realElapsedMs: Math.round(performance.now() - realStartMs - pausedMs),
    }));
    if (polls >= lastCheckpoint) stop.abort(new Error('enough polls'));
  }
  return reading;
};

let lines = 0;
const sink = { info: () => void (lines += 1), warning: () => void (lines += 1), notice: () => void (lines += 1) };
const result = await waitForTasks(settings, {
  fetchStatus,
  clock,
  signal: stop.signal,
  observer: progressObserver(sink, clock.now, startedAtMs),
});
if (result.polls < lastCheckpoint) {
  throw new Error(`the waiter stopped after ${result.polls} polls (${result.outcome}: ${resultMessage(result)})`);
}
