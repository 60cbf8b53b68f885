// @ts-check
// Bench figures and printing: medians over runs, the units every figure is shown in, section headings
// and tables. Each section measures; this module decides how a number reads, so all four read alike.

/**
 * The median; the middle two averaged for an even count.
 * @param {number[]} values
 */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] ?? Number.NaN : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * The median of each field over runs.
 * @template {Record<string, number>} T
 * @param {T[]} runs
 * @returns {T}
 */
export function summarize(runs) {
  const first = runs[0];
  if (first === undefined) throw new Error('no runs to summarize');
  return /** @type {T} */ (Object.fromEntries(Object.keys(first).map((key) => [key, median(runs.map((run) => run[key] ?? Number.NaN))])));
}

/**
 * A section's title, then its method lines indented under it.
 * @param {string} title
 * @param {string[]} lines
 */
export function section(title, ...lines) {
  console.log(`\n${title}`);
  for (const line of lines) console.log(`   ${line}`);
  console.log('');
}

/**
 * A table: first column left-aligned, the rest right-aligned.
 * @param {string[]} header
 * @param {string[][]} rows
 */
export function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  /** @param {string[]} cells */
  const line = (cells) => `   ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('   ')}`.trimEnd();
  console.log(line(header));
  console.log(`   ${widths.map((w) => '-'.repeat(w)).join('   ')}`);
  for (const row of rows) console.log(line(row));
}

/** "12.02 s". @param {number} ms @param {number} [digits] */
export function seconds(ms, digits = 2) {
  return `${(ms / 1_000).toFixed(digits)} s`;
}

/** "-3.01 s", "+0.02 s": a difference in time. @param {number} ms */
export function signed(ms) {
  return `${ms >= 0 ? '+' : '-'}${seconds(Math.abs(ms))}`;
}

/** "+0", "-2": a difference in counts. @param {number} n */
export function signedCount(n) {
  return `${n >= 0 ? '+' : '-'}${Math.abs(n)}`;
}

/** "61 ms". @param {number} ms */
export function millis(ms) {
  return `${ms.toFixed(0)} ms`;
}

/** "64.0 MiB". @param {number} bytes */
export function mebibytes(bytes) {
  return `${(bytes / 1_048_576).toFixed(1)} MiB`;
}

/** "80 KiB". @param {number} bytes */
export function kibibytes(bytes) {
  return `${(bytes / 1_024).toFixed(0)} KiB`;
}

/** "1.78x": how many times the baseline. @param {number} value @param {number} baseline */
export function ratio(value, baseline) {
  return `${(value / baseline).toFixed(2)}x`;
}

/** "5,000". @param {number} n */
export function count(n) {
  return n.toLocaleString('en-US');
}

/** "6h 56m" for a wait. @param {number} ms */
export function duration(ms) {
  const minutes = Math.round(ms / 60_000);
  return minutes >= 60 ? `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m` : `${minutes}m`;
}
