import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reading } from '../../../src/udts/status.js';
import {
  ETA_FLOOR_MS, HISTORY_LIMIT, RETRY_BASE_MS, planNextPoll, remember, retryDelay, type PollHistory,
} from '../../../src/wait/schedule.js';

const INTERVAL_MS = 15_000;
/** A reading taken at `atMs` on the waiter's clock. */
type Taken = [atMs: number, reading: Reading];

/** The history the waiter would keep after these readings, oldest first. */
function historyOf(taken: readonly Taken[]): PollHistory {
  const history = taken.reduce<PollHistory | undefined>((kept, [at, reading]) => remember(kept, { reading, at }), undefined);
  if (history === undefined) throw new Error('a history needs a reading');
  return history;
}

const delayAfter = (taken: readonly Taken[], intervalMs = INTERVAL_MS) => planNextPoll(historyOf(taken), intervalMs);
const atInterval = { delayMs: INTERVAL_MS, aimedAtEta: false };
const aimed = (delayMs: number) => ({ delayMs, aimedAtEta: true });

describe('planNextPoll: no estimate, the interval', () => {
  it.each<[string, Taken[]]>([
    ['no progress figures', [[0, { status: 'Loading' }]]],
    ['one percentage, nothing to time it by', [[0, { percentage: 40 }]]],
    ['TotalDuration without CurDuration', [[0, { totalDuration: 100 }]]],
    ['TotalDuration 0', [[0, { totalDuration: 0, curDuration: 0 }]]],
    ['percentage unchanged', [[0, { percentage: 50 }], [15_000, { percentage: 50 }]]],
    ['percentage went down: the task restarted', [[0, { percentage: 50 }], [15_000, { percentage: 40 }]]],
    ['a later reading without Percentage', [[0, { percentage: 50 }], [15_000, { status: 'Loading' }]]],
    ['Percentage beyond 100 or below 0', [[0, { percentage: -5 }], [15_000, { percentage: 150 }]]],
    ['TotalCount 0', [[0, { curCount: 0, totalCount: 0 }], [15_000, { curCount: 5, totalCount: 0 }]]],
    ['two readings at the same moment', [[15_000, { percentage: 40 }], [15_000, { percentage: 60 }]]],
    // Its start comes out at minus infinity, and infinity less infinity is NaN: no tight loop.
    ['an absurd CurDuration', [[0, { curDuration: 1e306, percentage: 50, totalDuration: 1e306 }]]],
  ])('%s', (_what, taken) => {
    expect(delayAfter(taken)).toEqual(atInterval);
  });
});

describe('planNextPoll: the service estimate (TotalDuration - CurDuration) on the first reading', () => {
  // One reading: a spare poll follows, so the poll aims LEAD (0.5 s) early, never sooner than the floor.
  it.each([
    [14, aimed(13_500)],
    [3, aimed(2_500)],
    [1.4, aimed(ETA_FLOOR_MS)],
    [0.2, aimed(ETA_FLOOR_MS)],
    [-30, aimed(ETA_FLOOR_MS)],
    [15, atInterval],
    [90, atInterval],
  ])('%d s left: %o', (leftS, plan) => {
    expect(delayAfter([[0, { totalDuration: 100, curDuration: 100 - leftS }]])).toEqual(plan);
  });

  it('a short interval caps the delay and the floor', () => {
    expect(delayAfter([[0, { totalDuration: 100, curDuration: 100 }]], 500)).toEqual({ delayMs: 500, aimedAtEta: true });
  });
});

