// @ts-check
// Bench section: the poll schedule against a fixed-interval loop, per class of task (issue 14). The
// harness (schedule-sim.ts, bundled) runs the real waiter on simulated time; this module prints a row
// per class and whether issue 14's targets hold.
import { spawn } from 'node:child_process';
import { collect, NODE } from './processes.mjs';
import { median, printTable, section, seconds } from './stats.mjs';

/** The interval both are given: the action's default. */
const INTERVAL_MS = 15_000;
/** The seed the scenarios are drawn with, and how many per class. */
const SEED = 14;
const PER_CLASS = 20;

/**
 * One scenario's figures, as schedule-sim.ts prints them (one JSON line each).
 * @typedef {{ label: string, finishMs: number, updateEveryMs: number, action: { lateMs: number, calls: number, closestMs: number }, loop: { lateMs: number, calls: number } }} SimRun
 */

/**
 * Runs the harness once and prints the table.
 * @param {object} bench
 * @param {string} bench.scheduleScript  the bundled scripts/bench/schedule-sim.ts
 */
export async function benchSchedule({ scheduleScript }) {
  section(
    '1b. The poll schedule per class of task: detection latency and API calls against a fixed loop',
    `Simulated time (exact, not measured on this machine): the real waiter and schedule (src/wait/) against a simulated`,
    `API that answers in 40-160 ms, and a loop that sleeps ${INTERVAL_MS / 1_000} s after each answer, on the same ${PER_CLASS} seeded`,
    `scenarios per class (seed ${SEED}, scripts/bench/schedule-scenarios.ts): finish 20 s-10 min after the first request,`,
    'a third of the waits starting with the task, the rest after it ran 10 s-5 min; progress fields from snapshots',
    'taken every 1 s (stale class: every 2-5 s), status as of the moment. Interval: the default 15 s. "late": from the',
    'finish to the answer that says Done. Calls: medians; "worst over loop": the most calls beyond the loop\'s on one task.',
  );
  const child = spawn(NODE, [scheduleScript], {
    env: { PATH: process.env.PATH ?? '', BENCH_SEED: String(SEED), BENCH_PER_CLASS: String(PER_CLASS), BENCH_INTERVAL_MS: String(INTERVAL_MS) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { code, stdout, stderr } = await collect(child);
  if (code !== 0) throw new Error(`the schedule harness failed (${code}): ${stderr}`);
  /** @type {SimRun[]} */
  const runs = stdout.trim().split('\n').map((line) => JSON.parse(line));
  const labels = [...new Set(runs.map((run) => run.label))];

  /** @type {string[]} */
  const failures = [];
  const rows = labels.map((label) => {
    const mine = runs.filter((run) => run.label === label);
    /** @param {number[]} values */
    const worst = (values) => Math.max(...values);
    const late = mine.map((run) => run.action.lateMs);
    const loopLate = mine.map((run) => run.loop.lateMs);
    const overLoop = worst(mine.map((run) => run.action.calls - run.loop.calls));
    const overBound = worst(mine.map((run) => run.action.calls - (Math.ceil(run.finishMs / INTERVAL_MS) + 1)));
    const closestMs = Math.min(...mine.map((run) => run.action.closestMs));
    if (median(late) > 1_000 || worst(late) > 2_000) failures.push(`${label}: late`);
    if (overBound > 2) failures.push(`${label}: calls`);
    if (closestMs < 1_000) failures.push(`${label}: polls closer than 1 s`);
    return [
      label,
      `${seconds(median(late))} / ${seconds(worst(late))}`,
      `${seconds(median(loopLate))} / ${seconds(worst(loopLate))}`,
      `${median(mine.map((run) => run.action.calls))} / ${median(mine.map((run) => run.loop.calls))}`,
      `${overLoop >= 0 ? '+' : ''}${overLoop}`,
      seconds(closestMs, 1),
    ];
  });
  printTable(['class', 'late: action median / worst', 'loop median / worst', 'calls: action / loop', 'worst over loop', 'closest polls'], rows);
  console.log(`   Targets (late at most 1 s median, 2 s worst; calls at most ceil(finish / interval) + 3; polls at least 1 s apart): ${
    failures.length === 0 ? 'met' : `NOT met (${failures.join('; ')})`}.`);
  // Stale progress hides how stale it is when its period divides the interval: every reading is equally old.
  for (const label of labels) {
    const periods = [...new Set(runs.filter((run) => run.label === label).map((run) => run.updateEveryMs))].sort((a, b) => a - b);
    if (periods.length < 2) continue;
    const worstBy = periods.map((period) => {
      const late = runs.filter((run) => run.label === label && run.updateEveryMs === period).map((run) => run.action.lateMs);
      return `every ${period / 1_000} s ${seconds(Math.max(...late))} (${late.length})`;
    });
    console.log(`   ${label}, worst late by how often progress is updated: ${worstBy.join(', ')}.`);
  }
}
