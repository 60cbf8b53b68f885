import { formatDuration } from '../duration.js';
import { lagSeconds, remainingSeconds, type Reading } from '../udts/status.js';

/**
 * "1,250,000": digits grouped by threes. Not Intl.NumberFormat: loading its ICU data costs about
 * 7.5 MiB of memory on every run, for commas.
 */
function groupDigits(value: number): string {
  const [whole = '', fraction] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * "Loading 47.5%, 4,750/10,000, about 2m left, lag 3s": a reading in one short phrase for logs. The
 * time left only while the task is still running: a failed task's stale estimate would mislead.
 */
export function describeReading(task: { reading?: Reading; judgement?: { verdict: string } }): string {
  const r = task.reading;
  if (r === undefined) return 'no reading yet';
  const parts = [r.status ?? '(no status)'];
  if (r.percentage !== undefined) parts[0] += ` ${formatPercent(r.percentage)}`;
  const counts = formatCounts(r);
  if (counts) parts.push(counts);
  const left = timeLeftText(task);
  if (left !== undefined) parts.push(`${left} left`);
  const lag = lagSeconds(r);
  if (lag !== undefined) parts.push(`lag ${lag}s`);
  if (r.binlogName !== undefined) parts.push(`binlog ${r.binlogName}:${r.binlogPos ?? '?'}`);
  return parts.join(', ');
}

// An estimate of more than a year is no estimate (an API sending 1e308 would read "about 2.8e+304h").
const PLAUSIBLE_LEFT_SECONDS = 365 * 24 * 3_600;

/**
 * "about 2m": the time left by the service's estimate, while the task is still running and the
 * estimate is a plausible one; undefined otherwise.
 */
export function timeLeftText(task: { reading?: Reading; judgement?: { verdict: string } }): string | undefined {
  const left = task.reading ? remainingSeconds(task.reading) : undefined;
  // Only while the task has no verdict does the service's estimate of time left mean anything.
  if ((task.judgement?.verdict ?? 'pending') !== 'pending' || left === undefined || left <= 0 || left > PLAUSIBLE_LEFT_SECONDS) return undefined;
  return `about ${formatDuration(left * 1_000)}`;
}

export function formatPercent(percentage: number): string {
  return `${Math.round(percentage * 10) / 10}%`;
}

export function formatCounts(r: Reading): string | undefined {
  if (r.curCount === undefined && r.totalCount === undefined) return undefined;
  const cur = r.curCount === undefined ? '?' : groupDigits(r.curCount);
  const total = r.totalCount === undefined ? '?' : groupDigits(r.totalCount);
  return `${cur}/${total}`;
}
