import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reading } from '../../../src/udts/status.js';
import {
  ETA_FLOOR_MS, RECENT_LIMIT, RETRY_BASE_MS, SHIFT_MS, planNextPoll, remember, retryDelay, type RecentReadings,
} from '../../../src/wait/schedule.js';

const INTERVAL_MS = 15_000;
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
    ['a finish more than two intervals off', [[0, { totalDuration: 100, curDuration: 50 }]]],
    // Its start comes out at minus infinity, and infinity less infinity is NaN: no tight loop.
    ['an absurd CurDuration', [[0, { curDuration: 1e306, percentage: 50, totalDuration: 1e306 }]]],
  ])('%s', (_what, taken) => {
    expect(delayAfter(taken)).toEqual(atInterval);
  });
});

describe('planNextPoll: the window of a first reading with TotalDuration (TotalDuration - CurDuration left)', () => {
  // The window is [left - 11.5 s, left + 0.5 s]: the snapshot up to 10 s old, CurDuration and TotalDuration whole seconds.
  // Two polls may come before the loop's next (three once the window reaches it); the last 0.1 s past the window.
  it.each([
    // Wider than two steps: from the top down, STEP_MS apart: 14.6 s less 1.5 s.
    [14, aimed(13_100)],
    // The loop's next poll falls in the window: three polls, from 15.6 s down: 12.6 s.
    [15, aimed(12_600)],
    // Narrower than the steps: spread evenly over [0, 3.6 s]... but no closer than STEP_MS to the last: 2.1 s.
    [3, aimed(2_100)],
    [1.4, aimed(ETA_FLOOR_MS)],
    [0.2, aimed(ETA_FLOOR_MS)],
    [-30, aimed(ETA_FLOOR_MS)],
    // The window starts after the next interval poll, before the one after: that poll comes SHIFT_MS early.
    [30, { delayMs: INTERVAL_MS - SHIFT_MS, aimedAtEta: false }],
    [90, atInterval],
  ])('%d s left: %o', (leftS, plan) => {
    expect(delayAfter([[0, { totalDuration: 100, curDuration: 100 - leftS }]])).toEqual(plan);
  });

  it('the same a minute later on the clock', () => {
    expect(delayAfter([[60_000, { totalDuration: 100, curDuration: 70 }]])).toEqual({ delayMs: INTERVAL_MS - SHIFT_MS, aimedAtEta: false });
  });

  it('a short interval caps the delay and the floor, and shifts nothing', () => {
    expect(delayAfter([[0, { totalDuration: 100, curDuration: 100 }]], 500)).toEqual({ delayMs: 500, aimedAtEta: true });
    // The window [5.5 s, 17.5 s] starts after the next 5 s poll, before the one after: no shift below 10 s.
    expect(delayAfter([[0, { totalDuration: 100, curDuration: 83 }]], 5_000)).toEqual({ delayMs: 5_000, aimedAtEta: false });
  });

  it('an interval of 4 times SHIFT_MS is shifted', () => {
    // The window [13.5 s, 25.5 s] starts after the next 10 s poll, before the one after.
    expect(delayAfter([[0, { totalDuration: 100, curDuration: 75 }]], 4 * SHIFT_MS)).toEqual({ delayMs: 3 * SHIFT_MS, aimedAtEta: false });
  });
});

describe('planNextPoll: where the polls go in the window', () => {
  it.each<[string, Taken[], { delayMs: number; aimedAtEta: boolean }]>([
    // Window [21.5 s, 22.5 s]: two polls before the loop's next, evenly over it to 22.6 s: 22.05 s.
    ['a narrow window: evenly', [[0, { percentage: 40 }], [15_000, { percentage: 80 }]], aimed(7_050)],
    // Window [19 s, 30 s] to probe: a poll 6 s after the last snapshot shows how progress bends.
    ['a wide window to probe: early in it, yet far enough from the last snapshot', [[0, { percentage: 0 }], [15_000, { percentage: 50 }]], aimed(6_000)],
    // Readings 2.5 s off each other's beat already show their staleness: the interval, unshifted.
    ['no shift once the readings differ in staleness', [[0, { totalDuration: 100, curDuration: 60 }], [12_500, { totalDuration: 100, curDuration: 70 }]], atInterval],
    ['nor when they differ by exactly 1.5 s', [[0, { totalDuration: 100, curDuration: 60 }], [13_500, { totalDuration: 100, curDuration: 72 }]], atInterval],
    // Window [14.8 s, 17.4 s] to probe, but narrower than two steps: evenly, 1.25 s in (no probe 6 s on).
    ['a narrow window to probe: evenly', [[0, { curCount: 0, totalCount: 174 }], [15_000, { curCount: 150, totalCount: 174 }]], aimed(1_250)],
    // Window [20 s, 33 s] to probe: a step into it, which is already more than 6 s after the last snapshot.
    ['a wide window to probe that starts late: a step into it', [[0, { curCount: 0, totalCount: 11 }], [15_000, { curCount: 5, totalCount: 11 }]], aimed(6_500)],
    // The first reading, the only fresh one, fell out of the last RECENT_LIMIT: it still shows how
    // stale the rest are (4 s), so the next poll is not shifted (without it, every reading looks equally old).
    ['the reading that dates the start best, however old', Array.from({ length: RECENT_LIMIT + 1 }, (_, i): Taken => [15_000 * i, { totalDuration: 150, curDuration: i === 0 ? 0 : 15 * i - 4 }]), atInterval],
    ['a history without readings: the interval', [], atInterval],
  ])('%s', (_what, taken, plan) => {
    expect(delayAfter(taken)).toEqual(plan);
  });
});

