import { formatDuration } from '../duration.js';
import { failedTasks, waitingTasks } from '../wait/outcome.js';
import type { TaskRecord } from '../wait/task-machine.js';
import type { WaitResult } from '../wait/types.js';
import { canonicalStatus } from '../udts/status.js';
import { NO_HISTORY, type ServiceHistory } from '../wait/service-history.js';
import { describeReading } from './describe.js';
import { utcTime } from './timeline.js';

/**
 * One line saying how the wait ended, for the log, setFailed, the CLI and the summary. It quotes the
 * API (a FailedMessage, an error's Message) as read, bounded; the sink that writes it sanitises it.
 */
export function resultMessage(result: WaitResult, history: ServiceHistory = NO_HISTORY): string {
  const { tasks } = result;
  const waitedFor = formatDuration(result.elapsedMs);
  const deciding = tasks.find((t) => t.taskId === result.decidingTaskId);
  switch (result.outcome) {
    case 'cancelled': {
      const more = waitingTasks(tasks).length > 1 ? ` and ${waitingTasks(tasks).length - 1} more` : '';
      return `Cancelled after ${waitedFor}${deciding ? ` waiting for ${deciding.taskId}${more}` : ''}${lastSeen(deciding)}.`;
    }
    case 'error': {
      const waited = result.appearWaitedMs === undefined ? '' : `. The task did not appear in ${formatDuration(result.appearWaitedMs)} of waiting (appear-timeout).`;
      return `Task ${result.decidingTaskId}: ${result.error?.message ?? 'unknown error'}${waited}`;
    }
    case 'failure': {
      const each = failedTasks(tasks).map((t) => `${t.taskId} is ${t.judgement?.why}${whenItFailed(t, history)}`);
      return each.length === 1 ? `Task ${each[0]}.` : `${each.length} tasks failed: ${each.join('; ')}.`;
    }
    case 'success': {
      const names = tasks.length === 1 ? `Task ${deciding?.taskId} is` : `All ${tasks.length} tasks are`;
      return `${names} ${tasks.length === 1 ? deciding?.judgement?.why : 'finished'} (${waitedFor}).`;
    }
    case 'pending':
      return `Still running: ${waitingTasks(tasks).map((t) => `${t.taskId} (${describeReading(t)})`).join(', ')}.`;
    case 'timeout': {
      const waiting = waitingTasks(tasks);
      const lastError = deciding?.lastError ? `; last error: ${deciding.lastError.message}` : '';
      const more = waiting.length > 1 ? ` and ${waiting.length - 1} more` : '';
      const hint = deciding?.judgement?.note === 'live-sync' ? ` ${liveSyncHint()}` : '';
      return `Timed out after ${waitedFor} waiting for ${deciding?.taskId}${more}${lastSeen(deciding)}${lastError}.${hint}`;
    }
  }
}

/**
 * " (the service marked it Failed at 12:03:04 UTC, after 2 retries: RetryPending at 11:50:00,
 * 11:58:00 UTC)": from the service's history, when the task failed and the retries before it.
 */
function whenItFailed(task: TaskRecord, history: ServiceHistory): string {
  const entries = history.byTask.get(task.taskId);
  const failedState = canonicalStatus(task.reading?.status ?? '');
  const failed = entries?.findLast((entry) => canonicalStatus(entry.state) === failedState);
  if (!entries || !failed || !failedState) return '';
  const retries = entries.filter((entry) => canonicalStatus(entry.state) === 'RetryPending' && entry.at < failed.at);
  const shown = retries.slice(-MAX_RETRIES_NAMED).map((entry) => utcTime(entry.at, failed.at));
  const earlier = retries.length > shown.length ? `${retries.length - shown.length} earlier, ` : '';
  const retryText = retries.length === 0 ? '' : `, after ${retries.length} ${retries.length === 1 ? 'retry' : 'retries'}: RetryPending at ${earlier}${shown.join(', ')} UTC`;
  return ` (the service marked it ${failedState} at ${utcTime(failed.at, failed.at)} UTC${retryText})`;
}

// Retry times a failure message names at most; the summary's timeline has them all.
const MAX_RETRIES_NAMED = 5;

function lastSeen(task: TaskRecord | undefined): string {
  return task?.reading ? `; last status ${describeReading(task)}` : '';
}

/** What to set when a live sync will never reach the success states (said once, and on a timeout). */
export function liveSyncHint(): string {
  return 'This task keeps syncing (incremental, or full + incremental) and will not reach Done: to gate on it, set success-states: Synced, with max-lag (the most lag in seconds to accept) and stable-polls (readings in a row).';
}

/** A history call that failed: the record goes on without it. */
export function historyWarning(taskId: string, error: Error): string {
  return `${taskId}: could not read the service's history of this task (GetUDTSTaskHistory): ${error.message}; the timeline shows what this run saw.`;
}

/** An error's own message, never its stack (a stack of the bundle is noise). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
