/**
 * The schedule bench's harness: the real waiter (waitForTasks, and through it the real schedule) on a
 * simulated clock against a simulated API, and a fixed-interval loop on the same scenarios. Simulated
 * time: a sleep moves the clock on at once and a request takes its latency, so ten-minute waits run in
 * microseconds and every figure is exact. Bundled by scripts/bench.mjs into a temp dir.
 *
 * Environment: BENCH_SEEDS (comma-separated), BENCH_PER_CLASS, BENCH_INTERVAL_MS. Prints one JSON line per scenario.
 */
import { parseSettings } from '../../src/core/settings.js';
import { readingFromData } from '../../src/udts/status.js';
import type { Clock } from '../../src/wait/types.js';
import { waitForTasks } from '../../src/wait/waiter.js';
import { makeScenarios, seededRandom, statusData, type Scenario } from './schedule-scenarios.js';

const seeds = (process.env.BENCH_SEEDS ?? '14').split(',').map(Number);
const perClass = Number(process.env.BENCH_PER_CLASS ?? '20');
const intervalMs = Number(process.env.BENCH_INTERVAL_MS ?? '15000');
/** The waiter's clock starts here, a realistic epoch; scenario times count from it. */
const EPOCH_MS = Date.UTC(2025, 0, 2, 3, 4, 5);

const settings = parseSettings(
  { 'task-id': 'udts-bench', 'public-key': 'bench', 'private-key': 'bench', interval: `${intervalMs}ms`, timeout: '2h' },
  {},
);

/** Each request takes 40-160 ms; the API reads the task halfway through. */
function latencies(seed: number, index: number): () => number {
  const random = seededRandom(seed * 1_000 + index);
  return () => Math.round(40 + 120 * random());
}

/** The action's waiter on simulated time: when it knew, how many calls, the closest two requests. */
async function runAction(scenario: Scenario, latencyMs: () => number) {
  let nowMs = EPOCH_MS;
  const clock: Clock = { now: () => nowMs, wallNow: () => nowMs, sleep: async (ms) => void (nowMs += ms), random: () => 0.5 };
  const sentAt: number[] = [];
  const fetchStatus = async () => {
    const takesMs = latencyMs();
    sentAt.push(nowMs);
    const data = statusData(scenario, nowMs + takesMs / 2 - EPOCH_MS);
    nowMs += takesMs;
    return readingFromData(data);
  };
  const result = await waitForTasks(settings, { fetchStatus, clock, signal: new AbortController().signal });
  const knewAt = result.tasks[0]?.finishedAt;
  if (result.outcome !== 'success' || knewAt === undefined) throw new Error(`the waiter ended '${result.outcome}' for task ${result.decidingTaskId}`);
  const gapsMs = sentAt.slice(1).map((at, i) => at - (sentAt[i] ?? at));
  return { lateMs: knewAt - EPOCH_MS - scenario.finishMs, calls: result.polls, closestMs: Math.min(...gapsMs, Infinity) };
}

/** The baseline: poll, and sleep the interval after every answer until Done. */
function runFixedLoop(scenario: Scenario, latencyMs: () => number) {
  let nowMs = 0;
  for (let calls = 1; ; calls += 1) {
    const takesMs = latencyMs();
    const done = statusData(scenario, nowMs + takesMs / 2).Status === 'Done';
    nowMs += takesMs;
    if (done) return { lateMs: nowMs - scenario.finishMs, calls };
    nowMs += intervalMs;
  }
}

for (const seed of seeds) {
  let index = 0;
  for (const scenarios of makeScenarios(seed, perClass)) {
    for (const scenario of scenarios) {
      index += 1;
      const action = await runAction(scenario, latencies(seed, index));
      const loop = runFixedLoop(scenario, latencies(seed, index));
      console.log(JSON.stringify({ seed, label: scenario.spec.label, finishMs: scenario.finishMs, updateEveryMs: scenario.updateEveryMs, action, loop }));
    }
  }
}
