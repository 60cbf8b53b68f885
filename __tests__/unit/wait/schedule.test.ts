import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reading } from '../../../src/udts/status.js';
import { finishWindow } from '../../../src/wait/finish-window.js';
import {
  ETA_FLOOR_MS, RECENT_LIMIT, RETRY_BASE_MS, SHIFT_MS, planNextPoll, remember, retryDelay, type PollPlan, type RecentReadings,
} from '../../../src/wait/schedule.js';

const INTERVAL_MS = 15_000;
/** The last poll into a window aims this far past its end (the clock and the figures round). */
const MARGIN_MS = 100;
/** The clock is fractional (performance.now()): a delay of (now + 1 s) - now may come out a few ulps short. */
const ROUNDING = 1e-6;
/** A reading taken at `atMs` on the waiter's clock. */
type Taken = [atMs: number, reading: Reading];

/** The history the waiter would keep after these readings, oldest first (none: as if kept by hand). */
function historyOf(taken: readonly Taken[]): RecentReadings {
  const history = taken.reduce<RecentReadings | undefined>((kept, [at, reading]) => remember(kept, { reading, at }), undefined);
  return history ?? { firstAt: 0, readings: 0, recent: [] };
}

const delayAfter = (taken: readonly Taken[], intervalMs = INTERVAL_MS) => planNextPoll(historyOf(taken), intervalMs);
const atInterval = { delayMs: INTERVAL_MS, aimedAtEta: false };
const aimed = (delayMs: number) => ({ delayMs, aimedAtEta: true });
/** A reading with CurDuration and TotalDuration (s) alone. */
const due = (curDuration: number, totalDuration = 100): Reading => ({ curDuration, totalDuration });

/**
 * Polls on the schedule from 0 until 10 minutes or 40 polls, the task answering `readingAt` each time, and
 * checks every plan against the schedule's invariants as it goes. Returns how many plans aimed at a window.
 */
function followSchedule(readingAt: (atMs: number, poll: number) => Reading, intervalMs: number): number {
  let history: RecentReadings | undefined;
  let aimedPlans = 0;
  for (let polls = 1, at = 0; polls <= 40 && at < 600_000; polls += 1) {
    history = remember(history, { at, reading: readingAt(at, polls) });
    const { delayMs, aimedAtEta }: PollPlan = planNextPoll(history, intervalMs);
    const nextAt = at + delayMs;
    const { freshest, recent } = history;
    const window = finishWindow(freshest === undefined || recent.includes(freshest) ? recent : [freshest, ...recent]);
    const broken = [
      // Never sooner than the floor, never later than the interval.
      delayMs >= Math.min(ETA_FLOOR_MS, intervalMs) - ROUNDING && delayMs <= intervalMs ? '' : 'from the floor to the interval',
      // Never more than two polls beyond a fixed loop: poll n + 1 comes no sooner than the loop's n - 1st, n - 2 intervals on.
      nextAt >= (polls - 2) * intervalMs - ROUNDING ? '' : 'two polls beyond the loop at most',
      // Aimed exactly when the window may start before the next interval poll...
      aimedAtEta === (window !== undefined && window.earliestAt - at < intervalMs) ? '' : 'aimed when the window starts before the next interval poll',
      // ...then into it, past its end only as far as the floor or the spare polls hold it back.
      !aimedAtEta || !window || (nextAt >= window.earliestAt - ROUNDING
        && nextAt <= Math.max(window.latestAt + MARGIN_MS, at + Math.min(ETA_FLOOR_MS, intervalMs), (polls - 2) * intervalMs) + ROUNDING) ? '' : 'into the window',
      // An interval poll comes early (at most SHIFT_MS) only when the window starts before the poll after it.
      aimedAtEta || delayMs === intervalMs || (delayMs >= intervalMs - SHIFT_MS && window !== undefined && window.earliestAt - at < 2 * intervalMs)
        ? '' : 'early only before the window',
    ].filter(Boolean);
    if (broken.length > 0) throw new Error(`poll ${polls} at ${at} ms planned ${JSON.stringify({ delayMs, aimedAtEta, window })}: not ${broken.join(', ')}`);
    if (aimedAtEta) aimedPlans += 1;
    at = nextAt;
  }
  return aimedPlans;
}

