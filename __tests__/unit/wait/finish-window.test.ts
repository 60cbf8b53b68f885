import { describe, expect, it } from 'vitest';
import type { Reading } from '../../../src/udts/status.js';
import { finishWindow } from '../../../src/wait/finish-window.js';
import { progressFraction, sinceRestart } from '../../../src/wait/progress.js';

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
    ['0% after 20 s: no pace yet', [[0, { percentage: 0, curDuration: 20 }]]],
    ['40% at CurDuration 0: no pace yet', [[0, { percentage: 40, curDuration: 0 }]]],
    // Progress that grew 1e-312 in 15 s would take longer than any number: no finish to aim at.
    ['absurdly slow progress', [[0, { percentage: 0 }], [15_000, { percentage: 1e-310 }]]],
    // CurDuration 12 at 20 s says the task started after 8 s, yet CurDuration 10 at 0 s says before -10 s:
    // the second reading is staler than any reading can be, and the window would end before it begins.
    ['readings that contradict each other', [[0, { percentage: 50, curDuration: 10 }], [20_000, { percentage: 60, curDuration: 12 }]]],
  ])('%s', (_what, taken) => {
    expect(windowOf(taken)).toBeUndefined();
  });
});

describe('finishWindow: the window', () => {
  it.each<[string, Taken[], ReturnType<typeof span>]>([
    // Started 94 s before, or up to 11 s sooner (10 s stale, CurDuration whole seconds); TotalDuration rounds by 0.5 s.
    ['TotalDuration from the start CurDuration shows', [[0, { totalDuration: 100, curDuration: 94 }]], span(-5_500, 6_500)],
    // CurDuration 12 was not there at 0 s, when 10 was: the start is after -13 s.
    ['a newer snapshot dates the start after the reading before it', [[0, { totalDuration: 100, curDuration: 10 }], [2_000, { totalDuration: 100, curDuration: 12 }]], span(86_500, 90_500)],
    // 10% of 100 s left after a snapshot taken at 0 s, or up to 10 s before.
    ['with Percentage, what is left of TotalDuration after the snapshot', [[0, { percentage: 90, curDuration: 90, totalDuration: 100 }]], span(-50, 10_050)],
    // Linear and fresh: due at 50 s; 40% of TotalDuration after the latest snapshot.
    ['TotalDuration that agrees with the progress', [[0, { percentage: 50, curDuration: 50, totalDuration: 100 }], [10_000, { percentage: 60, curDuration: 60, totalDuration: 100 }]], span(39_800, 50_200)],
    // The same task read 3 s late the second time: the first reading, the freshest, bounds the finish.
    ['a stale reading does not push the finish back', [[0, { percentage: 50, curDuration: 50, totalDuration: 100 }], [13_000, { percentage: 60, curDuration: 60, totalDuration: 100 }]], span(41_750, 50_250)],
    // TotalDuration says 20.5 s, the progress 50 s: the progress, from the latest snapshot (at most 10 s old).
    ['TotalDuration that disagrees: the progress', [[0, { percentage: 50, curDuration: 50, totalDuration: 70 }], [10_000, { percentage: 60, curDuration: 60, totalDuration: 70 }]], span(40_000, 50_000)],
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
    // No trend and no TotalDuration: 40% in 20-21 s since a start up to 11 s before -20 s.
    ['the average pace since the start', [[0, { percentage: 40, curDuration: 20 }]], span(19_000, 32_500)],
    // 20% -> 50% in 10 s, then stalled 5 s while CurDuration went on: the pace from the first snapshot to the
    // last that moved (50% left at 30% per 10 s), not from the stalled one.
    ['progress that stalls while CurDuration moves on', [[0, { percentage: 20, curDuration: 0 }], [10_000, { percentage: 50, curDuration: 10 }], [15_000, { percentage: 50, curDuration: 15 }]], span(34_000, 40_000)],
    // The pace from the latest snapshot at least 3 s before the last: 10% -> 50% in 14 s, not 40% -> 50% in 2 s.
    ['the trend spans at least 3 s', [[0, { percentage: 10 }], [12_000, { percentage: 40 }], [14_000, { percentage: 50 }]], span(30_500, 31_500)],
    // 40% -> 50% in exactly 3 s: 15 s left.
    ['a trend of exactly 3 s will do', [[0, { percentage: 10 }], [11_000, { percentage: 40 }], [14_000, { percentage: 50 }]], span(28_000, 29_000)],
    ['100% while still running: due now', [[0, { percentage: 50 }], [15_000, { percentage: 100 }]], span(14_000, 15_000)],
    // As above, a minute later: 0% at 60 s, 25% at 75 s, 49% at 81 s (6 s on, enough to show the bend) is t²: done at 90 s.
    ['the bend over exactly 6 s, from a start later on the clock', [[60_000, { percentage: 0 }], [75_000, { percentage: 25 }], [81_000, { percentage: 49 }]], span(89_000, 90_000)],
    // 4 s is too short to show the bend: along the line from 25% at 75 s (15.1% in 4 s: 15.0 s left, or a third of it), a probe.
    ['no bend over less than 6 s', [[60_000, { percentage: 0 }], [75_000, { percentage: 25 }], [79_000, { percentage: 40.11 }]], span(83_285, 94_854, true)],
    // 0.1% -> 60% from 10 s to 16 s is a power of 13.6, 50% -> 52% one of 0.08: no such task; along the line, a probe.
    ['a bend too steep to believe: the line', [[0, { percentage: 0 }], [10_000, { percentage: 0.1 }], [16_000, { percentage: 60 }]], span(16_336, 20_007, true)],
    ['a bend too flat to believe: the line', [[0, { percentage: 0 }], [10_000, { percentage: 50 }], [16_000, { percentage: 52 }]], span(63_000, 160_000, true)],
    ['the line, a minute later on the clock', [[60_000, { percentage: 40 }], [75_000, { percentage: 80 }]], span(81_500, 82_500)],
    // A repeated snapshot is dated by the first reading that showed it.
    ['the same snapshot read twice', [[0, { percentage: 40 }], [15_000, { percentage: 80 }], [17_000, { percentage: 80 }]], span(21_500, 22_500)],
    // Progress stalled at 80% for 2 s (CurDuration 55 -> 57): the latest snapshot, at 57 s, and the bend since 40% at 40 s.
    ['a stalled snapshot is a snapshot too', [[0, { percentage: 40, curDuration: 40 }], [15_000, { percentage: 80, curDuration: 55 }], [17_000, { percentage: 80, curDuration: 57 }]], span(20_884, 23_884)],
    // CurDuration appears only with the third reading: it dates the start; 60% of TotalDuration after the 40% snapshot.
    ['CurDuration that appears late', [[0, { percentage: 10 }], [5_000, { percentage: 20 }], [10_000, { percentage: 30, curDuration: 50, totalDuration: 100 }]], span(35_000, 45_000)],
    // The same CurDuration 4 s apart: the snapshot was at most 10 s old at 4 s, so the start is after -17 s (not after -11 s).
    ['the same CurDuration read twice', [[0, { curDuration: 10, totalDuration: 100 }], [4_000, { curDuration: 10, totalDuration: 100 }]], span(82_500, 90_500)],
    // 40% in a reading without CurDuration: a fresh snapshot; 60% of TotalDuration after it.
    ['a snapshot without CurDuration is taken as fresh', [[0, { curDuration: 10, totalDuration: 100 }], [5_000, { percentage: 40, totalDuration: 100 }]], span(63_700, 65_300)],
    ['a snapshot with a negative CurDuration is taken as fresh', [[0, { percentage: 20, curDuration: -5, totalDuration: 100 }], [5_000, { curDuration: 10, totalDuration: 100 }]], span(78_600, 80_400)],
    // CurDuration 0 dates the snapshot by the start: up to 10 s old, not 1 s.
    ['a task that just started', [[0, { percentage: 0, curDuration: 0, totalDuration: 100 }]], span(89_500, 100_500)],
    ['CurDuration going backwards is a restart: earlier readings no longer count', [[0, { percentage: 90, curDuration: 100, totalDuration: 110 }], [15_000, { percentage: 10, curDuration: 5, totalDuration: 110 }]], span(49_000, 70_000)],
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

describe('progressFraction: Percentage, else CurCount / TotalCount, from 0 to 1', () => {
  it.each<[string, Reading, number | undefined]>([
    ['Percentage', { percentage: 40 }, 0.4],
    ['Percentage before the counts', { percentage: 40, curCount: 1, totalCount: 2 }, 0.4],
    ['the counts', { curCount: 250, totalCount: 1_000 }, 0.25],
    ['0%', { percentage: 0 }, 0],
    ['100%', { percentage: 100 }, 1],
    ['all counted', { curCount: 7, totalCount: 7 }, 1],
    ['below 0', { percentage: -5 }, undefined],
    ['beyond 100', { percentage: 150 }, undefined],
    ['more counted than there is', { curCount: 8, totalCount: 7 }, undefined],
    ['TotalCount 0', { curCount: 0, totalCount: 0 }, undefined],
    ['CurCount alone', { curCount: 5 }, undefined],
    ['TotalCount alone', { totalCount: 5 }, undefined],
    ['no figure', { status: 'Loading' }, undefined],
  ])('%s', (_what, reading, fraction) => {
    expect(progressFraction(reading)).toBe(fraction);
  });
});

describe('sinceRestart: the readings since progress or CurDuration last went backwards', () => {
  it.each<[string, Reading[], number]>([
    ['no readings', [], 0],
    ['progress that only grows', [{ percentage: 10 }, { percentage: 20 }, { percentage: 20 }], 0],
    ['Percentage went back, CurDuration did not', [{ percentage: 50, curDuration: 10 }, { percentage: 10, curDuration: 20 }], 1],
    ['CurDuration went back, Percentage did not', [{ percentage: 10, curDuration: 50 }, { percentage: 20, curDuration: 5 }], 1],
    ['the counts went back', [{ curCount: 5, totalCount: 10 }, { curCount: 1, totalCount: 10 }], 1],
    // 25% after 20% is no restart, but 25% before it is: the lowest since, not the latest.
    ['the last time progress went back', [{ percentage: 25 }, { percentage: 20 }, { percentage: 30 }], 1],
    ['the last time CurDuration went back', [{ curDuration: 25 }, { curDuration: 20 }, { curDuration: 30 }], 1],
    ['a reading without the figures is no restart', [{ status: 'Loading' }, { percentage: 10, curDuration: 5 }], 0],
    ['nor one that has only CurDuration', [{ curDuration: 2 }, { percentage: 10 }, { curDuration: 5, percentage: 20 }], 0],
  ])('%s', (_what, readings, from) => {
    const recent = readings.map((reading, i) => ({ reading, at: 1_000 * i }));
    expect(sinceRestart(recent)).toEqual(recent.slice(from));
  });
});
