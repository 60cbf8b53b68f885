import { canonicalStatus, type Reading } from '../udts/status.js';
import type { WaitResult } from '../wait/types.js';
import { OUTPUT_NAMES, READING_OUTPUTS, taskLists, taskOutput } from './outputs.js';

/** One value of the CLI's JSON: the action's output, typed. */
type JsonValue = string | number | null | readonly object[] | readonly string[];

/**
 * The CLI's `--json`: the action's outputs under the same names, for scripts: numbers as numbers,
 * `tasks` as an array, null for what is unknown. API text as read (bounded); the terminal's sink
 * writes it with safeJson.
 */
export function resultJson(result: WaitResult): Record<string, JsonValue> {
  const reading: Reading = result.tasks.find((t) => t.taskId === result.decidingTaskId)?.reading ?? {};
  const json: Record<string, JsonValue> = { result: result.outcome };
  for (const [name, field] of READING_OUTPUTS) {
    const value = reading[field];
    json[name] = typeof value === 'string' || typeof value === 'number' ? value : null;
  }
  if (reading.status !== undefined) json.status = canonicalStatus(reading.status) ?? json.status ?? null;
  json.elapsed = Math.round(result.elapsedMs / 1_000);
  json.polls = result.polls;
  const tasks = result.tasks.map(taskOutput);
  json.tasks = tasks;
  const lists = taskLists(tasks);
  json['failed-tasks'] = lists.failed;
  json['pending-tasks'] = lists.pending;
  // In the order of the action's outputs.
  return Object.fromEntries(OUTPUT_NAMES.map((name) => [name, json[name] ?? null]));
}

const LIST_OUTPUTS: ReadonlySet<string> = new Set(['tasks', 'failed-tasks', 'pending-tasks']);

/** The JSON of a run that never started waiting: result `error`, everything else unknown. */
export function setupErrorJson(): Record<string, JsonValue> {
  return Object.fromEntries(OUTPUT_NAMES.map((name) => [name, name === 'result' ? 'error' : LIST_OUTPUTS.has(name) ? [] : null]));
}