describe('planNextPoll: never more than two polls beyond an interval loop', () => {
  it('an estimate that keeps failing costs one poll per interval, the loop\'s own', () => {
    // The service says "3 s left" after every reading: two spares (window [-8.5 s, 3.5 s], then [1.5 s, 5.6 s]), then the loop's times.
    const stuck = (atMs: number): Taken => [atMs, { curDuration: 97 + atMs / 1_000, totalDuration: 100 + atMs / 1_000 }];
    const times = [0];
    while (times.length < 8) {
      const taken = times.map(stuck);
      times.push((times.at(-1) ?? 0) + delayAfter(taken).delayMs);
    }
    expect(times).toEqual([0, 2_100, 5_700, 15_000, 30_000, 45_000, 60_000, 75_000]);
  });

  it('an estimate that keeps saying "about 27 s left" costs no more: the early interval poll spends a spare too', () => {
    // 22-36 s left after every reading, no Percentage: each interval poll would come 2.5 s early, forever.
    const receding = (atMs: number): Taken => [atMs, { curDuration: atMs / 1_000, totalDuration: atMs / 1_000 + 27 }];
    const times = [0];
    while ((times.at(-1) ?? 0) < 600_000) times.push((times.at(-1) ?? 0) + delayAfter(times.map(receding)).delayMs);
    // Whenever the task finishes (just after the k-th poll), the poll that sees it is the (k+1)-th:
    // at most the loop's calls for that finish plus 2.
    times.forEach((at, index) => expect(index + 2, `finished just after ${at} ms`).toBeLessThanOrEqual(Math.ceil((at + 1) / INTERVAL_MS) + 1 + 2));
    expect(Math.min(...times.slice(1).map((at, i) => at - (times[i] ?? 0)))).toBeGreaterThanOrEqual(ETA_FLOOR_MS);
    // 2.5 s early each time until the two spares are spent, then the loop's own times.
    expect(times.slice(0, 17)).toEqual([0, 12_500, 25_000, 37_500, 50_000, 62_500, 75_000, 87_500, 100_000, 112_500, 125_000, 137_500, 150_000, 165_000, 180_000, 195_000, 210_000]);
  });

  it('spares spent: the loop\'s next poll, never past the interval', () => {
    // Readings at 0, 15 and two spares by 26 s: the fifth may not come before 30 s, when the loop makes its third.
    const taken: Taken[] = [[0, { curDuration: 0, totalDuration: 100 }], [15_000, { curDuration: 90, totalDuration: 100 }], [25_050, { curDuration: 100, totalDuration: 100 }], [26_050, { curDuration: 100, totalDuration: 100 }]];
    expect(delayAfter(taken)).toEqual(aimed(3_950));
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
  it('counts every reading, keeps the first time and the last RECENT_LIMIT readings', () => {
    const taken: Taken[] = Array.from({ length: RECENT_LIMIT + 3 }, (_, i) => [1_000 * i, { percentage: i }]);
    const history = historyOf(taken);
    expect(history.firstAt).toBe(0);
    expect(history.readings).toBe(RECENT_LIMIT + 3);
    expect(history.recent.map((r) => r.at)).toEqual(taken.slice(-RECENT_LIMIT).map(([at]) => at));
  });

  it('keeps the reading that dates the start best, however old', () => {
    // The first reading is the only fresh one (start at 0 s); the rest are 2 s stale.
    const taken: Taken[] = Array.from({ length: RECENT_LIMIT + 3 }, (_, i) => [15_000 * i, { curDuration: i === 0 ? 0 : 15 * i - 2 }]);
    expect(historyOf(taken).freshest?.at).toBe(0);
  });

  it.each<[string, Taken[], number]>([
    ['a later reading that dates it better', [[0, { curDuration: 10 }], [15_000, { curDuration: 27 }]], 15_000],
    ['one that dates it as well: the first', [[0, { curDuration: 10 }], [15_000, { curDuration: 25 }]], 0],
    ['the same CurDuration again is no restart', [[0, { curDuration: 10 }], [5_000, { curDuration: 10 }]], 0],
  ])('the reading that dates the start best: %s', (_what, taken, freshestAt) => {
    expect(historyOf(taken).freshest?.at).toBe(freshestAt);
  });

  it('forgets it when CurDuration goes back: the task restarted', () => {
    const taken: Taken[] = [[0, { curDuration: 50 }], [15_000, { curDuration: 60 }], [30_000, { curDuration: 3 }]];
    expect(historyOf(taken).freshest?.at).toBe(30_000);
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
