/**
 * Tolerant readers for the fields of an API answer: any field may be missing, of another type, or a
 * number written as a string. Shared by the status and history readings. Text is capped here, as it
 * is read: what an answer holds on to never depends on how much a service sends.
 */
import { LONG_FIELD_CHARS, capText } from '../text.js';

/** A JSON object as a record; anything else (null, an array, a scalar) as an empty one. */
export function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A finite number from a number or a numeric string; anything else is "not given". */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** Text from a non-empty string or a finite number, at most `maxChars` long; anything else is "not given". */
export function asText(value: unknown, maxChars: number = LONG_FIELD_CHARS): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : capText(value, maxChars);
  // Number.isFinite: false for anything but a finite number (no coercion).
  if (Number.isFinite(value)) return String(value);
  return undefined;
}
