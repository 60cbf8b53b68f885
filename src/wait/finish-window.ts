/**
 * When a task should finish, as a window on the waiter's clock, from its recent readings. Progress is a
 * snapshot, maybe seconds old: each reading dates its snapshot between two bounds (CurDuration against
 * the clock, else an assumed freshness), and the window holds the finish for any date between them.
 */
import type { Reading } from '../udts/status.js';
import { progressFraction, sinceRestart, type TimedReading } from './progress.js';

/** When the task should finish: no sooner than earliestAt, no later than latestAt (ms, the waiter's clock). */
export interface FinishWindow {
  earliestAt: number;
  latestAt: number;
  /** How much staler some readings were than others (ms): small when every reading is equally old. */
  spreadMs: number;
  /** The window is wide because only the start and one snapshot show the pace: a poll into it will tell more. */
  probe: boolean;
}

/** Progress may be a snapshot this old (the service updates it every few seconds: 10 s has been seen)... */
const STALE_MAX_MS = 10_000;
/** ...but without CurDuration its age cannot show: it is taken as fresh, at most this old. */
const FRESH_MS = 1_000;
/** The pace is measured over at least this span when the recent readings have one: shorter spans are mostly the noise of snapshots. */
const MIN_TREND_SPAN_MS = 3_000;
/** The bend of progress is measured over at least this span: over less, a second's staleness swamps it. */
const BEND_SPAN_MS = 6_000;
/** With the pace known only on average since the start, the rest may go up to this many times faster. */
const SPEEDUP = 3;
/** TotalDuration is believed when it agrees with the measured progress within this fraction of the whole task. */
const AGREEMENT = 0.1;

/** A distinct snapshot of progress, taken no sooner than earliestAt and no later than takenAt. */
interface Snapshot {
  fraction: number;
  takenAt: number;
  earliestAt: number;
}

/** The start, from CurDuration: no sooner than lo, no later than hi; spreadMs as in FinishWindow. */
interface StartBounds {
  lo: number;
  hi: number;
  spreadMs: number;
}

/** What the progress alone says: the finish from lo to hi, and whether a probe would tell more. */
interface Trend {
  lo: number;
  hi: number;
  probe: boolean;
}

/**
 * Pure: the window from the readings since the task last restarted; undefined without evidence, or
 * when the evidence contradicts itself (a window that would end before it begins).
 */
export function finishWindow(recent: readonly TimedReading[]): FinishWindow | undefined {
  const found = windowOf(sinceRestart(recent));
  return found && found.earliestAt <= found.latestAt ? found : undefined;
}

function windowOf(run: readonly TimedReading[]): FinishWindow | undefined {
  const latest = run.at(-1);
  if (latest === undefined) return undefined;
  // CurDuration dates progress only when it moves with it: progress that moved while CurDuration
  // stood still was updated apart from it, and is dated by the readings' own times instead.
  const start = curDurationDatesProgress(run) ? startBounds(run) : undefined;
  const snapshots = snapshotsOf(run, start);
  const window = (lo: number, hi: number, probe = false): FinishWindow => ({ earliestAt: lo, latestAt: hi, spreadMs: start?.spreadMs ?? Infinity, probe });

  // A first snapshot at 0% shows the start too.
  const first = snapshots[0];
  const trend = trendWindow(snapshots, start?.hi ?? (first?.fraction === 0 ? first.takenAt : undefined));
  const measured = trend && window(trend.lo, trend.hi, trend.probe);
  // A figure that is absent counts as 0: no pace, no estimate.
  const curDuration = latest.reading.curDuration ?? 0;
  const totalDuration = latest.reading.totalDuration ?? 0;
  const fraction = progressFraction(latest.reading) ?? 0;
  // Else the average rate since the start.
  const average = start !== undefined && fraction > 0 && curDuration > 0
    ? window(start.lo + (curDuration * 1_000) / fraction, start.hi + ((curDuration + 1) * 1_000) / fraction)
    : undefined;
  const byProgress = measured ?? average;
  if (start === undefined || !(totalDuration > 0)) return byProgress;

  // TotalDuration (whole seconds) counts from the start; believed when it agrees with the progress.
  const serviceAt = start.hi + (totalDuration + 0.5) * 1_000;
  if (byProgress !== undefined && Math.abs(byProgress.latestAt - serviceAt) > AGREEMENT * (byProgress.latestAt - start.hi)) return byProgress;
  if (snapshots.length === 0) return window(start.lo + (totalDuration - 0.5) * 1_000, serviceAt);
  // Then what is left after a snapshot is (1 - fraction) of it: CurDuration's truncation drops out. Every
  // snapshot bounds the finish; the one that says soonest is the freshest, and bounds it best.
  const bound = (s: Snapshot) => s.takenAt + (1 - s.fraction) * (totalDuration + 0.5) * 1_000;
  const freshest = snapshots.reduce((best, s) => (bound(s) < bound(best) ? s : best));
  return window(freshest.earliestAt + (1 - freshest.fraction) * (totalDuration - 0.5) * 1_000, bound(freshest));
}

