import { formatDuration } from '../duration.js';
import { failedTasks, waitingTasks } from '../wait/outcome.js';
import type { TaskProgress, WaitResult } from '../wait/types.js';
import { describeReading } from './describe.js';
import { LIMITS, sanitizeText } from './sanitize.js';

/**
 * One line saying how the wait ended, for the log, setFailed, the CLI and the summary. It quotes the
 * API (a FailedMessage, an error's Message), so it leaves here sanitised and bounded.
 */
export function resultMessage(result: WaitResult): string {
  return sanitizeText(wording(result), LIMITS.longFieldChars);
}

function wording(result: WaitResult): string {
  const { tasks } = result;
  const waitedFor = formatDuration(result.elapsedMs);
  const deciding = tasks.find((t) => t.taskId === result.decidingTaskId);
  switch (result.outcome) {
    case 'cancelled':
      return `Cancelled after ${waitedFor}${deciding ? ` waiting for ${deciding.taskId}` : ''}${lastSeen(deciding)}.`;
    case 'error':
      return `Task ${result.decidingTaskId}: ${result.error?.message ?? 'unknown error'}`;
    case 'failure': {
      const each = failedTasks(tasks).map((t) => `${t.taskId} is ${t.judgement?.why}`);
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

function lastSeen(task: TaskProgress | undefined): string {
  return task?.reading ? `; last status ${describeReading(task)}` : '';
}

/** What to set when a live sync will never reach the success states (said once, and on a timeout). */
export function liveSyncHint(): string {
  return 'This task keeps syncing (incremental, or full + incremental) and will not reach Done: to gate on it, set success-states: Synced, with max-lag (the most lag in seconds to accept) and stable-polls (readings in a row).';
}
