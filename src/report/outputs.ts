import { canonicalStatus, type Reading } from '../udts/status.js';
import type { TaskRecord } from '../wait/task-machine.js';
import type { WaitResult } from '../wait/types.js';
import { capText } from '../text.js';
import { LIMITS, safeJson } from './sanitize.js';

/** The action's outputs, in action.yml order. The CLI's --json prints the same facts. */
export const OUTPUT_NAMES = [
  'result', 'status', 'percentage', 'cur-count', 'total-count', 'cur-duration', 'total-duration',
  'failed-message', 'cur-retry-count', 'max-retry-count', 'binlog-name', 'binlog-pos', 'binlog-gtid',
  'redis-offset-size', 'redis-delay-time', 'mongo-delay-time', 'elapsed', 'polls', 'tasks',
  'failed-tasks', 'pending-tasks',
] as const;

export type OutputName = (typeof OUTPUT_NAMES)[number];

// Output name → the Reading field it carries, for the per-reading outputs.
export const READING_OUTPUTS: ReadonlyArray<[OutputName, keyof Reading]> = [
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
 * '' where the API gave nothing; the sink sanitises each as it writes it. `status` is the state's canonical
 * name when the API's text is a known state in any case or spacing.
 */
export function toOutputs(result: WaitResult): Record<OutputName, string> {
  const deciding = result.tasks.find((t) => t.taskId === result.decidingTaskId);
  const reading: Reading = deciding?.reading ?? {};
  const outputs = blankOutputs();
  for (const [name, field] of READING_OUTPUTS) {
    const value = reading[field];
    outputs[name] = value === undefined ? '' : String(value);
  }
  if (reading.status !== undefined) outputs.status = canonicalStatus(reading.status) ?? outputs.status;
  outputs.result = result.outcome;
  outputs.elapsed = String(Math.round(result.elapsedMs / 1_000));
  outputs.polls = String(result.polls);
  const tasks = result.tasks.map(taskOutput);
  outputs.tasks = tasksJson(tasks, LIMITS.outputChars);
  const lists = taskLists(tasks);
  outputs['failed-tasks'] = capText(lists.failed.join(','), LIMITS.outputChars);
  outputs['pending-tasks'] = capText(lists.pending.join(','), LIMITS.outputChars);
  return outputs;
}

/**
 * The task ids by how each ended, in input order: `failed` (verdict failure or error) and `pending`
 * (not finished: a timeout, a cancel, `wait: false`, or still running when another task failed first).
 */
export function taskLists(tasks: readonly TaskOutput[]): { failed: string[]; pending: string[] } {
  return {
    failed: tasks.filter((t) => t.verdict === 'failure' || t.verdict === 'error').map((t) => t.taskId),
    pending: tasks.filter((t) => t.verdict === 'pending').map((t) => t.taskId),
  };
}

/** The outputs of a run that never started waiting (bad input): `result` is `error`, the rest empty. */
export function setupErrorOutputs(): Record<OutputName, string> {
  return { ...blankOutputs(), result: 'error' };
}

/** Every output, each ''. */
function blankOutputs(): Record<OutputName, string> {
  return Object.fromEntries(OUTPUT_NAMES.map((name) => [name, ''])) as Record<OutputName, string>;
}

/** The task as the `tasks` output (and the CLI's JSON) shows it. */
export function taskOutput(task: TaskRecord): TaskOutput {
  return {
    taskId: task.taskId,
    // A fatal error (a wrong key, an unknown task) ended this task's wait, whatever its last reading said.
    verdict: task.lastError?.kind === 'fatal' ? 'error' : task.judgement?.verdict ?? 'pending',
    polls: task.polls,
    ...task.reading,
    ...(task.lastError ? { error: task.lastError.message } : {}),
  };
}

/**
 * The tasks as a JSON array within `maxChars`, always valid JSON: strings from the API are cut
 * shorter and shorter until it fits; failing that, each task keeps only its id, verdict and status;
 * failing that, the tail of the list gives way to one `{ "omittedTasks": N }` marker.
 */
function tasksJson(tasks: readonly TaskOutput[], maxChars: number): string {
  for (let stringChars = LIMITS.longFieldChars; stringChars >= 64; stringChars = Math.floor(stringChars / 4)) {
    const json = safeJson(tasks.map((task) => capStrings(task, stringChars)));
    if (json.length <= maxChars) return json;
  }
  const brief = tasks.map(({ taskId, verdict, status }) => capStrings({ taskId, verdict, ...(status === undefined ? {} : { status }) }, 64));
  for (let kept = brief.length; kept >= 0; kept -= Math.max(1, Math.ceil(kept / 8))) {
    const shown = kept === brief.length ? brief : [...brief.slice(0, kept), { omittedTasks: brief.length - kept }];
    const json = safeJson(shown);
    if (json.length <= maxChars) return json;
  }
  return safeJson([{ omittedTasks: brief.length }]);
}

/** The object with each string field cut to `maxChars` (with capText's marker). */
function capStrings<T extends object>(value: T, maxChars: number): T {
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [key, typeof field === 'string' ? capText(field, maxChars) : field]),
  ) as T;
}
