/** The one capping of text, shared by where outside text is read (udts/) and where it is written (the sinks). */

/** A short field from outside wherever it is kept or shown: a status, a binlog file name. */
export const SHORT_FIELD_CHARS = 256;
/** A long field: a FailedMessage, a GTID set, an error message quoting the API. */
export const LONG_FIELD_CHARS = 16 * 1024;

/** Text at most `maxChars` long; a cut ends with a marker that says how much was cut. */
export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const marker = (cut: number) => `… [${cut} more characters cut]`;
  let keep = Math.max(0, maxChars - marker(text.length).length);
  // Never split a surrogate pair: half a character would be a lone surrogate.
  if (/[\uD800-\uDBFF]/.test(text.charAt(keep - 1))) keep -= 1;
  // Copied, not sliced: a slice would keep the whole of a huge text alive (V8 shares the original's memory).
  return Buffer.from(text.slice(0, keep) + marker(text.length - keep), 'utf16le').toString('utf16le');
}
