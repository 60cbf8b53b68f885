// @ts-check
// Bench figures and printing: medians over runs, the units every figure is shown in, section headings
// and tables. Each section measures; this module decides how a number reads, so all read alike.

/** The median; the middle two averaged for an even count. @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] ?? Number.NaN : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** A section's title, then its method lines indented under it. @param {string} title @param {string[]} lines */
export function section(title, ...lines) {
  console.log(`\n${title}`);
  for (const line of lines) console.log(`   ${line}`);
  console.log('');
}

/** A table: first column left-aligned, the rest right-aligned. @param {string[]} header @param {string[][]} rows */
export function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  /** @param {string[]} cells */
  const line = (cells) => `   ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('   ')}`.trimEnd();
  console.log(line(header));
  console.log(`   ${widths.map((w) => '-'.repeat(w)).join('   ')}`);
  for (const row of rows) console.log(line(row));
}

/** "12.02 s". @param {number} ms @param {number} [digits] */
export const seconds = (ms, digits = 2) => `${(ms / 1_000).toFixed(digits)} s`;
/** "61 ms". @param {number} ms */
export const millis = (ms) => `${ms.toFixed(0)} ms`;
/** "64.0 MiB". @param {number} bytes */
export const mebibytes = (bytes) => `${(bytes / 1_048_576).toFixed(1)} MiB`;
/** "80.4 KiB". @param {number} bytes */
export const kibibytes = (bytes) => `${(bytes / 1_024).toFixed(1)} KiB`;
/** "1.78x": how many times the baseline. @param {number} value @param {number} baseline */
export const ratio = (value, baseline) => `${(value / baseline).toFixed(2)}x`;
/** "5,000". @param {number} n */
export const count = (n) => n.toLocaleString('en-US');
