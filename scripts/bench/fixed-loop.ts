/**
 * The bench's baseline: the plain fixed-interval loop a gate would be without an ETA. Same signed
 * client (createUdtsClient) as the action, same emulator; it polls, and sleeps `interval` after
 * every answer until the task reaches a success or failure state. Bundled by scripts/bench.mjs
 * into a temp dir at bench time; never shipped.
 *
 * Environment: BENCH_API_URL, BENCH_TASK_ID, BENCH_INTERVAL_MS. Prints {"polls":N,"status":"..."}.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { DEMO_KEYS } from '../../src/emulator/scenario.js';
import { createUdtsClient } from '../../src/udts/client.js';
import { DEFAULT_FAILURE_STATES, DEFAULT_SUCCESS_STATES } from '../../src/udts/status.js';

const FINAL_STATES = new Set<string>([...DEFAULT_SUCCESS_STATES, ...DEFAULT_FAILURE_STATES]);

const apiUrl = process.env.BENCH_API_URL ?? '';
const taskId = process.env.BENCH_TASK_ID ?? '';
const intervalMs = Number(process.env.BENCH_INTERVAL_MS ?? '5000');

const fetchStatus = createUdtsClient({ apiUrl, ...DEMO_KEYS, userAgent: 'udts-wait-bench/fixed-loop' }).status;
const signal = new AbortController().signal;
let polls = 0;
for (;;) {
  polls += 1;
  const reading = await fetchStatus(taskId, { signal, timeoutMs: 30_000 });
  if (reading.status !== undefined && FINAL_STATES.has(reading.status)) {
    console.log(JSON.stringify({ polls, status: reading.status }));
    break;
  }
  await delay(intervalMs);
}