describe('planNextPoll: measured progress', () => {
  it.each<[string, Taken[], { delayMs: number; aimedAtEta: boolean }]>([
    // 40% -> 80% in 15 s: 20% left takes 7.5 s, due at 22.5 s; a spare follows, so 0.5 s early.
    ['Percentage trend', [[0, { percentage: 40 }], [15_000, { percentage: 80 }]], aimed(7_000)],
    ['CurCount / TotalCount trend', [[0, { curCount: 400, totalCount: 1_000 }], [15_000, { curCount: 800, totalCount: 1_000 }]], aimed(7_000)],
    ['Percentage before counts', [[0, { percentage: 40, curCount: 0, totalCount: 9 }], [15_000, { percentage: 80, curCount: 1, totalCount: 9 }]], aimed(7_000)],
    ['a slow trend: 40% -> 70%, 15 s left', [[0, { percentage: 40 }], [15_000, { percentage: 70 }]], atInterval],
    // The chord starts at least 3 s back: 20% at 0 s to 60% at 16 s is 2.5%/s, 16 s left (the last second alone says 4 s).
    ['the base of the trend is at least 3 s back', [[0, { percentage: 20 }], [15_000, { percentage: 50 }], [16_000, { percentage: 60 }]], atInterval],
    // The average rate since the start: 90% in 45 s, done at 5 s.
    ['average rate since the start', [[0, { curDuration: 45, percentage: 90 }]], aimed(4_500)],
    // TotalDuration agrees with the average rate (due at 6 s against 5 s): TotalDuration.
    ['TotalDuration that agrees with the progress', [[0, { curDuration: 45, percentage: 90, totalDuration: 51 }]], aimed(5_500)],
    // TotalDuration says 5 s left, progress says 45 s: progress.
    ['TotalDuration too short', [[0, { curDuration: 45, percentage: 50, totalDuration: 50 }]], atInterval],
    // TotalDuration says 55 s left, progress says 5 s: progress.
    ['TotalDuration too long', [[0, { curDuration: 45, percentage: 90, totalDuration: 100 }]], aimed(4_500)],
  ])('%s', (_what, taken, plan) => {
    expect(delayAfter(taken)).toEqual(plan);
  });
});

describe('planNextPoll: CurDuration against the waiter\'s clock', () => {
  it('the freshest reading dates the start: a stale one does not push the finish back', () => {
    // Started at -10 s by the first reading, -7 s by the second (3 s stale): due at 20 s, not 23 s.
    const taken: Taken[] = [[0, { curDuration: 10, totalDuration: 30 }], [15_000, { curDuration: 22, totalDuration: 30 }]];
    expect(delayAfter(taken)).toEqual(aimed(4_500));
  });

  it('places progress snapshots by CurDuration: a stale first reading counts from when it was taken', () => {
    // Start at -13 s (second reading); the first snapshot was at most -2 s, the second at 15 s: 85% in 17 s, due at 17 s.
    const taken: Taken[] = [[0, { curDuration: 10, percentage: 5 }], [15_000, { curDuration: 28, percentage: 90 }]];
    expect(delayAfter(taken)).toEqual(aimed(1_500));
  });

  it('CurDuration going backwards is a restart: earlier readings no longer count', () => {
    // Without the restart, the old start (-100 s) and TotalDuration 110 would say due at 10 s: overdue.
    const taken: Taken[] = [[0, { curDuration: 100, percentage: 90, totalDuration: 110 }], [15_000, { curDuration: 5, percentage: 10, totalDuration: 110 }]];
    expect(delayAfter(taken)).toEqual(atInterval);
  });
});

describe('planNextPoll: never more than two polls beyond an interval loop', () => {
  it.each<[string, Taken[], { delayMs: number; aimedAtEta: boolean }]>([
    // Due at 25 s (started at -75 s, TotalDuration 100).
    ['aimed with a spare after: 0.5 s early', [[0, { curDuration: 0, totalDuration: 100 }], [15_000, { curDuration: 90, totalDuration: 100 }]], aimed(9_500)],
    // Readings at 0, 15 and 24.5 s: the next is the last spare before 30 s: 0.25 s late, but the floor after the last.
    ['the last spare: late rather than early', [[0, { curDuration: 0, totalDuration: 100 }], [15_000, { curDuration: 90, totalDuration: 100 }], [24_500, { curDuration: 99, totalDuration: 100 }]], aimed(ETA_FLOOR_MS)],
    // Four readings by 25.5 s: the fifth may not come before 30 s, when the loop makes its third.
    ['spares spent: the loop\'s next poll', [[0, { curDuration: 0, totalDuration: 100 }], [15_000, { curDuration: 90, totalDuration: 100 }], [24_500, { curDuration: 99, totalDuration: 100 }], [25_500, { curDuration: 100, totalDuration: 100 }]], aimed(4_500)],
    // The last spare with time to spare: due at 12 s by 40% -> 80% in 8 s, the next poll is the last before 15 s.
    ['the last spare aims 0.25 s after the estimate', [[0, { percentage: 40 }], [8_000, { percentage: 80 }]], aimed(4_250)],
    // Spares spent and TotalDuration now says 14.9 s left: aiming 0.25 s late would be past the interval.
    ['never past the interval', [[0, { curDuration: 0, totalDuration: 100 }], [15_000, { curDuration: 90, totalDuration: 100 }], [24_500, { curDuration: 99, totalDuration: 100 }], [25_500, { curDuration: 100, totalDuration: 115.4 }]], aimed(INTERVAL_MS)],
  ])('%s', (_what, taken, plan) => {
    expect(delayAfter(taken)).toEqual(plan);
  });

  it('an estimate that keeps failing costs one poll per interval, the loop\'s own', () => {
    // The service says "3 s left" after every reading: two spares (0.5 s early, then 0.25 s late), then the loop's times.
    const stuck = (atMs: number): Taken => [atMs, { curDuration: 97 + atMs / 1_000, totalDuration: 100 + atMs / 1_000 }];
    const times = [0];
    while (times.length < 8) {
      const taken = times.map(stuck);
      times.push((times.at(-1) ?? 0) + delayAfter(taken).delayMs);
    }
    expect(times).toEqual([0, 2_500, 5_750, 15_000, 30_000, 45_000, 60_000, 75_000]);
  });
});

