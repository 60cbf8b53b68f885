import type { Reading } from '../udts/status.js';

/** Never plan a poll for an estimated finish sooner than this after the last one. */
export const ETA_FLOOR_MS = 1_000;
/** The first retry after a transient fault waits at most this; each further one doubles it, up to interval. */
export const RETRY_BASE_MS = 500;
/** Polls a wait may make beyond those of a loop polling every interval, to land near the finish. */
export const SPARE_POLLS = 2;
/**
 * Readings kept per task. At most three polls fall in one interval (its own and the spares), so 8
 * reach back past two whole intervals: the trend always finds a base, and the start bound several takes.
 */
export const HISTORY_LIMIT = 8;
/** The trend is measured over at least this span when the history has one: shorter spans are mostly the noise of stale snapshots. */
const MIN_TREND_SPAN_MS = 3_000;
/** With a spare poll left after it, aim this much early: estimates from stale progress run late, and a miss only costs a call. */
const LEAD_MS = 500;
/** The last spare poll aims this much after the estimate: a miss would wait for the next interval. */
const MARGIN_MS = 250;
/** TotalDuration is believed when it agrees with the measured progress within this fraction of the whole task. */
const AGREEMENT = 0.1;

/** A reading and when it was taken (ms on the waiter's clock). */
export interface TimedReading {
  reading: Reading;
  at: number;
}

/** What the schedule knows of one task's wait. The caller keeps one per task, updated by `remember`. */
export interface PollHistory {
  /** When the wait's first reading came: the interval loop the spare polls are counted against starts then. */
  firstAt: number;
  /** Good readings so far in this wait. */
  readings: number;
  /** The last HISTORY_LIMIT readings, oldest first. */
  recent: readonly TimedReading[];
}

export interface PollPlan {
  delayMs: number;
  /** True when the delay aims at the estimated finish rather than the plain interval. */
  aimedAtEta: boolean;
}

/** Pure: the history with one more reading, the oldest dropped beyond HISTORY_LIMIT. */
export function remember(history: PollHistory | undefined, latest: TimedReading): PollHistory {
  if (history === undefined) return { firstAt: latest.at, readings: 1, recent: [latest] };
  return { firstAt: history.firstAt, readings: history.readings + 1, recent: [...history.recent, latest].slice(-HISTORY_LIMIT) };
}

/**
 * Pure: how long to wait after the latest reading before polling a task that is still running.
 *
 * The interval, unless the task should finish sooner: then the poll aims at the estimate, at least
 * ETA_FLOOR_MS after the last. The wait never gets more than SPARE_POLLS ahead of a loop polling
 * every interval since the first reading: while a spare is left a poll aims a little early (a miss
 * brings a reading closer to the finish), the last one a little late; a wrong estimate costs no more.
 */
export function planNextPoll(history: PollHistory, intervalMs: number): PollPlan {
  const nowAt = history.recent.at(-1)?.at ?? history.firstAt;
  const finishAt = estimateFinishAt(history.recent);
  // Negated so that a NaN estimate (absurd figures: infinity less infinity) falls back to the interval.
  if (finishAt === undefined || !(finishAt - nowAt < intervalMs)) return { delayMs: intervalMs, aimedAtEta: false };

  const floorMs = Math.min(ETA_FLOOR_MS, intervalMs);
  // Poll number n of the wait may come (n - 1 - SPARE_POLLS) intervals after the first, no sooner.
  const pollAllowedAt = (n: number) => history.firstAt + (n - 1 - SPARE_POLLS) * intervalMs;
  const earliestAt = Math.max(nowAt + floorMs, pollAllowedAt(history.readings + 1));
  // Early is safe only while one more poll could follow soon after; a miss of the last spare waits for the loop's next poll.
  const spareAfter = pollAllowedAt(history.readings + 2) <= Math.max(earliestAt, finishAt) + floorMs;
  const aimAt = spareAfter ? finishAt - LEAD_MS : finishAt + MARGIN_MS;
  return { delayMs: Math.min(intervalMs, Math.max(earliestAt, aimAt) - nowAt), aimedAtEta: true };
}

