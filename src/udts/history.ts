/**
 * What a GetUDTSTaskHistory answer is: the service's own timeline of a task's states, read as
 * tolerantly as a status reading (entries may lack fields; numbers may come as strings).
 */
import { SHORT_FIELD_CHARS } from '../text.js';
import { asObject, asText } from './fields.js';

/** The API action that returns a task's state timeline (same endpoint and signature as the status call). */
export const HISTORY_ACTION = 'GetUDTSTaskHistory';

/** One state change the service recorded: the state's name as the API spells it, and when it began. */
export interface HistoryEntry {
  state: string;
  /** When the task entered `state`, in ms since the epoch. */
  at: number;
}

// A time the service can have recorded: not before this, nor more than a day ahead of the runner's
// clock (clocks differ, a day does not). Outside that, a time is garbage, and shown it reads as garbage too.
const EARLIEST_MS = Date.UTC(2000, 0, 1);
const AHEAD_MS = 86_400_000;

/**
 * Reads the `Data` list of a GetUDTSTaskHistory answer, oldest first (the API promises no order;
 * entries at the same second keep the API's order). An entry without a state name, or whose
 * CreateTime is not whole unix seconds (an integer, or a string of decimal digits) from 2000-01-01 to
 * a day after `nowMs` (the runner's wall clock), is dropped and told to `dropped`, once each.
 * `Data` that is not a list reads as no history.
 */
export function historyFromData(data: unknown, nowMs: number, dropped?: (why: string) => void): HistoryEntry[] {
  if (!Array.isArray(data)) return [];
  const entries: HistoryEntry[] = [];
  for (const item of data) {
    const fields = asObject(item);
    const state = asText(fields.AntState, SHORT_FIELD_CHARS);
    const at = unixSeconds(fields.CreateTime) * 1_000;
    if (state === undefined || state.trim() === '') {
      dropped?.('an entry without a state (AntState) is dropped');
    } else if (at >= EARLIEST_MS && at <= nowMs + AHEAD_MS) {
      entries.push({ state, at });
    } else {
      dropped?.(`the entry of ${shown(state)} is dropped: its CreateTime, ${shown(fields.CreateTime)}, is no time from 2000-01-01 to a day from now`);
    }
  }
  return entries.sort((a, b) => a.at - b.at);
}

/** A value from the answer as a debug line quotes it: JSON, at most 64 characters. */
function shown(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value).slice(0, 64);
}

/** Whole seconds from an integer or a string of decimal digits; NaN for anything else. */
function unixSeconds(value: unknown): number {
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return Number.isSafeInteger(value) ? (value as number) : Number.NaN;
}
