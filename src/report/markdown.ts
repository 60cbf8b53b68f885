import { LIMITS, sanitizeText } from './sanitize.js';

/**
 * Text from the API or the user on one Markdown line: sanitised (line breaks and controls as visible
 * escapes, so nothing ends the line or the callout early), no HTML (a stray `<details>` would fold the
 * rest of the summary away), and no Markdown emphasis, links or code (a `*` or `[x](y)` in a
 * FailedMessage is text, shown as sent).
 */
export function escapeText(text: string, maxChars: number = LIMITS.shortFieldChars): string {
  return sanitizeText(text, maxChars)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]~]/g, '\\$&');
}

/** The same inside a table cell, where a pipe would also end the cell. */
export function escapeCell(text: string, maxChars?: number): string {
  return escapeText(text, maxChars).replace(/\|/g, '\\|');
}
