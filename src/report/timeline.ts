/**
 * The summary's status timeline: what this run saw, merged with the service's own history of each
 * task (GetUDTSTaskHistory), which also knows the states before the run began and the retries
 * between two polls.
 */
import { formatDuration } from '../duration.js';
import type { HistoryEntry } from '../udts/history.js';
import { canonicalStatus } from '../udts/status.js';
import type { ServiceHistory } from '../wait/service-history.js';
import { TIMELINE_FIRST, type TaskRecord } from '../wait/task-machine.js';
import type { WaitResult } from '../wait/types.js';
import { escapeCell } from './markdown.js';

/** Rows a task's timeline shows at most: the first few and the latest, with a marker between. */
export const TIMELINE_ROWS = 60;

interface TimelineRow {
  status: string;
  at: number;
  /** Recorded by the service, seen by this run, or both (`seenAt`: when this run first saw it). */
  fromService: boolean;
  seenAt?: number;
}

/** The `<details>` section of the summary; nothing when no task has a timeline. */
export function timelineSection(result: WaitResult, history: ServiceHistory): string[] {
  const tasks = result.tasks.filter((t) => t.timeline.length > 0 || (history.byTask.get(t.taskId)?.length ?? 0) > 0);
  if (tasks.length === 0) return [];
  const lines = ['<details><summary>Status timeline</summary>', ''];
  for (const task of tasks) {
    const service = history.byTask.get(task.taskId);
    lines.push(`**${task.taskId}**`, '', ...(service?.length ? mergedTable(task, service, result.startedAt) : observedTable(task, result.startedAt)), '');
  }
  lines.push('</details>', '');
  return lines;
}

/** What this run saw, when the service's history is not there (turned off, or the call failed). */
function observedTable(task: TaskRecord, startedAt: number): string[] {
  return [
    '| Status | First seen (UTC) | After |',
    '| --- | --- | --- |',
    ...bounded(task.timeline, task.timelineCut).map((entry) =>
      typeof entry === 'number' ? `| … | ${entry} more state changes | |` : `| ${escapeCell(entry.status)} | ${utcTime(entry.at, startedAt)} | ${formatDuration(entry.at - startedAt)} |`,
    ),
  ];
}

function mergedTable(task: TaskRecord, service: readonly HistoryEntry[], startedAt: number): string[] {
  const rows = bounded(mergeTimeline(task, service), task.timelineCut);
  return [
    '| Status | Since (UTC) | Relative to the start of the wait | Source |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) =>
      typeof row === 'number'
        ? `| … | ${row} more state changes | | |`
        : `| ${escapeCell(row.status)} | ${utcTime(row.at, startedAt)} | ${relative(row.at - startedAt)} | ${source(row)} |`,
    ),
  ];
}

/**
 * The service's states in time order, each marked when this run saw it too; a state this run saw
 * that the service did not record (between its entries) is a row of its own.
 */
export function mergeTimeline(task: Pick<TaskRecord, 'timeline'>, service: readonly HistoryEntry[]): TimelineRow[] {
  const rows: TimelineRow[] = service.map((entry) => ({ status: entry.state, at: entry.at, fromService: true }));
  for (const seen of task.timeline) {
    // The service's latest record of this state that began no later than this run saw it.
    const match = rows.findLast((row) => row.fromService && row.at <= seen.at && sameState(row.status, seen.status));
    if (match && match.seenAt === undefined) match.seenAt = seen.at;
    else rows.push({ status: seen.status, at: seen.at, fromService: false, seenAt: seen.at });
  }
  return rows.sort((a, b) => a.at - b.at);
}

/** The first rows and the latest, with the count of those left out between them (`cut`: left out of the record already). */
function bounded<T>(rows: readonly T[], cut: number): Array<T | number> {
  if (rows.length <= TIMELINE_ROWS) return [...rows];
  const latest = TIMELINE_ROWS - TIMELINE_FIRST;
  return [...rows.slice(0, TIMELINE_FIRST), rows.length - TIMELINE_ROWS + cut, ...rows.slice(-latest)];
}

function sameState(a: string, b: string): boolean {
  return (canonicalStatus(a) ?? a) === (canonicalStatus(b) ?? b);
}

function source(row: TimelineRow): string {
  if (!row.fromService) return 'this run';
  return row.seenAt === undefined ? 'service' : 'service; seen by this run';
}

function relative(ms: number): string {
  return ms < 0 ? `${formatDuration(-ms)} before` : `${formatDuration(ms)} after`;
}

/** "12:03:04", or "2026-11-27 23:58:01" on another day than the wait's start. */
export function utcTime(epochMs: number, referenceMs: number): string {
  const iso = new Date(epochMs).toISOString();
  const sameDay = iso.slice(0, 10) === new Date(referenceMs).toISOString().slice(0, 10);
  return sameDay ? iso.slice(11, 19) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}
