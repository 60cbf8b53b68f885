import { describe, expect, it } from 'vitest';
import type { Reading } from '../../../src/udts/status.js';
import { finishWindow } from '../../../src/wait/finish-window.js';

/** A reading taken at `atMs` on the waiter's clock. */
type Taken = [atMs: number, reading: Reading];
const windowOf = (taken: readonly Taken[]) => finishWindow(taken.map(([at, reading]) => ({ at, reading })));
/** The expected window: earliest and latest finish (ms), and whether it asks for a probe. */
const span = (earliestAt: number, latestAt: number, probe = false) => ({ earliestAt, latestAt, probe });

describe('finishWindow: no evidence', () => {
  it.each<[string, Taken[]]>([
    ['no readings', []],
    ['no progress figures', [[0, { status: 'Loading' }]]],
    ['one percentage, nothing to time it by', [[0, { percentage: 40 }]]],
    ['TotalDuration without CurDuration', [[0, { totalDuration: 100 }]]],
    ['percentage unchanged: one snapshot', [[0, { percentage: 50 }], [15_000, { percentage: 50 }]]],
    ['two readings at the same moment', [[15_000, { percentage: 40 }], [15_000, { percentage: 60 }]]],
    ['a negative CurDuration (a start in the future) and nothing else', [[0, { curDuration: -50, totalDuration: 100 }]]],
  ])('%s', (_what, taken) => {
    expect(windowOf(taken)).toBeUndefined();
  });
});

describe('finishWindow: the window', () => {
  it.each<[string, Taken[], ReturnType<typeof span>]>([
    // Started 94 s before, or up to 6 s sooner (5 s stale, CurDuration whole seconds); TotalDuration rounds by 0.5 s.
    ['TotalDuration from the start CurDuration shows', [[0, { totalDuration: 100, curDuration: 94 }]], span(-500, 6_500)],
    // CurDuration 12 was not there at 0 s, when 10 was: the start is after -13 s.
    ['a newer snapshot dates the start after the reading before it', [[0, { totalDuration: 100, curDuration: 10 }], [2_000, { totalDuration: 100, curDuration: 12 }]], span(86_500, 90_500)],
    // 10% of 100 s left after a snapshot taken at 0 s, or up to 5 s before.
    ['with Percentage, what is left of TotalDuration after the snapshot', [[0, { percentage: 90, curDuration: 90, totalDuration: 100 }]], span(4_950, 10_050)],
    // Linear and fresh: due at 50 s; 40% of TotalDuration after the latest snapshot.
    ['TotalDuration that agrees with the progress', [[0, { percentage: 50, curDuration: 50, totalDuration: 100 }], [10_000, { percentage: 60, curDuration: 60, totalDuration: 100 }]], span(44_800, 50_200)],
    // The same task read 3 s late the second time: the first reading, the freshest, bounds the finish.
    ['a stale reading does not push the finish back', [[0, { percentage: 50, curDuration: 50, totalDuration: 100 }], [13_000, { percentage: 60, curDuration: 60, totalDuration: 100 }]], span(46_750, 50_250)],
    // TotalDuration says 20.5 s, the progress 50 s: the progress, from the latest snapshot (at most 5 s old).
    ['TotalDuration that disagrees: the progress', [[0, { percentage: 50, curDuration: 50, totalDuration: 70 }], [10_000, { percentage: 60, curDuration: 60, totalDuration: 70 }]], span(45_000, 50_000)],
    // 40% -> 80% in 15 s: 7.5 s left, from a snapshot at most 1 s old.
    ['Percentage trend without durations', [[0, { percentage: 40 }], [15_000, { percentage: 80 }]], span(21_500, 22_500)],
    ['CurCount / TotalCount trend', [[0, { curCount: 400, totalCount: 1_000 }], [15_000, { curCount: 800, totalCount: 1_000 }]], span(21_500, 22_500)],
    // From a start at 0%: 25% at 15 s, 64% at 24 s is progress growing as time squared: done at 30 s.
    ['from a seen start, progress as a power of the time since it', [[0, { percentage: 0 }], [15_000, { percentage: 25 }], [24_000, { percentage: 64 }]], span(29_000, 30_000)],
    // From a start at 0%, 50% at 15 s: the line says 30 s; the bend may bring it as soon as 20 s (less 1 s of staleness).
    ['from a seen start and one snapshot, a wide window to probe', [[0, { percentage: 0 }], [15_000, { percentage: 50 }]], span(19_000, 30_000, true)],
    // Without the restart, the old start (-100 s) and TotalDuration 110 would say due at 10 s.
    // CurDuration stood at 10 while progress went 10% -> 30%: it does not date progress, the readings do.
    // (Dated by it, the window would end at 4.5 s, before it begins at 13.5 s.) 20% in 15 s: 52.5 s left.
    ['CurDuration that stands still while progress moves is not used to date it', [[0, { curDuration: 10, totalDuration: 100, percentage: 10 }], [15_000, { curDuration: 10, totalDuration: 100, percentage: 30 }]], span(66_500, 67_500)],
    ['CurDuration going backwards is a restart: earlier readings no longer count', [[0, { percentage: 90, curDuration: 100, totalDuration: 110 }], [15_000, { percentage: 10, curDuration: 5, totalDuration: 110 }]], span(54_000, 70_000)],
  ])('%s', (_what, taken, expected) => {
    const window = windowOf(taken);
    expect(window && { earliestAt: Math.round(window.earliestAt), latestAt: Math.round(window.latestAt), probe: window.probe }).toEqual(expected);
  });
});

describe('finishWindow: how differently stale the readings are', () => {
  it.each<[string, Taken[], number]>([
    ['readings of one beat: no spread', [[0, { totalDuration: 100, curDuration: 10 }], [15_000, { totalDuration: 100, curDuration: 25 }]], 0],
    ['a reading 2.5 s off the beat, 2.5 s staler', [[0, { totalDuration: 100, curDuration: 10 }], [12_500, { totalDuration: 100, curDuration: 20 }]], 2_500],
    ['no CurDuration: unknown', [[0, { percentage: 40 }], [15_000, { percentage: 80 }]], Infinity],
  ])('%s', (_what, taken, spreadMs) => {
    expect(windowOf(taken)?.spreadMs).toBe(spreadMs);
  });
});
