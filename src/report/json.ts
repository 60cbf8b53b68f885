import { canonicalStatus, type Reading } from '../udts/status.js';
import type { WaitResult } from '../wait/types.js';
import { OUTPUT_NAMES, READING_OUTPUTS, taskOutput } from './outputs.js';

/** One value of the CLI's JSON: the action's output, typed. */
type JsonValue = string | number | null | readonly object[];

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
  json.tasks = result.tasks.map(taskOutput);
  // In the order of the action's outputs.
  return Object.fromEntries(OUTPUT_NAMES.map((name) => [name, json[name] ?? null]));
}

/** The JSON of a run that never started waiting: result `error`, everything else unknown. */
export function setupErrorJson(): Record<string, JsonValue> {
  return Object.fromEntries(OUTPUT_NAMES.map((name) => [name, name === 'result' ? 'error' : name === 'tasks' ? [] : null]));
}
