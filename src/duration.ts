/**
 * The one duration parser: "90" (seconds), "1500ms", "15s", "5m", "2h", compounds such as "1h30m",
 * and every duration formatDuration prints ("1h 30m", "2m 5s"). Returns milliseconds, or undefined
 * when the text is not a duration; callers turn that into an error that names their input.
 */
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

// Units must come from largest to smallest, each at most once ("1h30m", not "30m1h" nor "1m1m").
const UNIT_ORDER = ['h', 'm', 's', 'ms'];

// A number and its unit; parts may be separated by white space, as formatDuration writes them.
const PART = /\s*(\d+(?:\.\d+)?)(ms|h|m|s)/y;

export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return toSafeMs(Number(trimmed) * 1_000);

  let totalMs = 0;
  let lastUnitIndex = -1;
  PART.lastIndex = 0;
  while (PART.lastIndex < trimmed.length) {
    const match = PART.exec(trimmed);
    if (!match) return undefined;
    const [, amount, unit] = match as unknown as [string, string, string];
    const unitIndex = UNIT_ORDER.indexOf(unit);
    if (unitIndex <= lastUnitIndex) return undefined;
    lastUnitIndex = unitIndex;
    totalMs += Number(amount) * (UNIT_MS[unit] ?? Number.NaN);
  }
  return lastUnitIndex === -1 ? undefined : toSafeMs(totalMs);
}

function toSafeMs(ms: number): number | undefined {
  // Sub-millisecond remainders are dropped; absurd values (beyond a safe integer) are not durations.
  const rounded = Math.round(ms);
  return Number.isSafeInteger(rounded) ? rounded : undefined;
}

/** "1h 2m 3s" style text for logs and the summary; whole seconds, or ms below one second. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))}ms`;
  let seconds = Math.round(ms / 1_000);
  const hours = Math.floor(seconds / 3_600);
  seconds -= hours * 3_600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const parts: string[] = [];
  if (hours) parts.push(`${hours}h`);
  if (minutes) parts.push(`${minutes}m`);
  if (seconds || parts.length === 0) parts.push(`${seconds}s`);
  return parts.join(' ');
}
