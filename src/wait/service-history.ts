/**
 * After the wait: the service's own timeline of each task (GetUDTSTaskHistory), which knows the
 * states before the run began, retries between two polls, and when exactly a task failed. One call
 * per task the API knows, all within one time budget, so history never stretches the wait.
 */
import { formatDuration } from '../duration.js';
import { UdtsError } from '../udts/errors.js';
import { linkAbort } from '../udts/abort.js';
import type { FetchHistory } from '../udts/client.js';
import type { HistoryEntry } from '../udts/history.js';
import { Limiter } from './limiter.js';
import { DEFAULT_MAX_IN_FLIGHT } from './waiter.js';
import type { TaskRecord } from './task-machine.js';
import type { Clock } from './types.js';

/** RetCode 161: the endpoint has no such action (a gateway without GetUDTSTaskHistory). */
const RETCODE_NO_SUCH_ACTION = 161;

export interface ServiceHistory {
  /** Each task's recorded states, oldest first, for the tasks whose call succeeded. */
  byTask: ReadonlyMap<string, readonly HistoryEntry[]>;
  /** The calls that failed (a warning each, never a changed verdict). */
  failures: ReadonlyArray<{ taskId: string; error: Error }>;
  /** The endpoint does not offer the call (RetCode 161): history was turned off. */
  unsupported: boolean;
}

export const NO_HISTORY: ServiceHistory = { byTask: new Map(), failures: [], unsupported: false };

/**
 * Asks for the history of every task that gave at least one reading, at most DEFAULT_MAX_IN_FLIGHT
 * at a time, all within `budgetMs` from now. A budget too short for a request asks nothing.
 */
export async function fetchServiceHistory(
  tasks: readonly TaskRecord[],
  fetchHistory: FetchHistory,
  options: { budgetMs: number; clock: Pick<Clock, 'now' | 'sleep'>; signal: AbortSignal },
): Promise<ServiceHistory> {
  const { clock } = options;
  const known = tasks.filter((task) => task.reading !== undefined);
  if (known.length === 0 || options.budgetMs < MIN_HISTORY_BUDGET_MS) return NO_HISTORY;
  const endAt = clock.now() + options.budgetMs;
  const stop = linkAbort(options.signal);
  // The budget ends every call still running; the sleep ends early once they are all done.
  const allDone = new AbortController();
  void clock.sleep(options.budgetMs, allDone.signal).then(() => {
    // Stryker disable next-line ConditionalExpression: once every call is done, aborting them reaches nothing
    if (!allDone.signal.aborted) stop.abort(new Error(`no answer within the ${formatDuration(options.budgetMs)} left for history`));
  });
  const limiter = new Limiter(DEFAULT_MAX_IN_FLIGHT, stop.signal);
  const byTask = new Map<string, readonly HistoryEntry[]>();
  const failures: Array<{ taskId: string; error: Error }> = [];
  let unsupported = false;

  const ask = async (taskId: string) => {
    try {
      await limiter.acquire();
    } catch {
      return; // the budget ran out, or the run was cancelled, while this task waited for a slot
    }
    try {
      byTask.set(taskId, await fetchHistory(taskId, { signal: stop.signal, timeoutMs: Math.max(1, endAt - clock.now()) }));
    } catch (error) {
      if (error instanceof UdtsError && error.retCode === RETCODE_NO_SUCH_ACTION) {
        unsupported = true;
        stop.abort(error);
      } else if (!unsupported && !options.signal.aborted) {
        failures.push({ taskId, error: error instanceof Error ? error : new Error(String(error)) });
      }
    } finally {
      limiter.release();
    }
  };
  try {
    await Promise.all(known.map((task) => ask(task.taskId)));
  } finally {
    allDone.abort();
    stop.dispose();
  }
  return unsupported ? { ...NO_HISTORY, unsupported } : { byTask, failures, unsupported };
}

/** A history phase shorter than this could only fail: it is skipped. */
const MIN_HISTORY_BUDGET_MS = 250;