/** A task as the service reports it: progress of some shape from snapshots of some age, TotalDuration off by some factor. */
const reportedTask = fc.record({
  finishMs: fc.integer({ min: 1_000, max: 600_000 }),
  ranBeforeMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 300_000 })),
  exponent: fc.double({ min: 0.5, max: 2, noNaN: true }),
  everyMs: fc.integer({ min: 1_000, max: 10_000 }),
  phaseMs: fc.integer({ min: 0, max: 9_999 }),
  factor: fc.option(fc.double({ min: 0.4, max: 1.6, noNaN: true }), { nil: undefined }),
  counts: fc.boolean(),
});

/** What such a task answers at `atMs` (0: the wait's first poll), as of its last snapshot; past its finish, 100%. */
function reportedAt(task: typeof reportedTask extends fc.Arbitrary<infer T> ? T : never, atMs: number): Reading {
  const totalMs = task.ranBeforeMs + task.finishMs;
  const snapshotMs = Math.min(totalMs, Math.max(0, Math.floor((task.ranBeforeMs + atMs - task.phaseMs) / task.everyMs) * task.everyMs + task.phaseMs));
  const fraction = (snapshotMs / totalMs) ** task.exponent;
  const progress = task.counts ? { curCount: Math.floor(fraction * 1e6), totalCount: 1e6 } : { percentage: Math.round(fraction * 10_000) / 100 };
  if (task.factor === undefined) return { status: 'Loading', ...progress };
  return { status: 'Loading', ...progress, totalDuration: Math.round((totalMs * task.factor) / 1_000), curDuration: Math.floor(snapshotMs / 1_000) };
}

/** A service that says the same time is left at every reading: an estimate that keeps failing, or keeps receding. */
const recedingTask = fc.record({ ranS: fc.integer({ min: 0, max: 600 }), leftS: fc.integer({ min: -30, max: 60 }), percentage: fc.boolean() });

/** Any figures at all, absurd sizes included, answered in turn. */
const anyField = fc.option(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -5, max: 200 })), { nil: undefined });
const anyReading = fc.record({ percentage: anyField, curCount: anyField, totalCount: anyField, curDuration: anyField, totalDuration: anyField });

describe('planNextPoll: the invariants, over generated reading histories', () => {
  it.each([INTERVAL_MS, 10_000, 5_000, 500])('a task as services report it, interval %d ms', (intervalMs) => {
    let aimedPlans = 0;
    fc.assert(fc.property(reportedTask, (task) => void (aimedPlans += followSchedule((at) => reportedAt(task, at), intervalMs))));
    expect(aimedPlans).toBeGreaterThan(0);
  });

  it.each([INTERVAL_MS, 500])('an estimate that never comes true, interval %d ms', (intervalMs) => {
    fc.assert(fc.property(recedingTask, ({ ranS, leftS, percentage }) => {
      followSchedule((at) => {
        const curDuration = ranS + Math.floor(at / 1_000);
        return { curDuration, totalDuration: curDuration + leftS, ...(percentage ? { percentage: 50 } : {}) };
      }, intervalMs);
    }));
  });

  it.each([INTERVAL_MS, 100])('any figures, interval %d ms', (intervalMs) => {
    fc.assert(fc.property(fc.array(anyReading, { minLength: 1, maxLength: 12 }), (readings) => {
      followSchedule((_at, poll) => readings[(poll - 1) % readings.length] as Reading, intervalMs);
    }));
  });

  it.each([INTERVAL_MS, 500, 100])('any figures at any times, interval %d ms: a finite delay from the floor to the interval', (intervalMs) => {
    const taken = fc.array(fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), anyReading), { minLength: 1, maxLength: 12 });
    fc.assert(fc.property(taken, (readings) => {
      const { delayMs } = delayAfter([...readings].sort(([a], [b]) => a - b) as Taken[], intervalMs);
      return Number.isFinite(delayMs) && delayMs >= Math.min(ETA_FLOOR_MS, intervalMs) && delayMs <= intervalMs;
    }));
  });
});

