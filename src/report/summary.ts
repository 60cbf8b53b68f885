import { formatDuration } from '../duration.js';
import { lagSeconds } from '../udts/status.js';
import { NO_HISTORY, type ServiceHistory } from '../wait/service-history.js';
import type { TaskRecord } from '../wait/task-machine.js';
import type { Outcome, WaitResult } from '../wait/types.js';
import { formatCounts, formatPercent, timeLeftText } from './describe.js';
import { escapeCell, escapeText } from './markdown.js';
import { resultMessage } from './message.js';
import { LIMITS } from './sanitize.js';
import { timelineSection } from './timeline.js';

/** The summary's headline for each outcome (the check run's title too). */
export const HEADLINE: Readonly<Record<Outcome, string>> = {
  success: '✅ UDTS migration gate passed',
  failure: '❌ UDTS migration gate failed',
  timeout: '⏱️ UDTS migration gate timed out',
  cancelled: '🛑 UDTS migration gate cancelled',
  error: '⚠️ UDTS migration gate could not check the task',
  pending: '⏳ UDTS tasks still running',
};

/**
 * The job summary (GitHub-flavoured Markdown) for any outcome, within LIMITS.summaryBytes. Every
 * string from the API passes the sanitiser and the Markdown escape; long ones are cut shorter the
 * more tasks share the summary.
 */
export function renderSummary(result: WaitResult, history: ServiceHistory = NO_HISTORY): string {
  const longChars = Math.max(LIMITS.shortFieldChars, Math.min(LIMITS.longFieldChars, Math.floor(LIMITS.summaryBytes / 8 / 3 / Math.max(1, result.tasks.length))));
  const long = (text: string) => escapeCell(text, longChars);
  const lines = [`## ${HEADLINE[result.outcome]}`, '', escapeText(resultMessage(result, history), LIMITS.longFieldChars), ''];

  for (const task of result.tasks) {
    if (task.judgement?.verdict === 'failure' && task.reading?.failedMessage) {
      lines.push(`> [!CAUTION]`, `> **${task.taskId}** failed: ${long(task.reading.failedMessage)}`, '');
    }
  }
  if (result.outcome === 'error' && result.error) {
    lines.push('> [!WARNING]', `> ${long(result.error.message)}`, '');
  }
  if (result.outcome === 'timeout') {
    lines.push(`Waited **${formatDuration(result.elapsedMs)}**; the last reading of each task is below.`, '');
  }

  lines.push(
    '| Task | Status | Progress | Rows | Elapsed | Remaining | Binlog | Lag | Service retries |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...result.tasks.map((task) => taskRow(task, long)),
    '',
    `${result.polls} status poll${result.polls === 1 ? '' : 's'} in ${formatDuration(result.elapsedMs)}.`,
    '',
  );

  lines.push(...timelineSection(result, history));
  return capSummary(lines.join('\n'));
}

function taskRow(task: TaskRecord, long: (text: string) => string): string {
  const r = task.reading ?? {};
  const cells = [
    `\`${task.taskId}\``,
    `${verdictIcon(task)} ${escapeCell(r.status ?? '—')}`,
    r.percentage === undefined ? '—' : `${progressBar(r.percentage)} ${formatPercent(r.percentage)}`,
    formatCounts(r) ?? '—',
    r.curDuration === undefined ? '—' : formatDuration(r.curDuration * 1_000),
    timeLeftText(task) ?? '—',
    r.binlogName === undefined ? '—' : `${escapeCell(r.binlogName)}:${r.binlogPos ?? '?'}${r.binlogGtid ? ` (${long(r.binlogGtid)})` : ''}`,
    lagSeconds(r) === undefined ? '—' : `${lagSeconds(r)}s`,
    r.maxRetryCount ? `${r.curRetryCount ?? 0} of ${r.maxRetryCount}` : '—',
  ];
  return `| ${cells.join(' | ')} |`;
}

function verdictIcon(task: TaskRecord): string {
  if (task.judgement?.verdict === 'success') return '✅';
  if (task.judgement?.verdict === 'failure') return '❌';
  if (task.lastError) return '⚠️';
  return '⏳';
}

/** The job summary of a run that never started waiting (bad input): the error, as text. */
export function renderSetupErrorSummary(message: string): string {
  return `## ⚠️ UDTS migration gate could not start\n\n${escapeText(message, LIMITS.longFieldChars)}\n`;
}

/**
 * The summary within `maxBytes` of UTF-8, as GitHub counts it, even when the parts added up past it
 * (a thousand tasks, or text in a script of three bytes a character): cut at a line, with a marker,
 * and the details block closed if the cut left it open. The check run cuts its copy shorter.
 */
export function capSummary(markdown: string, maxBytes: number = LIMITS.summaryBytes): string {
  const bytes = Buffer.from(markdown, 'utf8');
  if (bytes.length <= maxBytes) return markdown;
  // Decoding a cut mid-character leaves a replacement character at the end: the cut at a line drops it.
  const head = bytes.subarray(0, maxBytes - 200).toString('utf8');
  const kept = head.slice(0, head.lastIndexOf('\n') + 1);
  const open = kept.split('<details>').length - kept.split('</details>').length;
  return `${kept}\n… [summary cut: ${markdown.length - kept.length} more characters]\n${open > 0 ? '\n</details>\n' : ''}`;
}

/** A ten-cell bar: ▓▓▓▓▓░░░░░ for 50%. */
export function progressBar(percentage: number): string {
  const filled = Math.max(0, Math.min(10, Math.round(percentage / 10)));
  return '▓'.repeat(filled) + '░'.repeat(10 - filled);
}

