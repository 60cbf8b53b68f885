import { remainingSeconds, type Reading } from '../udts/status.js';

/** Never plan a poll for an estimated finish sooner than this after the last one. */
export const ETA_FLOOR_MS = 1_000;
/** The first retry after a transient fault waits at most this; each further one doubles it, up to interval. */
export const RETRY_BASE_MS = 500;

/** A reading and when it was taken (ms on the waiter's clock). */
export interface TimedReading {
  reading: Reading;
  at: number;
}

export interface PollPlan {
  delayMs: number;
  /** True when the delay aims at the estimated finish rather than the plain interval. */
  aimedAtEta: boolean;
}

/**
 * Pure: how long to wait before the next poll of a task that is still pending.
 *
 * Aims at the estimated finish (the service's TotalDuration - CurDuration, else the Percentage trend
 * of the last two readings), never later than `intervalMs` and never sooner than the floor. Each poll
 * aimed at an estimate that found the task still running doubles the floor (`missedEtas`), so an
 * estimate that is wrong or keeps jumping backs off towards the interval instead of bursting.
 */
export function planNextPoll(
  latest: TimedReading,
  previous: TimedReading | undefined,
  intervalMs: number,
  missedEtas: number,
): PollPlan {
  const etaMs = estimateRemainingMs(latest, previous);
  if (etaMs === undefined || etaMs >= intervalMs) return { delayMs: intervalMs, aimedAtEta: false };
  const floorMs = Math.min(intervalMs, ETA_FLOOR_MS * 2 ** Math.min(missedEtas, 30));
  return { delayMs: Math.min(intervalMs, Math.max(floorMs, etaMs)), aimedAtEta: true };
}

/** Milliseconds until the task should be done, by the service's estimate or the progress trend. */
export function estimateRemainingMs(latest: TimedReading, previous: TimedReading | undefined): number | undefined {
  const serviceEstimate = remainingSeconds(latest.reading);
  if (serviceEstimate !== undefined) return serviceEstimate * 1_000;

  const now = latest.reading.percentage;
  const before = previous?.reading.percentage;
  if (previous === undefined || now === undefined || before === undefined) return undefined;
  const elapsedMs = latest.at - previous.at;
  if (now <= before || elapsedMs <= 0 || now >= 100) return undefined;
  return ((100 - now) * elapsedMs) / (now - before);
}

/**
 * Capped exponential backoff with full jitter for the `attempt`-th retry in a row (1-based):
 * a random delay in [0, min(interval, RETRY_BASE_MS * 2^(attempt-1))).
 */
export function retryDelay(attempt: number, intervalMs: number, random: () => number): number {
  const capMs = Math.min(intervalMs, RETRY_BASE_MS * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.floor(random() * capMs);
}
