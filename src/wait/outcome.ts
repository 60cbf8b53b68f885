import type { TaskRecord } from './task-machine.js';
import type { Outcome, WaitResult } from './types.js';

export interface OutcomeFacts {
  tasks: readonly TaskRecord[];
  /** Wall clock, for the record. */
  startedAt: number;
  /** Monotonic clock. */
  elapsedMs: number;
  cancelled: boolean;
  fatal?: { taskId: string; error: Error; appearWaitedMs?: number };
  /** False for a single check (`wait: false`): tasks still running are `pending`, not a timeout. */
  waited: boolean;
  /** The wait's limit: a timeout reports this, not the last request's grace past it. */
  timeoutMs: number;
}

/** The tasks that failed, the first to fail first. */
export function failedTasks(tasks: readonly TaskRecord[]): TaskRecord[] {
  return tasks.filter((t) => t.judgement?.verdict === 'failure').sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0));
}

/** The tasks with no verdict yet, in the order given. */
export function waitingTasks(tasks: readonly TaskRecord[]): TaskRecord[] {
  return tasks.filter((t) => t.judgement?.verdict !== 'success' && t.judgement?.verdict !== 'failure');
}

/** Pure: the outcome of a run and the task that decided it (the report words it). */
export function decideOutcome(facts: OutcomeFacts): WaitResult {
  const { tasks, startedAt, elapsedMs } = facts;
  const base = { tasks, startedAt, elapsedMs, polls: tasks.reduce((sum, t) => sum + t.polls, 0) };
  const result = (outcome: Outcome, deciding: TaskRecord | undefined, error?: Error, appearWaitedMs?: number): WaitResult => ({
    ...base,
    outcome,
    // Stryker disable next-line OptionalChaining,StringLiteral: settings always name at least one task
    decidingTaskId: (deciding ?? tasks[0])?.taskId ?? '',
    ...(error ? { error } : {}),
    ...(appearWaitedMs === undefined ? {} : { appearWaitedMs }),
  });

  const failed = failedTasks(tasks);
  const waiting = waitingTasks(tasks);
  if (facts.cancelled) return result('cancelled', waiting[0]);
  if (facts.fatal) {
    const fatalTaskId = facts.fatal.taskId;
    return result('error', tasks.find((t) => t.taskId === fatalTaskId), facts.fatal.error, facts.fatal.appearWaitedMs);
  }
  if (failed.length > 0) return result('failure', failed[0]);
  if (waiting.length === 0) {
    const lastToFinish = [...tasks].sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0)).at(-1);
    return result('success', lastToFinish);
  }
  // A single check that never got a reading (the API kept failing until the deadline) is a timeout, not "running".
  if (!facts.waited && waiting.every((t) => t.reading !== undefined)) return result('pending', waiting[0]);
  // The last poll may answer within its grace after the deadline: the wait itself lasted the timeout.
  return { ...result('timeout', waiting[0]), elapsedMs: Math.min(base.elapsedMs, facts.timeoutMs) };
}