describe('planNextPoll: exact rows where the invariants leave the arithmetic open', () => {
  // A first reading with TotalDuration: the window is [left - 11.5 s, left + 0.5 s] (the snapshot up to 10 s old,
  // the figures whole seconds). Two spare polls may come before the loop's next; the last 0.1 s past the window.
  it.each<[string, number, number, PollPlan]>([
    ['wider than two steps: 1.5 s below the top (14.6 s)', 14, INTERVAL_MS, aimed(13_100)],
    ["the loop's next poll in the window too: three polls, from 15.6 s down", 15, INTERVAL_MS, aimed(12_600)],
    ['narrower than the steps: evenly over [0, 3.6 s], yet no closer than a step to the last', 3, INTERVAL_MS, aimed(2_100)],
    ['overdue: the floor', -30, INTERVAL_MS, aimed(ETA_FLOOR_MS)],
    ['starting between the next two interval polls: the next comes SHIFT_MS early', 30, INTERVAL_MS, { delayMs: INTERVAL_MS - SHIFT_MS, aimedAtEta: false }],
    ['further off: the interval', 90, INTERVAL_MS, atInterval],
    ['a short interval caps the delay and the floor', 0, 500, aimed(500)],
    ['an interval under 4 times SHIFT_MS is never shifted', 17, 5_000, { delayMs: 5_000, aimedAtEta: false }],
    ['an interval of 4 times SHIFT_MS is', 25, 4 * SHIFT_MS, { delayMs: 3 * SHIFT_MS, aimedAtEta: false }],
  ])('%s (%d s left, interval %d ms)', (_what, leftS, intervalMs, plan) => {
    expect(delayAfter([[0, { totalDuration: 100, curDuration: 100 - leftS }]], intervalMs)).toEqual(plan);
  });

  it.each<[string, Taken[], PollPlan]>([
    ['the same a minute later on the clock', [[60_000, due(70)]], { delayMs: INTERVAL_MS - SHIFT_MS, aimedAtEta: false }],
    // Window [21.5 s, 22.5 s]: two polls before the loop's next, evenly over it to 22.6 s: 22.05 s.
    ['a narrow window: evenly', [[0, { percentage: 40 }], [15_000, { percentage: 80 }]], aimed(7_050)],
    // Window [19 s, 30 s] to probe: a poll 6 s after the last snapshot shows how progress bends.
    ['a wide window to probe: early in it, yet 6 s after the last snapshot', [[0, { percentage: 0 }], [15_000, { percentage: 50 }]], aimed(6_000)],
    // Window [14.8 s, 17.4 s] to probe, but narrower than two steps: evenly, 1.25 s in.
    ['a narrow window to probe: evenly', [[0, { curCount: 0, totalCount: 174 }], [15_000, { curCount: 150, totalCount: 174 }]], aimed(1_250)],
    // Window [20 s, 33 s] to probe: a step into it, already more than 6 s after the last snapshot.
    ['a wide window to probe that starts late: a step into it', [[0, { curCount: 0, totalCount: 11 }], [15_000, { curCount: 5, totalCount: 11 }]], aimed(6_500)],
    // Readings off each other's beat (2.5 s, or exactly 1.5 s) already show their staleness: no shift.
    ['no shift once the readings differ in staleness', [[0, due(60)], [12_500, due(70)]], atInterval],
    ['nor when they differ by exactly 1.5 s', [[0, due(60)], [13_500, due(72)]], atInterval],
    // The first reading, the only fresh one, fell out of the last RECENT_LIMIT: it still shows the rest are 4 s stale.
    ['the reading that dates the start best, however old', Array.from({ length: RECENT_LIMIT + 1 }, (_, i): Taken => [15_000 * i, due(i === 0 ? 0 : 15 * i - 4, 150)]), atInterval],
    // Readings at 0 and 15 s and two spares by 26 s: the fifth may not come before 30 s, the loop's third.
    ["spares spent: the loop's next poll", [[0, due(0)], [15_000, due(90)], [25_050, due(100)], [26_050, due(100)]], aimed(3_950)],
    ['a history without readings: the interval', [], atInterval],
  ])('%s', (_what, taken, plan) => {
    expect(delayAfter(taken)).toEqual(plan);
  });

  it.each<[string, (atMs: number) => Reading, number[]]>([
    // "3 s left" after every reading: two spares (windows [-8.5 s, 3.5 s], then [1.5 s, 5.6 s]), then the loop's times.
    ['an estimate that keeps failing', (at) => ({ curDuration: 97 + at / 1_000, totalDuration: 100 + at / 1_000 }), [0, 2_100, 5_700, 15_000, 30_000, 45_000]],
    // "27 s left" after every reading: 2.5 s early each time until the two spares are spent, then the loop's times.
    ['an estimate that keeps receding', (at) => ({ curDuration: at / 1_000, totalDuration: at / 1_000 + 27 }),
      [0, 12_500, 25_000, 37_500, 50_000, 62_500, 75_000, 87_500, 100_000, 112_500, 125_000, 137_500, 150_000, 165_000, 180_000]],
  ])('%s: the poll times', (_what, readingAt, times) => {
    const polled = [0];
    while (polled.length < times.length) polled.push((polled.at(-1) ?? 0) + delayAfter(polled.map((at): Taken => [at, readingAt(at)])).delayMs);
    expect(polled).toEqual(times);
  });
});

