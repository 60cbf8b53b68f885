import { formatDuration } from '../duration.js';
import { lagSeconds, remainingSeconds, type Reading } from '../udts/status.js';
import { LIMITS, sanitizeText } from './sanitize.js';

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
  const parts = [r.status === undefined ? '(no status)' : shortField(r.status)];
  if (r.percentage !== undefined) parts[0] += ` ${formatPercent(r.percentage)}`;
  const counts = formatCounts(r);
  if (counts) parts.push(counts);
  const left = remainingSeconds(r);
  if (stillRunning(task) && left !== undefined && left > 0) parts.push(`about ${formatDuration(left * 1_000)} left`);
  const lag = lagSeconds(r);
  if (lag !== undefined) parts.push(`lag ${lag}s`);
  if (r.binlogName !== undefined) parts.push(`binlog ${shortField(r.binlogName)}:${r.binlogPos ?? '?'}`);
  return parts.join(', ');
}

/** Whether the task has no verdict yet: only then does the service's estimate of time left mean anything. */
export function stillRunning(task: { judgement?: { verdict: string } }): boolean {
  return (task.judgement?.verdict ?? 'pending') === 'pending';
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

/** A status or a name from the API, safe and short, for any line or cell. */
export function shortField(text: string): string {
  return sanitizeText(text, LIMITS.shortFieldChars);
}
