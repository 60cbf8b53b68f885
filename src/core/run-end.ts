/**
 * How a run ends, in one place (docs/architecture.md, "How a run ends"): after the wait, the service's
 * history, publishing, the check run's completion, and the exit after a cancel; on the monotonic clock.
 */
import type { Outcome } from '../wait/types.js';

/** The most the history phase may take after a wait that ended in time. */
const HISTORY_BUDGET_MS = 5_000;
/** After a timeout the step ends within this of the timeout: history gets what is left of it. */
const AFTER_TIMEOUT_MS = 2_000;
/** Kept back from that for publishing the record. */
const PUBLISH_MARGIN_MS = 500;

/**
 * The check run's completion, tried twice, takes at most this once the record is written: a GitHub API
 * that hangs must not hold the step long past its verdict. After a cancel, less (within CANCEL_BUDGET_MS).
 */
const CHECK_RUN_BUDGET_MS = 8_000;
const CHECK_RUN_BUDGET_AFTER_CANCEL_MS = 4_000;

/**
 * Publishing after a cancel ends within this: the runner sends SIGTERM 7.5 s after SIGINT and kills
 * the process 2.5 s later, so whatever a person should see must be written well inside that.
 */
export const CANCEL_BUDGET_MS = 5_000;

/** The time the service's history may take, `waitedMs` after a wait of at most `timeoutMs` began. */
export function historyBudgetMs(timeoutMs: number, waitedMs: number): number {
  return Math.min(HISTORY_BUDGET_MS, timeoutMs + AFTER_TIMEOUT_MS - PUBLISH_MARGIN_MS - waitedMs);
}

/** The time the check run's completion may take once the record is written. */
export function checkRunBudgetMs(outcome: Outcome): number {
  return outcome === 'cancelled' ? CHECK_RUN_BUDGET_AFTER_CANCEL_MS : CHECK_RUN_BUDGET_MS;
}
