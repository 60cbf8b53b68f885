import { canonicalStatus, type Reading } from '../udts/status.js';
import type { WaitResult } from '../wait/types.js';
import { OUTPUT_NAMES, READING_OUTPUTS, capStrings, taskLists, taskOutput } from './outputs.js';
import { LIMITS, capText, safeJson } from './sanitize.js';

/** One value of the CLI's JSON: the action's output, typed. */
type JsonValue = string | number | null | readonly object[] | readonly string[];

/**
 * The CLI's `--json`: the action's outputs under the same names, for scripts: numbers as numbers,
 * `tasks` as an array, null for what is unknown. API text keeps JSON's own escaping, each string
 * bounded; `##[` and line separators are written as JSON escapes, so the value reads back unchanged.
 */
export function resultJson(result: WaitResult): string {
  const reading: Reading = result.tasks.find((t) => t.taskId === result.decidingTaskId)?.reading ?? {};
  const json: Record<string, JsonValue> = { result: result.outcome };
  for (const [name, field] of READING_OUTPUTS) {
    const value = reading[field];
    json[name] = typeof value === 'string' ? capText(value, LIMITS.longFieldChars) : typeof value === 'number' ? value : null;
  }
  if (reading.status !== undefined) json.status = canonicalStatus(reading.status) ?? json.status ?? null;
  json.elapsed = Math.round(result.elapsedMs / 1_000);
  json.polls = result.polls;
  const tasks = result.tasks.map(taskOutput);
  json.tasks = tasks.map((task) => capStrings(task, LIMITS.longFieldChars));
  const lists = taskLists(tasks);
  json['failed-tasks'] = lists.failed;
  json['pending-tasks'] = lists.pending;
  // In the order of the action's outputs.
  return safeJson(Object.fromEntries(OUTPUT_NAMES.map((name) => [name, json[name] ?? null])));
}

const LIST_OUTPUTS: ReadonlySet<string> = new Set(['tasks', 'failed-tasks', 'pending-tasks']);

/** The JSON of a run that never started waiting: result `error`, everything else unknown. */
export function setupErrorJson(): string {
  return safeJson(Object.fromEntries(OUTPUT_NAMES.map((name) => [name, name === 'result' ? 'error' : LIST_OUTPUTS.has(name) ? [] : null])));
}
