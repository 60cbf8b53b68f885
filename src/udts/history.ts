/**
 * What a GetUDTSTaskHistory answer is: the service's own timeline of a task's states, read as
 * tolerantly as a status reading (entries may lack fields; numbers may come as strings).
 */
import { SHORT_FIELD_CHARS } from '../text.js';
import { asNumber, asObject, asText } from './fields.js';

/** The API action that returns a task's state timeline (same endpoint and signature as the status call). */
export const HISTORY_ACTION = 'GetUDTSTaskHistory';

/** One state change the service recorded: the state's name as the API spells it, and when it began. */
export interface HistoryEntry {
  state: string;
  /** When the task entered `state`, in ms since the epoch. */
  at: number;
}

// The latest instant a JavaScript Date can hold; a CreateTime beyond it is no time at all.
const MAX_DATE_MS = 8.64e15;

/**
 * Reads the `Data` list of a GetUDTSTaskHistory answer, oldest first (the API promises no order;
 * entries at the same second keep the API's order). An entry without a state name or a positive
 * CreateTime (unix seconds) is dropped; `Data` that is not a list reads as no history.
 */
export function historyFromData(data: unknown): HistoryEntry[] {
  if (!Array.isArray(data)) return [];
  const entries: HistoryEntry[] = [];
  for (const item of data) {
    const fields = asObject(item);
    const state = asText(fields.AntState, SHORT_FIELD_CHARS);
    // No CreateTime reads as 0, which the range check drops.
    const at = Math.round((asNumber(fields.CreateTime) ?? 0) * 1_000);
    if (state === undefined || state.trim() === '') continue;
    if (at > 0 && at <= MAX_DATE_MS) entries.push({ state, at });
  }
  return entries.sort((a, b) => a.at - b.at);
}
