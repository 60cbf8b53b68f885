import { formatDuration } from '../duration.js';
import { describeReading } from '../report/describe.js';
import type { Outcome, TaskProgress, WaitResult } from './types.js';

export interface OutcomeFacts {
  tasks: TaskProgress[];
  startedAt: number;
  endedAt: number;
  cancelled: boolean;
  fatal?: { taskId: string; error: Error };
  /** False for a single check (`wait: false`): tasks still running are `pending`, not a timeout. */
  waited: boolean;
}

/** Pure: the outcome of a run, the task that decided it and one line that says so. */
export function summarizeOutcome(facts: OutcomeFacts): WaitResult {
  const { tasks, startedAt, endedAt } = facts;
  const elapsedMs = endedAt - startedAt;
  const waitedFor = formatDuration(elapsedMs);
  const base = { tasks, startedAt, elapsedMs, polls: tasks.reduce((sum, t) => sum + t.polls, 0) };
  const result = (outcome: Outcome, deciding: TaskProgress | undefined, message: string, error?: Error): WaitResult => ({
    ...base,
    outcome,
    decidingTaskId: (deciding ?? tasks[0])?.taskId ?? '',
    message,
    error,
  });

  const failed = tasks
    .filter((t) => t.judgement?.verdict === 'failure')
    .sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
  const waiting = tasks.filter((t) => t.judgement?.verdict !== 'success' && t.judgement?.verdict !== 'failure');

  if (facts.cancelled) {
    const deciding = waiting[0] ?? tasks[0];
    const waitingFor = deciding ? ` waiting for ${deciding.taskId}` : '';
    return result('cancelled', deciding, `Cancelled after ${waitedFor}${waitingFor}${lastSeen(deciding)}.`);
  }
  if (facts.fatal) {
    const deciding = tasks.find((t) => t.taskId === facts.fatal?.taskId);
    return result('error', deciding, `Task ${facts.fatal.taskId}: ${facts.fatal.error.message}`, facts.fatal.error);
  }
  if (failed.length > 0) {
    const each = failed.map((t) => `${t.taskId} is ${t.judgement?.why}`);
    const message = failed.length === 1 ? `Task ${each[0]}.` : `${failed.length} tasks failed: ${each.join('; ')}.`;
    return result('failure', failed[0], message);
  }
  if (waiting.length === 0) {
    const last = [...tasks].sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0)).at(-1);
    const names = tasks.length === 1 ? `Task ${last?.taskId} is` : `All ${tasks.length} tasks are`;
    return result('success', last, `${names} ${tasks.length === 1 ? last?.judgement?.why : 'finished'} (${waitedFor}).`);
  }
  const deciding = waiting[0];
  // A single check that never got a reading (the API kept failing until the deadline) is a timeout, not "running".
  if (!facts.waited && waiting.every((t) => t.reading !== undefined)) {
    const names = waiting.map((t) => `${t.taskId} (${describeReading(t)})`).join(', ');
    return result('pending', deciding, `Still running: ${names}.`);
  }
  const lastError = deciding?.lastError ? `; last error: ${deciding.lastError.message}` : '';
  const more = waiting.length > 1 ? ` and ${waiting.length - 1} more` : '';
  return result(
    'timeout',
    deciding,
    `Timed out after ${waitedFor} waiting for ${deciding?.taskId}${more}${lastSeen(deciding)}${lastError}.`,
  );
}

function lastSeen(task: TaskProgress | undefined): string {
  return task?.reading ? `; last status ${describeReading(task)}` : '';
}
