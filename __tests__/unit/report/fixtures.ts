/** WaitResult and TaskRecord builders for the report tests; verdicts come from the real judge. */
import type { Reading } from '../../../src/udts/status.js';
import { judge } from '../../../src/wait/verdict.js';
import { initialRecord, type TaskRecord } from '../../../src/wait/task-machine.js';
import type { Outcome, WaitResult } from '../../../src/wait/types.js';
import { START_MS, waitSettings } from '../fakes.js';

/** A task whose last reading is `reading`, judged under the default settings. */
export function taskWith(taskId: string, reading: Reading | undefined, extra: Partial<TaskRecord> = {}): TaskRecord {
  return {
    ...initialRecord(taskId, 5_000),
    polls: 3,
    timeline: reading?.status ? [{ status: reading.status, at: START_MS }] : [],
    ...(reading ? { reading, judgement: judge(reading, waitSettings(), 0) } : {}),
    ...extra,
  };
}

export function resultWith(outcome: Outcome, tasks: TaskRecord[], extra: Partial<WaitResult> = {}): WaitResult {
  return {
    outcome,
    decidingTaskId: tasks[0]?.taskId ?? '',
    tasks,
    startedAt: START_MS,
    elapsedMs: 45_000,
    polls: tasks.reduce((sum, task) => sum + task.polls, 0),
    ...extra,
  };
}

/** A full StatusData reading of a MySQL migration in its load phase. */
export const LOADING: Reading = {
  status: 'Loading',
  curRetryCount: 0,
  maxRetryCount: 3,
  totalCount: 10_000,
  curCount: 4_750,
  totalDuration: 600,
  curDuration: 285,
  percentage: 47.5,
  binlogName: 'mysql-bin.000042',
  binlogPos: 154,
  binlogGtid: 'uuid:1-42',
};