describe('remember', () => {
  it('counts every reading, keeps the first time and the last RECENT_LIMIT readings', () => {
    const taken: Taken[] = Array.from({ length: RECENT_LIMIT + 3 }, (_, i) => [1_000 * i, { percentage: i }]);
    const { firstAt, readings, recent } = historyOf(taken);
    expect({ firstAt, readings, recent: recent.map((r) => r.at) }).toEqual({ firstAt: 0, readings: RECENT_LIMIT + 3, recent: taken.slice(-RECENT_LIMIT).map(([at]) => at) });
  });

  it.each<[string, Taken[], number]>([
    // The first reading is the only fresh one (start at 0 s); the rest are 2 s stale.
    ['however old', Array.from({ length: RECENT_LIMIT + 3 }, (_, i): Taken => [15_000 * i, { curDuration: i === 0 ? 0 : 15 * i - 2 }]), 0],
    ['a later reading that dates it better', [[0, { curDuration: 10 }], [15_000, { curDuration: 27 }]], 15_000],
    ['one that dates it as well: the first', [[0, { curDuration: 10 }], [15_000, { curDuration: 25 }]], 0],
    ['the same CurDuration again is no restart', [[0, { curDuration: 10 }], [5_000, { curDuration: 10 }]], 0],
    ['CurDuration went back: the task restarted, the old one is forgotten', [[0, { curDuration: 50 }], [15_000, { curDuration: 60 }], [30_000, { curDuration: 3 }]], 30_000],
  ])('keeps the reading that dates the start best: %s', (_what, taken, freshestAt) => {
    expect(historyOf(taken).freshest?.at).toBe(freshestAt);
  });
});

describe('retryDelay: capped exponential backoff with full jitter', () => {
  it.each<[string, number[], number, number, number[]]>([
    ['half of 500, 1000, 2000, ... capped at the interval', [1, 2, 3, 4, 5, 6, 7, 8], INTERVAL_MS, 0.5, [250, 500, 1_000, 2_000, 4_000, 7_500, 7_500, 7_500]],
    ['just under each cap, the first RETRY_BASE_MS', [0, 1, 2, 3, 4, 5, 6], 10_000, 0.9999, [RETRY_BASE_MS - 1, RETRY_BASE_MS - 1, 999, 1_999, 3_999, 7_999, 9_999]],
    ['no wait', [3], INTERVAL_MS, 0, [0]],
    ['never longer than a short interval', [1, 50], 200, 0.9999, [199, 199]],
    ['a huge attempt count does not overflow', [10_000], INTERVAL_MS, 0.5, [7_500]],
  ])('%s', (_what, attempts, intervalMs, random, delays) => {
    expect(attempts.map((attempt) => retryDelay(attempt, intervalMs, () => random))).toEqual(delays);
  });
});
