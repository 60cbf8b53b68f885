// @ts-check
// Bench section: the poll schedule against a fixed-interval loop, per class of task. The harness
// (schedule-sim.ts, bundled) runs the real waiter on simulated time over many seeds; this module prints
// a row per class, its median and its worst case over all of them, and on how many seeds the targets
// hold: the finish is known at most 1 s late at the median and 2 s at worst; a task takes at most 2
// calls beyond ceil(finish / interval) + 1 (about what a fixed loop of that interval makes); no two
// polls of a task are closer than 1 s.
import { spawn } from 'node:child_process';
import { collect, NODE } from './processes.mjs';
import { median, printTable, section, seconds } from './stats.mjs';

/** The interval both are given: the action's default. */
const INTERVAL_MS = 15_000;
/** The seeds the scenarios are drawn with, and how many per class each: every figure is over all of them. */
const SEEDS = Array.from({ length: 24 }, (_, i) => i + 1);
const PER_CLASS = 20;

/**
 * One scenario's figures, as schedule-sim.ts prints them (one JSON line each).
 * @typedef {{ seed: number, label: string, finishMs: number, updateEveryMs: number, action: { lateMs: number, calls: number, closestMs: number }, loop: { lateMs: number, calls: number } }} SimRun
 */

/**
 * Runs the harness once and prints the table: per class, the median and the worst case over every seed.
 * @param {object} bench
 * @param {string} bench.scheduleScript  the bundled scripts/bench/schedule-sim.ts
 */
export async function benchSchedule({ scheduleScript }) {
  section(
    '1. The poll schedule per class of task: detection latency and API calls against a fixed loop',
    `Simulated time (exact, not measured on this machine): the real waiter and schedule (src/wait/) against a simulated`,
    `API that answers in 40-160 ms, and a loop that sleeps ${INTERVAL_MS / 1_000} s after each answer, on the same seeded scenarios:`,
    `${PER_CLASS} per class on each of seeds ${SEEDS[0]}-${SEEDS.at(-1)} (scripts/bench/schedule-scenarios.ts), finish 20 s-10 min after the first`,
    'request, a third of the waits starting with the task, the rest after it ran 10 s-5 min; progress fields from snapshots',
    'taken every 1 s (stale class: every 2-10 s), status as of the moment. Interval: the default 15 s. "late": from the',
    'finish to the answer that says Done. Medians and worst cases over every seed; "worst over loop": the most calls beyond',
    "the loop's on one task.",
  );
  const child = spawn(NODE, [scheduleScript], {
    env: { PATH: process.env.PATH ?? '', BENCH_SEEDS: SEEDS.join(','), BENCH_PER_CLASS: String(PER_CLASS), BENCH_INTERVAL_MS: String(INTERVAL_MS) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { code, stdout, stderr } = await collect(child);
  if (code !== 0) throw new Error(`the schedule harness failed (${code}): ${stderr}`);
  /** @type {SimRun[]} */
  const runs = stdout.trim().split('\n').map((line) => JSON.parse(line));
  const labels = [...new Set(runs.map((run) => run.label))];

  const rows = labels.map((label) => {
    const mine = runs.filter((run) => run.label === label);
    const late = mine.map((run) => run.action.lateMs);
    const loopLate = mine.map((run) => run.loop.lateMs);
    const overLoop = Math.max(...mine.map((run) => run.action.calls - run.loop.calls));
    const missedOn = SEEDS.filter((seed) => missed(mine.filter((run) => run.seed === seed)).length > 0);
    return [
      label,
      `${seconds(median(late))} / ${seconds(Math.max(...late))}`,
      `${seconds(median(loopLate))} / ${seconds(Math.max(...loopLate))}`,
      `${median(mine.map((run) => run.action.calls))} / ${median(mine.map((run) => run.loop.calls))}`,
      `${overLoop >= 0 ? '+' : ''}${overLoop}`,
      seconds(Math.min(...mine.map((run) => run.action.closestMs)), 1),
      `${SEEDS.length - missedOn.length} of ${SEEDS.length}`,
    ];
  });
  printTable(['class', 'late: action median / worst', 'loop median / worst', 'calls: action / loop', 'worst over loop', 'closest polls', 'seeds on target'], rows);
  console.log('   Targets, per seed and class (late at most 1 s median, 2 s worst; calls at most ceil(finish / interval) + 3; polls at least 1 s apart).');
  const failures = labels.flatMap((label) => missed(runs.filter((run) => run.label === label)).map((miss) => `${label}: ${miss}`));
  console.log(`   Over all ${SEEDS.length} seeds together: ${failures.length === 0 ? 'met' : `NOT met (${failures.join('; ')})`}.`);
  // Stale progress hides how stale it is when its period divides the interval: every reading is equally old.
  for (const label of labels) {
    const periods = [...new Set(runs.filter((run) => run.label === label).map((run) => run.updateEveryMs))].sort((a, b) => a - b);
    if (periods.length < 2) continue;
    const worstBy = periods.map((period) => {
      const late = runs.filter((run) => run.label === label && run.updateEveryMs === period).map((run) => run.action.lateMs);
      return `every ${period / 1_000} s ${seconds(Math.max(...late))} (${late.length})`;
    });
    console.log(`   ${label}, worst late over every seed by how often progress is updated: ${worstBy.join(', ')}.`);
  }
}

/**
 * Which targets one class's scenarios miss: a median delay over 1 s or a worst over 2 s; more than
 * ceil(finish / interval) + 3 calls on a task; two polls closer than 1 s.
 * @param {SimRun[]} mine
 */
function missed(mine) {
  const late = mine.map((run) => run.action.lateMs);
  return [
    median(late) > 1_000 || Math.max(...late) > 2_000 ? 'late' : '',
    Math.max(...mine.map((run) => run.action.calls - (Math.ceil(run.finishMs / INTERVAL_MS) + 1))) > 2 ? 'calls' : '',
    Math.min(...mine.map((run) => run.action.closestMs)) < 1_000 ? 'polls closer than 1 s' : '',
  ].filter(Boolean);
}
