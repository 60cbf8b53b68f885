import { canonicalStatus, lagSeconds, type Reading } from '../udts/status.js';

type Verdict = 'success' | 'failure' | 'pending';

/** Something about a reading the log should say once (the waiter decides how often). */
export type VerdictNote = 'unknown-state' | 'retrying' | 'no-lag-figure' | 'lag-unreadable' | 'lag-too-high' | 'live-sync';

/** The states of a task that keeps following its source (incremental, or full + incremental). */
const LIVE_SYNC_STATES = ['Syncing', 'Synced'] as const;

export interface Judgement {
  verdict: Verdict;
  /** Readings in a row, this one included, that met the success condition. */
  streak: number;
  /** Why, in words for a log line: "Synced, lag 42s > max-lag 10s". */
  why: string;
  note?: VerdictNote;
  /** While a success streak is still counting: how many readings in a row it needs (stable-polls). */
  stableNeeded?: number;
}

/** The rules a reading is judged by; settings.ts builds them from the inputs. */
export interface VerdictOptions {
  /** Canonical state names that count as finished. */
  readonly successStates: ReadonlySet<string>;
  /** Canonical state names that fail the gate. */
  readonly failureStates: ReadonlySet<string>;
  /** A success state counts only while the reported lag is at most this; undefined: no bound. */
  readonly maxLagSeconds?: number;
  /** How many readings in a row must meet the success condition. */
  readonly stablePolls: number;
  /** A Failed task the service will still retry is waited through. */
  readonly tolerateRetries: boolean;
}

/**
 * Pure: what one reading means under the settings, given how many readings before it in a row met
 * the success condition. A reading that breaks the condition starts the count again.
 */
export function judge(reading: Reading, settings: VerdictOptions, previousStreak: number): Judgement {
  // Stryker disable next-line StringLiteral: no name without letters is a known state, so any such text reads as no status
  const status = canonicalStatus(reading.status ?? '');
  if (status === undefined) {
    const shown = reading.status ?? '(no status)';
    return { verdict: 'pending', streak: 0, why: `${shown} is not a known state`, note: 'unknown-state' };
  }

  if (status === 'RetryPending') {
    return { verdict: 'pending', streak: 0, why: `RetryPending${retryText(reading)}`, note: 'retrying' };
  }

  if (settings.failureStates.has(status)) {
    const counts = retryCounts(reading);
    if (status === 'Failed' && settings.tolerateRetries && counts !== undefined && counts.used < counts.allowed) {
      return { verdict: 'pending', streak: 0, why: `Failed, the service retries${retryText(reading)}`, note: 'retrying' };
    }
    const message = reading.failedMessage ? `: ${reading.failedMessage}` : '';
    return { verdict: 'failure', streak: 0, why: `${status}${message}` };
  }

  if (!settings.successStates.has(status)) {
    // A live sync never reaches Done: with neither sync state in a list, the wait can only time out.
    const liveSync = LIVE_SYNC_STATES.some((s) => s === status) && !LIVE_SYNC_STATES.some((s) => settings.successStates.has(s) || settings.failureStates.has(s));
    return { verdict: 'pending', streak: 0, why: status, ...(liveSync ? { note: 'live-sync' as const } : {}) };
  }

  let note: VerdictNote | undefined;
  let why: string = status;
  if (settings.maxLagSeconds !== undefined) {
    const lag = lagSeconds(reading);
    if (lag === undefined && reading.lagUnreadable) {
      return { verdict: 'pending', streak: 0, why: `${status}, lag unreadable: not within max-lag ${settings.maxLagSeconds}s`, note: 'lag-unreadable' };
    } else if (lag === undefined) {
      note = 'no-lag-figure';
    } else if (lag > settings.maxLagSeconds) {
      return {
        verdict: 'pending',
        streak: 0,
        why: `${status}, lag ${lag}s > max-lag ${settings.maxLagSeconds}s`,
        note: 'lag-too-high',
      };
    } else {
      why = `${status}, lag ${lag}s`;
    }
  }

  const streak = previousStreak + 1;
  if (streak < settings.stablePolls) {
    const stableNeeded = settings.stablePolls;
    return { verdict: 'pending', streak, why: `${why} (${streak} of ${stableNeeded} stable readings)`, note, stableNeeded };
  }
  return { verdict: 'success', streak, why, note };
}

/** " (retry 2 of 3)": the retry the service is on or about to make, when it reports the counts. */
function retryText(reading: Reading): string {
  const counts = retryCounts(reading);
  if (counts === undefined || counts.allowed === 0) return '';
  return ` (retry ${Math.min(counts.used + 1, counts.allowed)} of ${counts.allowed})`;
}

/** The retries the service used and allows, when it reports both. */
function retryCounts({ curRetryCount: used, maxRetryCount: allowed }: Reading): { used: number; allowed: number } | undefined {
  return used === undefined || allowed === undefined ? undefined : { used, allowed };
}