describe('planNextPoll: any history gives a finite delay from the floor to the interval', () => {
  // Any finite number (the client drops the rest), absurd sizes included, and plausible small ones.
  const field = fc.option(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -5, max: 200 })), { nil: undefined });
  const reading = fc.record({ percentage: field, curCount: field, totalCount: field, curDuration: field, totalDuration: field });
  const taken = fc.array(fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), reading), { minLength: 1, maxLength: 12 });

  it.each([INTERVAL_MS, 500, 100])('interval %d ms', (intervalMs) => {
    fc.assert(
      fc.property(taken, (readings) => {
        const sorted = [...readings].sort(([a], [b]) => a - b) as Taken[];
        const { delayMs } = delayAfter(sorted, intervalMs);
        return Number.isFinite(delayMs) && delayMs >= Math.min(ETA_FLOOR_MS, intervalMs) && delayMs <= intervalMs;
      }),
    );
  });
});

describe('remember', () => {
  it('counts every reading, keeps the first time and the last HISTORY_LIMIT readings', () => {
    const taken: Taken[] = Array.from({ length: HISTORY_LIMIT + 3 }, (_, i) => [1_000 * i, { percentage: i }]);
    const history = historyOf(taken);
    expect(history.firstAt).toBe(0);
    expect(history.readings).toBe(HISTORY_LIMIT + 3);
    expect(history.recent.map((r) => r.at)).toEqual(taken.slice(-HISTORY_LIMIT).map(([at]) => at));
  });
});

describe('retryDelay: capped exponential backoff with full jitter', () => {
  it('with random fixed at 0.5: half of 500, 1000, 2000, ... capped at the interval', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => retryDelay(attempt, INTERVAL_MS, () => 0.5));
    expect(delays).toEqual([250, 500, 1_000, 2_000, 4_000, 7_500, 7_500, 7_500]);
  });

  it('with random just under 1: just under each cap', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((attempt) => retryDelay(attempt, 10_000, () => 0.9999));
    expect(delays).toEqual([499, 999, 1_999, 3_999, 7_999, 9_999]);
  });

  it('with random 0: no wait', () => {
    expect(retryDelay(3, INTERVAL_MS, () => 0)).toBe(0);
  });

  it('never longer than a short interval', () => {
    expect(retryDelay(1, 200, () => 0.9999)).toBe(199);
    expect(retryDelay(50, 200, () => 0.9999)).toBe(199);
  });

  it('a huge attempt count does not overflow', () => {
    const delayMs = retryDelay(10_000, INTERVAL_MS, () => 0.5);
    expect(delayMs).toBe(7_500);
  });

  it('the first cap is RETRY_BASE_MS', () => {
    expect(retryDelay(1, INTERVAL_MS, () => 0.9999)).toBe(RETRY_BASE_MS - 1);
    expect(retryDelay(0, INTERVAL_MS, () => 0.9999)).toBe(RETRY_BASE_MS - 1);
  });
});
