/**
 * One task's polling loop as a small state machine: a pure transition takes what the last request
 * brought (a reading or a fault) and says what to do next. The waiter only carries it out (sleeps,
 * sends, stops), so every rule of the loop is tested here without a clock or a network.
 */
import { UdtsError } from '../udts/errors.js';
import type { Reading } from '../udts/status.js';
import { judge, type Judgement, type VerdictNote } from './verdict.js';
import { planNextPoll, remember, retryDelay, type RecentReadings } from './schedule.js';
import type { TaskNote, WaitOptions } from './types.js';

/** RetCode 230: "params not available", the API's answer for a task it does not know (yet). */
const RETCODE_NO_SUCH_TASK = 230;
/** Notes a task says at most: an API that invents a new state on every poll cannot flood the log. */
export const NOTES_LIMIT = 32;

/** A status and when it was first seen (wall-clock ms since the epoch: shown to people, compared with the service's times). */
interface TimelineEntry {
  readonly status: string;
  readonly at: number;
}

/**
 * One task, as its machine keeps it: what it showed, its counters and what the loop remembers between
 * requests. Immutable: every transition makes a new record, so an observer holds a snapshot.
 */
export interface TaskRecord {
  readonly taskId: string;
  /** The last good reading, kept through later faults; undefined: the task was never seen. */
  readonly reading?: Reading;
  /** How that reading was judged; its `streak` counts the success readings in a row (stable-polls). */
  readonly judgement?: Judgement;
  /** Requests made for this task, failed ones included. */
  readonly polls: number;
  /** Every status seen, in order: the first TIMELINE_FIRST and the latest, TIMELINE_LIMIT in all. */
  readonly timeline: readonly TimelineEntry[];
  /** Statuses left out of the timeline between the first and the latest. */
  readonly timelineCut: number;
  /** The error of the last request, when it failed; cleared by the next good reading. */
  readonly lastError?: UdtsError;
  /** When the task reached its verdict (on the waiter's clock). */
  readonly finishedAt?: number;
  /** Transient faults since the last good answer. */
  readonly faultsInRow: number;
  /** The time the next request may take; doubles after a request that got no answer in time. */
  readonly requestTimeoutMs: number;
  /** What the schedule knows of the latest readings (bounded). */
  readonly recent?: RecentReadings;
  /** The notes already said (see noteKey), at most NOTES_LIMIT. */
  readonly notesSaid: readonly string[];
}

/** Statuses a task's timeline keeps: the first TIMELINE_FIRST and the latest, so a flapping API costs no more. */
export const TIMELINE_LIMIT = 120;
export const TIMELINE_FIRST = 10;

/** What a request brought. */
export type TaskEvent =
  | { kind: 'reading'; reading: Reading; at: number }
  | { kind: 'fault'; error: unknown; at: number };

/** What to do next. */
type TaskStep =
  | { kind: 'poll'; delayMs: number }
  | { kind: 'finished'; verdict: 'success' | 'failure' }
  /** `wait: false`: the one reading is taken; the task is still running. */
  | { kind: 'checked' }
  /**
   * A fault that retrying cannot mend (or not a UdtsError at all): the whole run stops. `appearWaitedMs`:
   * the task was waited for under appear-timeout this long and never appeared.
   */
  | { kind: 'stop'; error: Error; appearWaitedMs?: number };

export interface Transition {
  record: TaskRecord;
  step: TaskStep;
  /** For a transient fault: the retry's number in a row and its delay. */
  retry?: { attempt: number; delayMs: number };
  /** Notes to say now (each only once per task). */
  notes: TaskNote[];
}

/** The options the machine reads, and when the wait started (for appear-timeout and the timeline's times). */
export interface MachineContext {
  options: WaitOptions;
  /** On the waiter's (monotonic) clock, as every `at` of an event. */
  startedAt: number;
  /** The same instant on the wall clock: a timeline entry is dated from it, so a clock step moves none. */
  startedWallAt: number;
  baseRequestTimeoutMs: number;
  maxRequestTimeoutMs: number;
  random: () => number;
}

/** A task before its first request. */
export function initialRecord(taskId: string, baseRequestTimeoutMs: number): TaskRecord {
  return { taskId, polls: 0, timeline: [], timelineCut: 0, faultsInRow: 0, requestTimeoutMs: baseRequestTimeoutMs, notesSaid: [] };
}

/** Pure: the record once a request for the task is sent. */
export function sent(record: TaskRecord): TaskRecord {
  return { ...record, polls: record.polls + 1 };
}

/** Pure: the next record and step after `event`. */
export function nextStep(record: TaskRecord, event: TaskEvent, context: MachineContext): Transition {
  return event.kind === 'reading' ? afterReading(record, event.reading, event.at, context) : afterFault(record, event.error, event.at, context);
}

