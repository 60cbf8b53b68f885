/**
 * The long-wait memory probe (bench section 4): the core both front doors call (runGate: settings, the
 * real waiter, signed client and progress observer) polls the emulator on a virtual clock whose sleep
 * resolves at once, so 5,000 polls at a 5 s interval (seven hours of waiting) take seconds. At each
 * checkpoint it forces a full GC and prints the heap still in use. Bundled by scripts/bench.mjs; run
 * with --expose-gc. Environment: BENCH_API_URL, BENCH_TASK_ID (a task that stays running),
 * BENCH_CHECKPOINTS ("100,1000,5000"), BENCH_INTERVAL ("5s"). Prints one JSON line per checkpoint.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { runGate } from '../../src/core/gate.js';
import type { RecordSink } from '../../src/core/sink.js';
import { createUdtsClient } from '../../src/udts/client.js';
import type { Clock } from '../../src/wait/types.js';

const checkpoints = (process.env.BENCH_CHECKPOINTS ?? '100,1000,5000').split(',').map(Number);
const lastCheckpoint = Math.max(...checkpoints);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

// Virtual time: a sleep moves the clock on and yields to the event loop, nothing more.
let virtualNowMs = Date.now();
const clock: Clock = {
  now: () => virtualNowMs,
  wallNow: () => virtualNowMs,
  sleep: async (ms) => {
    virtualNowMs += ms;
    await new Promise((resolve) => setImmediate(resolve));
  },
  random: Math.random,
};

// Polls here come a millisecond apart, not `interval` apart: with the waiter's 30 s request timeout,
// thousands of timeout timers (and the signals they hold) would be alive at once, which a real wait
// never has (it keeps at most 30 s / interval). Capping the timeout keeps that artefact out of the figures.
const REQUEST_TIMEOUT_MS = 1_000;
const stop = new AbortController();
let polls = 0;
const connect: typeof createUdtsClient = (config) => {
  const client = createUdtsClient(config);
  const status: typeof client.status = async (taskId, options) => {
    const reading = await client.status(taskId, { ...options, timeoutMs: Math.min(options.timeoutMs, REQUEST_TIMEOUT_MS) });
    polls += 1;
    if (checkpoints.includes(polls)) {
      // Let the timeout timers of the last polls expire, as they would have long before in a real wait;
      // a GC, a turn of the event loop for the finalizers it queued (AbortSignal.any drops its WeakRefs
      // to collected signals there), then a GC for what they released.
      await delay(REQUEST_TIMEOUT_MS + 200);
      gc();
      await delay(50);
      gc();
      console.log(JSON.stringify({ polls, heapUsedBytes: process.memoryUsage().heapUsed }));
      if (polls >= lastCheckpoint) stop.abort(new Error('enough polls'));
    }
    return reading;
  };
  return { ...client, status };
};

// Log lines go nowhere; what the gate publishes at the end is no part of a long wait.
const ignore = () => {};
const sink: RecordSink = {
  frontDoor: 'action',
  secret: ignore,
  lines: { info: ignore, warning: ignore, notice: ignore },
  publish: async () => {},
  publishSetupError: async (error) => { throw error; },
};
const raw = {
  'task-id': process.env.BENCH_TASK_ID ?? '',
  'public-key': 'demo-public-key',
  'private-key': 'demo-private-key',
  'api-url': process.env.BENCH_API_URL ?? '',
  interval: process.env.BENCH_INTERVAL ?? '5s',
  timeout: '48h',
};
const outcome = await runGate(raw, { clock, signal: stop.signal, env: {}, connect }, sink);
if (outcome.kind !== 'waited' || outcome.result.polls < lastCheckpoint) {
  throw new Error(`the wait stopped early: ${JSON.stringify(outcome.kind === 'waited' ? outcome.result.outcome : outcome.error.message)}`);
}
