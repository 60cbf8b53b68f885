import type { WaitResult } from '../wait/types.js';
import { OUTPUT_NAMES, taskOutput, toOutputs, type OutputName } from './outputs.js';
import { LIMITS, capText, safeJson } from './sanitize.js';

/** The outputs that hold numbers; in JSON they are numbers (or null), not strings. */
const NUMBER_OUTPUTS: ReadonlySet<OutputName> = new Set([
  'percentage', 'cur-count', 'total-count', 'cur-duration', 'total-duration', 'cur-retry-count', 'max-retry-count',
  'binlog-pos', 'redis-offset-size', 'redis-delay-time', 'mongo-delay-time', 'elapsed', 'polls',
]);

/** One value of the CLI's JSON: what the action's output says, typed. */
type JsonValue = string | number | null | ReadonlyArray<Record<string, unknown>>;

/**
 * The CLI's `--json`: the action's outputs under the same names, for scripts: numbers as numbers,
 * `tasks` as an array, null for what is unknown. API text keeps JSON's own escaping, each string
 * bounded; `##[` and line separators are written as JSON escapes, so the value reads back unchanged.
 */
export function resultJson(result: WaitResult): string {
  const outputs = toOutputs(result);
  const json: Record<string, JsonValue> = {};
  for (const name of OUTPUT_NAMES) {
    const text = outputs[name];
    json[name] = text === '' ? null : NUMBER_OUTPUTS.has(name) ? Number(text) : text;
  }
  json.tasks = result.tasks.map((task) => capStrings(taskOutput(task)));
  return safeJson(json);
}

/** The JSON of a run that never started waiting: result `error`, everything else unknown. */
export function setupErrorJson(): string {
  return safeJson(Object.fromEntries(OUTPUT_NAMES.map((name) => [name, name === 'result' ? 'error' : name === 'tasks' ? [] : null])));
}

function capStrings(task: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(task).map(([key, value]) => [key, typeof value === 'string' ? capText(value, LIMITS.longFieldChars) : value]));
}