function afterReading(record: TaskRecord, reading: Reading, at: number, context: MachineContext): Transition {
  const { options } = context;
  const judgement = judge(reading, options, record.judgement?.streak ?? 0);
  const recent = remember(record.recent, { reading, at });
  const said = sayOnce(record.notesSaid, judgement.note === undefined ? [] : [[judgement.note, noteKey(judgement.note, reading)]]);
  const next: TaskRecord = {
    ...record,
    ...timelineWith(record, reading.status, context.startedWallAt + (at - context.startedAt)),
    reading,
    judgement,
    lastError: undefined,
    ...(judgement.verdict === 'pending' ? {} : { finishedAt: at }),
    faultsInRow: 0,
    requestTimeoutMs: context.baseRequestTimeoutMs,
    recent,
    notesSaid: said.notesSaid,
  };
  const done = (step: TaskStep): Transition => ({ record: next, step, notes: said.notes });
  if (judgement.verdict !== 'pending') return done({ kind: 'finished', verdict: judgement.verdict });
  if (!options.wait) return done({ kind: 'checked' });
  // A success state waiting for more stable readings polls at the interval; the ETA is spent.
  if (judgement.streak > 0) return done({ kind: 'poll', delayMs: options.intervalMs });
  return done({ kind: 'poll', delayMs: planNextPoll(recent, options.intervalMs).delayMs });
}

/** The timeline with a status seen at `wallAt`, when it is not the latest already; bounded by TIMELINE_LIMIT. */
function timelineWith(record: TaskRecord, status: string | undefined, wallAt: number): Pick<TaskRecord, 'timeline' | 'timelineCut'> {
  const { timeline, timelineCut } = record;
  if (status === undefined || timeline.at(-1)?.status === status) return { timeline, timelineCut };
  const longer = [...timeline, { status, at: wallAt }];
  if (longer.length <= TIMELINE_LIMIT) return { timeline: longer, timelineCut };
  return { timeline: [...longer.slice(0, TIMELINE_FIRST), ...longer.slice(TIMELINE_FIRST + 1)], timelineCut: timelineCut + 1 };
}

function afterFault(record: TaskRecord, error: unknown, at: number, context: MachineContext): Transition {
  const { options } = context;
  if (!(error instanceof UdtsError)) {
    return { record, step: { kind: 'stop', error: error instanceof Error ? error : new Error(String(error)) }, notes: [] };
  }
  if (error.kind === 'transient') {
    const attempt = record.faultsInRow + 1;
    const delayMs = retryDelay(attempt, options.intervalMs, context.random);
    // Only a request that got no answer in time earns the next one more time: an API that is slow,
    // not dead, still gets read. Any other fault says nothing about how long an answer takes.
    const requestTimeoutMs = error.timedOut ? Math.min(context.maxRequestTimeoutMs, record.requestTimeoutMs * 2) : record.requestTimeoutMs;
    return {
      record: { ...record, lastError: error, faultsInRow: attempt, requestTimeoutMs },
      step: { kind: 'poll', delayMs },
      retry: { attempt, delayMs },
      notes: [],
    };
  }
  // A task created one step earlier may not be visible yet: within appear-timeout, "no such task"
  // means "not there yet", so it is asked again at the interval. Once seen, a 230 is an error as ever.
  const unseen = error.retCode === RETCODE_NO_SUCH_TASK && record.reading === undefined;
  if (unseen && at - context.startedAt < options.appearTimeoutMs) {
    // Stryker disable next-line StringLiteral: any fixed key says the note once
    const said = sayOnce(record.notesSaid, [['not-there-yet', 'not-there-yet']]);
    return { record: { ...record, lastError: error, notesSaid: said.notesSaid }, step: { kind: 'poll', delayMs: options.intervalMs }, notes: said.notes };
  }
  const step: TaskStep = unseen && options.appearTimeoutMs > 0 ? { kind: 'stop', error, appearWaitedMs: at - context.startedAt } : { kind: 'stop', error };
  return { record: { ...record, lastError: error }, step, notes: [] };
}

/** The notes not said before, and the updated record of what was said. */
function sayOnce(notesSaid: readonly string[], candidates: Array<[TaskNote, string]>): { notes: TaskNote[]; notesSaid: readonly string[] } {
  const fresh = candidates.filter(([, key]) => !notesSaid.includes(key)).slice(0, NOTES_LIMIT - notesSaid.length);
  return { notes: fresh.map(([note]) => note), notesSaid: [...notesSaid, ...fresh.map(([, key]) => key)] };
}

/** Notes are said once: per state name for unknown states, per retry for the service's retries, else once. */
function noteKey(note: VerdictNote, reading: Reading): string {
  if (note === 'unknown-state') return `${note}:${reading.status}`;
  if (note === 'retrying') return `${note}:${reading.curRetryCount}`;
  return note;
}
