/** The one capping of text, shared by where outside text is read (udts/) and where it is written (the sinks). */

/** A short field from outside wherever it is kept or shown: a status, a binlog file name. */
export const SHORT_FIELD_CHARS = 256;
/** A long field: a FailedMessage, a GTID set, an error message quoting the API. */
export const LONG_FIELD_CHARS = 16 * 1024;

// The marker a cut ends with, as capText and the body's string cut (udts/string-cap.ts) write it.
const MARKER = /… \[(\d+) more characters cut\]$/;

/**
 * Text at most `maxChars` long; a cut ends with a marker that says how much was cut. A text already
 * cut (a string of an answer, cut as it was read) is cut again counting what it had already lost.
 */
export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const earlier = MARKER.exec(text);
  const whole = earlier ? text.slice(0, earlier.index) : text;
  const lost = whole.length + Number(earlier?.[1] ?? 0);
  const marker = (cut: number) => `… [${cut} more characters cut]`;
  let keep = Math.min(whole.length, Math.max(0, maxChars - marker(lost).length));
  // Never split a surrogate pair: half a character would be a lone surrogate.
  if (/[\uD800-\uDBFF]/.test(whole.charAt(keep - 1))) keep -= 1;
  // Copied, not sliced: a slice would keep the whole of a huge text alive (V8 shares the original's memory).
  return Buffer.from(whole.slice(0, keep) + marker(lost - keep), 'utf16le').toString('utf16le');
}
