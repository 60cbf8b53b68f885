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

/** How long the check run's completion may take, once the record is written. */
export interface CompletionBudget {
  /** Calls that fail or hang: a GitHub API that hangs must not hold the step long past its verdict. */
  readonly callsMs: number;
  /** A rate limit is waited out until this much has passed (GitHub's secondary limits commonly ask for 60 s). */
  readonly rateLimitMs: number;
}
const CHECK_RUN_BUDGET: CompletionBudget = { callsMs: 8_000, rateLimitMs: 90_000 };
/** After a cancel, less of both: within CANCEL_BUDGET_MS. */
const CHECK_RUN_BUDGET_AFTER_CANCEL: CompletionBudget = { callsMs: 4_000, rateLimitMs: 4_000 };

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
export function checkRunBudget(outcome: Outcome): CompletionBudget {
  return outcome === 'cancelled' ? CHECK_RUN_BUDGET_AFTER_CANCEL : CHECK_RUN_BUDGET;
}
