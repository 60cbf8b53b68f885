import type { Reading } from '../udts/status.js';
import type { TaskProgress, WaitResult } from '../wait/types.js';

/** The action's outputs, in action.yml order. The CLI's --json prints the same object. */
export const OUTPUT_NAMES = [
  'result', 'status', 'percentage', 'cur-count', 'total-count', 'cur-duration', 'total-duration',
  'failed-message', 'cur-retry-count', 'max-retry-count', 'binlog-name', 'binlog-pos', 'binlog-gtid',
  'redis-offset-size', 'redis-delay-time', 'mongo-delay-time', 'elapsed', 'polls', 'tasks',
] as const;

export type OutputName = (typeof OUTPUT_NAMES)[number];

// Output name → the Reading field it carries, for the per-reading outputs.
const READING_OUTPUTS: ReadonlyArray<[OutputName, keyof Reading]> = [
  ['status', 'status'], ['percentage', 'percentage'], ['cur-count', 'curCount'], ['total-count', 'totalCount'],
  ['cur-duration', 'curDuration'], ['total-duration', 'totalDuration'], ['failed-message', 'failedMessage'],
  ['cur-retry-count', 'curRetryCount'], ['max-retry-count', 'maxRetryCount'], ['binlog-name', 'binlogName'],
  ['binlog-pos', 'binlogPos'], ['binlog-gtid', 'binlogGtid'], ['redis-offset-size', 'redisOffsetSize'],
  ['redis-delay-time', 'redisDelayTime'], ['mongo-delay-time', 'mongoDelayTime'],
];

/** Each task in the `tasks` output: its id, its verdict and the fields of its last reading. */
export interface TaskOutput extends Reading {
  taskId: string;
  verdict: string;
  polls: number;
  error?: string;
}

/**
 * Every output as a string, from the last readings: the scalar ones describe the deciding task;
 * '' where the API gave nothing.
 */
export function toOutputs(result: WaitResult): Record<OutputName, string> {
  const deciding = result.tasks.find((t) => t.taskId === result.decidingTaskId);
  const reading: Reading = deciding?.reading ?? {};
  const outputs = blankOutputs();
  for (const [name, field] of READING_OUTPUTS) {
    const value = reading[field];
    outputs[name] = value === undefined ? '' : String(value);
  }
  outputs.result = result.outcome;
  outputs.elapsed = String(Math.round(result.elapsedMs / 1_000));
  outputs.polls = String(result.polls);
  outputs.tasks = JSON.stringify(result.tasks.map(taskOutput));
  return outputs;
}

/** The outputs of a run that never started waiting (bad input): `result` is `error`, the rest empty. */
export function setupErrorOutputs(): Record<OutputName, string> {
  return { ...blankOutputs(), result: 'error' };
}

/** Every output, each ''. */
function blankOutputs(): Record<OutputName, string> {
  return Object.fromEntries(OUTPUT_NAMES.map((name) => [name, ''])) as Record<OutputName, string>;
}

function taskOutput(task: TaskProgress): TaskOutput {
  return {
    taskId: task.taskId,
    // A fatal error (a wrong key, an unknown task) ended this task's wait, whatever its last reading said.
    verdict: task.lastError?.kind === 'fatal' ? 'error' : task.judgement?.verdict ?? 'pending',
    polls: task.polls,
    ...task.reading,
    ...(task.lastError ? { error: task.lastError.message } : {}),
  };
}
