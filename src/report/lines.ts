import { formatDuration } from '../duration.js';
import type { TaskRecord } from '../wait/task-machine.js';
import type { TaskNote, WaitObserver } from '../wait/types.js';
import { describeReading } from './describe.js';
import { liveSyncHint } from './message.js';

/** Where the run's lines go: the action's log and annotations, or the CLI's stderr; each sanitises a line as it writes it. */
export interface LineSink {
  info(line: string): void;
  warning(line: string): void;
  /** Something worth a person's attention that is not a fault (an annotation in the action). */
  notice(line: string): void;
  /** A terminal's live line, rewritten on every reading that prints nothing else. */
  live?(line: string): void;
}

/** While nothing changes, say so this often, so a long wait never looks hung. */
export const HEARTBEAT_MS = 5 * 60_000;

/**
 * The observer both front doors use: a line when a reading changes, a heartbeat while it does not,
 * a warning for each transient fault, for the service retrying and for an unknown state.
 */
export function lineObserver(sink: LineSink, now: () => number, startedAt: number): WaitObserver {
  const lastLineAt = new Map<string, number>();
  const say = (task: TaskRecord, line: string) => {
    lastLineAt.set(task.taskId, now());
    sink.info(line);
  };
  return {
    reading(task, changed) {
      if (changed) {
        say(task, `${task.taskId}: ${describeReading(task)}${streakText(task)}`);
      } else if (now() - (lastLineAt.get(task.taskId) ?? startedAt) >= HEARTBEAT_MS) {
        say(task, `${task.taskId}: still ${describeReading(task)}, ${formatDuration(now() - startedAt)} waited`);
      } else {
        sink.live?.(`${task.taskId}: ${describeReading(task)}, ${formatDuration(now() - startedAt)} waited`);
      }
    },
    note(task, note) {
      // The service retrying and an unknown state deserve attention; the lag notes are information.
      const loud = note === 'unknown-state' || note === 'retrying' || note === 'not-there-yet' || note === 'lag-unreadable';
      const say = note === 'live-sync' ? sink.notice : loud ? sink.warning : sink.info;
      say(`${task.taskId}: ${noteText(note, task)}`);
    },
    retry(task, error, attempt, delayMs) {
      sink.warning(`${task.taskId}: ${error.message}; retry ${attempt} in ${formatDuration(delayMs)}`);
    },
  };
}

function streakText(task: TaskRecord): string {
  const needed = task.judgement?.stableNeeded;
  return needed === undefined ? '' : ` (${task.judgement?.streak} of ${needed} stable readings)`;
}

function noteText(note: TaskNote, task: TaskRecord): string {
  const why = task.judgement?.why ?? '';
  switch (note) {
    case 'unknown-state':
      return task.reading?.status === undefined
        ? 'the answer carried no Status: treated as still running (the timeout bounds the wait)'
        : `unknown state '${task.reading.status}': treated as still running (the timeout bounds the wait)`;
    case 'retrying':
      return `${why}: waiting for the service's own retry`;
    case 'no-lag-figure':
      return `${task.reading?.status ?? ''} reports no lag figure (MySQL gives only its binlog position): max-lag cannot apply, the state counts by itself`;
    case 'lag-too-high':
      return `${why}: waiting for the lag to drop`;
    case 'lag-unreadable':
      return `${why}: the API sent a lag figure that is no number of seconds; waiting for one that is`;
    case 'live-sync':
      return `${task.reading?.status ?? ''}. ${liveSyncHint()}`;
    case 'not-there-yet':
      return `the API does not know this task yet (RetCode 230): asking again at the interval until appear-timeout`;
  }
}