/**
 * From the latest snapshot and one at least MIN_TREND_SPAN_MS before it: with a known start and
 * BEND_SPAN_MS between them, progress as a power of the time since the start (linear, front- or
 * back-loaded); else along the line through the two. Late by the latest snapshot's staleness at most.
 */
function trendWindow(snapshots: readonly Snapshot[], startAt: number | undefined): Trend | undefined {
  const last = snapshots.at(-1);
  // Stryker disable next-line ConditionalExpression: without snapshots, no earlier one and no base below (tests kill "always")
  if (last === undefined) return undefined;
  const earlier = snapshots.filter((s) => s.fraction < last.fraction && s.takenAt < last.takenAt);
  const base = earlier.findLast((s) => last.takenAt - s.takenAt >= MIN_TREND_SPAN_MS) ?? earlier[0];
  if (base === undefined) return undefined;
  // What is left is never negative (the last snapshot is below 100% and ahead of the base), but may overflow.
  const window = (leftMs: number, fastLeftMs = leftMs, probe = false): Trend | undefined =>
    Number.isFinite(leftMs) ? { lo: last.earliestAt + fastLeftMs, hi: last.takenAt + leftMs, probe } : undefined;

  const sinceStartMs = (at: number) => at - (startAt ?? NaN);
  if (last.takenAt - base.takenAt >= BEND_SPAN_MS) {
    // No start, or a base at 0%, at the start or before it, makes the power NaN, infinite, 0 or negative: out of range.
    const power = Math.log(last.fraction / base.fraction) / Math.log(sinceStartMs(last.takenAt) / sinceStartMs(base.takenAt));
    if (power > 0.1 && power < 10) return window(sinceStartMs(last.takenAt) * (last.fraction ** (-1 / power) - 1));
  }
  const lineLeftMs = ((1 - last.fraction) * (last.takenAt - base.takenAt)) / (last.fraction - base.fraction);
  // Since a start at 0%, two snapshots give only the average pace: the bend may bring the finish much sooner.
  // Stryker disable next-line OptionalChaining: there is a first snapshot, the last one at least
  return snapshots[0]?.fraction === 0 ? window(lineLeftMs, lineLeftMs / SPEEDUP, true) : window(lineLeftMs);
}

/** False when two readings in a row show the same CurDuration with different progress. */
function curDurationDatesProgress(run: readonly TimedReading[]): boolean {
  return run.every(({ reading }, i) => {
    // Stryker disable next-line ArithmeticOperator: the check is symmetric: each reading against the next covers the same pairs
    const before = run[i - 1]?.reading;
    return before === undefined || reading.curDuration === undefined || before.curDuration !== reading.curDuration
      || progressFraction(before) === progressFraction(reading);
  });
}

/**
 * The start, from CurDuration (whole seconds) against the clock. A snapshot is taken no later than the
 * reading that shows it, after the last reading that showed an older one, and at most STALE_MAX_MS
 * before its reading: each bounds the start; the freshest reading bounds it best from above.
 */
function startBounds(run: readonly TimedReading[]): StartBounds | undefined {
  let hi = Infinity;
  let lo = -Infinity;
  // The start as the stalest reading shows it: every reading is at most STALE_MAX_MS stale, that one too.
  let stalestShows = -Infinity;
  let previous: { cur: number; at: number } | undefined;
  for (const { reading, at } of run) {
    const cur = reading.curDuration;
    // A negative CurDuration would put the start in the future: no figure at all.
    if (cur === undefined || cur < 0) continue;
    hi = Math.min(hi, at - cur * 1_000);
    stalestShows = Math.max(stalestShows, at - cur * 1_000);
    if (previous !== undefined && cur > previous.cur) lo = Math.max(lo, previous.at - (cur + 1) * 1_000);
    previous = { cur, at };
  }
  if (hi === Infinity) return undefined;
  return { lo: Math.min(hi, Math.max(lo, stalestShows - STALE_MAX_MS - 1_000)), hi, spreadMs: stalestShows - hi };
}

/** The distinct snapshots the readings showed, each dated by the first reading that showed it. */
function snapshotsOf(run: readonly TimedReading[], start: StartBounds | undefined): Snapshot[] {
  const snapshots: Snapshot[] = [];
  let previous: Reading | undefined;
  for (const { reading, at } of run) {
    const fraction = progressFraction(reading);
    const cur = reading.curDuration;
    const repeated = previous !== undefined && progressFraction(previous) === fraction && previous.curDuration === cur;
    previous = reading;
    if (fraction === undefined || repeated) continue;
    snapshots.push(start === undefined || cur === undefined || cur < 0
      ? { fraction, takenAt: at, earliestAt: at - FRESH_MS }
      : { fraction, takenAt: Math.min(at, start.hi + (cur + 1) * 1_000), earliestAt: Math.max(at - STALE_MAX_MS, start.lo + cur * 1_000) });
  }
  return snapshots;
}