/**
 * When the task should finish, on the waiter's clock, from its readings since it last restarted;
 * undefined without evidence. Measured progress (its trend, else its average rate since the start)
 * beats TotalDuration, an estimate that drifts, unless the two agree: then TotalDuration, which
 * does not carry the noise of a trend.
 */
function estimateFinishAt(recent: readonly TimedReading[]): number | undefined {
  const run = sinceRestart(recent);
  const latest = run.at(-1);
  if (latest === undefined) return undefined;
  // A reading's time less its CurDuration bounds the start from above (progress may be stale,
  // never early); the freshest reading gives the closest bound.
  const starts = run.flatMap(({ reading, at }) => (reading.curDuration === undefined ? [] : [at - reading.curDuration * 1_000]));
  const startAt = starts.length > 0 ? Math.min(...starts) : undefined;
  // A snapshot is taken no later than its answer, and within a second (CurDuration is whole) of startAt + CurDuration.
  const points = run.flatMap(({ reading, at }) => {
    const fraction = progressFraction(reading);
    const takenAt = startAt === undefined || reading.curDuration === undefined ? at : Math.min(at, startAt + (reading.curDuration + 1) * 1_000);
    return fraction === undefined ? [] : [{ takenAt, fraction }];
  });
  const trend = trendFinishAt(points);
  const { curDuration, totalDuration } = latest.reading;
  if (startAt === undefined || curDuration === undefined) return trend;

  const fraction = progressFraction(latest.reading) ?? 0;
  const measured = trend ?? (fraction > 0 && curDuration > 0 ? startAt + (curDuration * 1_000) / fraction : undefined);
  const service = totalDuration !== undefined && totalDuration > 0 ? startAt + totalDuration * 1_000 : undefined;
  if (measured === undefined || service === undefined) return measured ?? service;
  return Math.abs(service - measured) <= AGREEMENT * (measured - startAt) ? service : measured;
}

/** Extrapolates progress to 100% from the newest point at least MIN_TREND_SPAN_MS back, else the oldest, with less of it. */
function trendFinishAt(points: ReadonlyArray<{ takenAt: number; fraction: number }>): number | undefined {
  const last = points.at(-1);
  if (last === undefined) return undefined;
  const earlier = points.filter((p) => p.fraction < last.fraction && p.takenAt < last.takenAt);
  const base = earlier.findLast((p) => last.takenAt - p.takenAt >= MIN_TREND_SPAN_MS) ?? earlier[0];
  if (base === undefined) return undefined;
  const perMs = (last.fraction - base.fraction) / (last.takenAt - base.takenAt);
  return last.takenAt + (1 - last.fraction) / perMs;
}

/** Progress from 0 to 1: Percentage, else CurCount / TotalCount; undefined when absent or out of range. */
function progressFraction(reading: Reading): number | undefined {
  const { percentage, curCount, totalCount } = reading;
  const fraction = percentage !== undefined ? percentage / 100 : totalCount && curCount !== undefined ? curCount / totalCount : undefined;
  return fraction !== undefined && fraction >= 0 && fraction <= 1 ? fraction : undefined;
}

/** The readings since progress or CurDuration last went backwards (the task restarted, after a retry say). */
function sinceRestart(recent: readonly TimedReading[]): readonly TimedReading[] {
  let lowestFraction = Infinity;
  let lowestCurDuration = Infinity;
  let from = recent.length;
  for (; from > 0; from -= 1) {
    const { reading } = recent[from - 1] as TimedReading;
    const fraction = progressFraction(reading);
    if ((fraction ?? -Infinity) > lowestFraction || (reading.curDuration ?? -Infinity) > lowestCurDuration) break;
    lowestFraction = Math.min(lowestFraction, fraction ?? Infinity);
    lowestCurDuration = Math.min(lowestCurDuration, reading.curDuration ?? Infinity);
  }
  return recent.slice(from);
}

/**
 * Capped exponential backoff with full jitter for the `attempt`-th retry in a row (1-based):
 * a random delay in [0, min(interval, RETRY_BASE_MS * 2^(attempt-1))).
 */
export function retryDelay(attempt: number, intervalMs: number, random: () => number): number {
  const capMs = Math.min(intervalMs, RETRY_BASE_MS * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.floor(random() * capMs);
}
