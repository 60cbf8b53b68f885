/**
 * When to poll a task next: at the interval, or spread over the window of its finish (finish-window.ts)
 * without ever getting more than SPARE_POLLS ahead of a fixed loop; and the backoff of retries.
 */
import { finishWindow } from './finish-window.js';
import type { TimedReading } from './progress.js';

/** Never plan a poll for an estimated finish sooner than this after the last one. */
export const ETA_FLOOR_MS = 1_000;
/** The first retry after a transient fault waits at most this; each further one doubles it, up to interval. */
export const RETRY_BASE_MS = 500;
/** Polls a wait may make beyond those of a loop polling every interval, to land near the finish. */
const SPARE_POLLS = 2;
/** Readings kept per task (besides the freshest): several intervals back, and every poll of the last ones. */
export const RECENT_LIMIT = 8;
/** Within the window of the finish, polls come at most this far apart (at the top of it, when they cannot cover it all). */
const STEP_MS = 1_500;
/** The last poll aims this much past the window: the clock and the figures round. */
const MARGIN_MS = 100;
/**
 * The last interval poll before the window comes this much early (intervals of 4 times this or more),
 * unless the readings already differ in staleness: a progress period that divides the interval makes
 * every reading equally stale, and hides how stale; one reading off that beat shows it.
 */
export const SHIFT_MS = 2_500;
/** Readings whose staleness differs by this much already show it (see SHIFT_MS). */
const PHASES_SEEN_MS = 1_500;
/** A probe into a wide window comes at least this long after the last snapshot, so that the bend shows. */
const PROBE_GAP_MS = 6_000;

/** What the schedule knows of one task's wait. The caller keeps one per task, updated by `remember`. */
export interface RecentReadings {
  /** When the wait's first reading came: the interval loop the spare polls are counted against starts then. */
  firstAt: number;
  /** Good readings so far in this wait. */
  readings: number;
  /** The last RECENT_LIMIT readings, oldest first. */
  recent: readonly TimedReading[];
  /** The reading that dates the start best (least at - CurDuration) since CurDuration last went back. */
  freshest?: TimedReading;
}

export interface PollPlan {
  delayMs: number;
  /** True when the delay aims into the window of the finish rather than at the (maybe shifted) interval. */
  aimedAtEta: boolean;
}

/** Pure: the recent readings with one more: the oldest dropped beyond RECENT_LIMIT, the freshest kept. */
export function remember(seen: RecentReadings | undefined, latest: TimedReading): RecentReadings {
  const startBy = (t: TimedReading | undefined) => (t?.reading.curDuration === undefined ? Infinity : t.at - t.reading.curDuration * 1_000);
  const kept = seen?.freshest;
  // Stryker disable next-line UnaryOperator: a kept reading has CurDuration; with none kept, a reading with it dates the start better anyway
  const restarted = (latest.reading.curDuration ?? Infinity) < (kept?.reading.curDuration ?? -Infinity);
  const freshest = restarted || startBy(latest) < startBy(kept) ? latest : kept;
  if (seen === undefined) return { firstAt: latest.at, readings: 1, recent: [latest], freshest };
  return { firstAt: seen.firstAt, readings: seen.readings + 1, recent: [...seen.recent, latest].slice(-RECENT_LIMIT), freshest };
}

/**
 * Pure: how long to wait after the latest reading before polling a task that is still running.
 *
 * The interval, unless the finish may come before the next interval poll: then the polls the wait may
 * still make there (never more than SPARE_POLLS ahead of a loop polling every interval since the first
 * reading) are spread over the window, at most STEP_MS apart from its top down, the last just past it,
 * each at least ETA_FLOOR_MS after the one before. Each reading narrows the window for the next.
 */
export function planNextPoll(seen: RecentReadings, intervalMs: number): PollPlan {
  const { recent, freshest } = seen;
  const nowAt = recent.at(-1)?.at ?? seen.firstAt;
  const window = finishWindow(freshest === undefined || recent.includes(freshest) ? recent : [freshest, ...recent]);
  // Poll number n of the wait may come (n - 1 - SPARE_POLLS) intervals after the first, no sooner: so
  // the poll after any one can still come by the loop's next, and a miss costs no more than the loop.
  const pollAllowedAt = (n: number) => seen.firstAt + (n - 1 - SPARE_POLLS) * intervalMs;
  // Negated so that a NaN estimate (absurd figures: infinity less infinity) falls back to the interval.
  if (window === undefined || !(window.earliestAt - nowAt < intervalMs)) {
    const nextIsLast = window !== undefined && window.earliestAt - nowAt < 2 * intervalMs && window.spreadMs < PHASES_SEEN_MS;
    if (!nextIsLast || intervalMs < 4 * SHIFT_MS) return { delayMs: intervalMs, aimedAtEta: false };
    // The early poll spends a spare too: an estimate that keeps moving must not make it a faster loop.
    const shiftedMs = Math.max(intervalMs - SHIFT_MS, pollAllowedAt(seen.readings + 1) - nowAt);
    return { delayMs: Math.min(intervalMs, shiftedMs), aimedAtEta: false };
  }
  const endAt = window.latestAt + MARGIN_MS;
  const fromAt = Math.max(nowAt, window.earliestAt);
  // The polls that may still land in the window: the spares left and the loop's own next one.
  let polls = 0;
  while (polls <= SPARE_POLLS && pollAllowedAt(seen.readings + 1 + polls) <= endAt) polls += 1;
  let aimAt = endAt;
  if (polls > 0) {
    aimAt = window.probe && endAt - fromAt > polls * STEP_MS
      ? Math.min(endAt, Math.max(fromAt + STEP_MS, nowAt + PROBE_GAP_MS))
      : Math.max(fromAt + (endAt - fromAt) / polls, endAt - (polls - 1) * STEP_MS);
  }
  const earliestAt = Math.max(nowAt + Math.min(ETA_FLOOR_MS, intervalMs), pollAllowedAt(seen.readings + 1));
  const delayMs = Math.min(intervalMs, Math.max(earliestAt, aimAt) - nowAt);
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: not reached (the window is checked for NaN above, and a finite interval caps an infinity); kept against a tight loop
  return Number.isFinite(delayMs) ? { delayMs, aimedAtEta: true } : { delayMs: intervalMs, aimedAtEta: false };
}

/**
 * Capped exponential backoff with full jitter for the `attempt`-th retry in a row (1-based):
 * a random delay in [0, min(interval, RETRY_BASE_MS * 2^(attempt-1))).
 */
export function retryDelay(attempt: number, intervalMs: number, random: () => number): number {
  const capMs = Math.min(intervalMs, RETRY_BASE_MS * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.floor(random() * capMs);
}
