/**
 * The one boundary for text from outside (the API, a proxy, the network, GitHub): it passes here
 * before any log line, annotation, summary, output or terminal sees it.
 *
 * The runner obeys a line as a workflow command when, after leading white space (.NET TrimStart), it
 * starts with `::`, and the legacy form `##[name]data` anywhere in a line (actions/runner,
 * ActionCommandManager.TryProcessCommand). Its matching is culture-sensitive (string.StartsWith and
 * IndexOf with ICU), which skips "ignorable" characters: `#\u00AD#[` can still read as `##[`. So:
 * - every character that can end a line, move a terminal's cursor or colour it, hide between two
 *   others, or reorder text (controls, format characters, line and paragraph separators, lone
 *   surrogates, other default-ignorables) becomes a visible escape (`\n`, `\x1b`, `\u200b`);
 * - `::` at the start and `##[` anywhere are defused by escaping one of their characters;
 * - the result is capped, and a cut ends with a visible marker.
 * The function is idempotent, so text that passed once may pass again (a sink re-checks whole lines).
 */

import { LONG_FIELD_CHARS, SHORT_FIELD_CHARS, capText } from '../text.js';

/** GitHub's limits, with room for the other steps of a job. */
export const LIMITS = {
  /** A log line. */
  lineChars: 64 * 1024,
  /** An annotation's text: @actions/core writes each % as %25, so on its line it may triple. */
  annotationChars: 16 * 1024,
  /** One output (GitHub counts outputs in UTF-16 code units, as String.length does). */
  outputChars: 64 * 1024,
  /** The job summary, in UTF-8 bytes as GitHub counts it (it refuses one over 1 MiB, and loses it whole). */
  summaryBytes: 512 * 1024,
  /** A short field wherever it is shown: a status, a binlog file name. */
  shortFieldChars: SHORT_FIELD_CHARS,
  /** A long field: a FailedMessage, a GTID set, an error message quoting the API. */
  longFieldChars: LONG_FIELD_CHARS,
} as const;

const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu;
const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
// Marks and the Arabic tatweel: ICU's comparison may skip them too, so they may sit inside `##[` or `::`.
const SKIPPED = '[\\p{M}\\u0640]*';
// .NET's TrimStart: Unicode white space, NEL included (JavaScript's \s lacks it).
const LEADING_COMMAND = new RegExp(`^([\\s\\u0085]*${SKIPPED}):(?=${SKIPPED}:)`, 'u');
const LEGACY_COMMAND = new RegExp(`#(${SKIPPED})#(${SKIPPED})\\[`, 'gu');

/** Outside text made safe for one line: escaped, defused and at most `maxChars` long. */
export function sanitizeText(text: string, maxChars: number = LIMITS.lineChars): string {
  const escaped = text
    .replace(UNSAFE, visibleEscape)
    .replace(LEGACY_COMMAND, '#$1\\x23$2[')
    .replace(LEADING_COMMAND, '$1\\x3a');
  return capText(escaped, maxChars);
}

/**
 * A value as JSON on one line, with JSON's own escapes for what could end or hide in a line (so the
 * value reads back unchanged) and `##[` written `#\u0023[`. A lone surrogate, which JSON.stringify
 * would write as a lone `\uXXXX` that stricter readers (jq) refuse, becomes U+FFFD: the JSON is
 * well-formed Unicode. The caller bounds its size.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) => (typeof field === 'string' ? field.toWellFormed() : field))
    .replace(UNSAFE, jsonEscape)
    .replace(LEGACY_COMMAND, '#$1\\u0023$2[');
}

/** `\uXXXX` for each UTF-16 unit of the character, as JSON writes any character. */
function jsonEscape(char: string): string {
  return Array.from({ length: char.length }, (_, i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
}

function visibleEscape(char: string): string {
  const named = NAMED_ESCAPES[char];
  if (named !== undefined) return named;
  const code = char.codePointAt(0) ?? 0;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
}
