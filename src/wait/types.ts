import type { UdtsError } from '../udts/errors.js';
import type { Reading } from '../udts/status.js';
import type { Judgement, VerdictNote, VerdictOptions } from './verdict.js';

/** Time as the waiter sees it; tests inject a fake one, so no test sleeps for real. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or early (without error) when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** A number in [0, 1), for retry jitter. */
  random(): number;
}

/** How the waiter may ask for one reading; the UDTS client's `status` is one. */
export type FetchStatus = (taskId: string, options: { signal: AbortSignal; timeoutMs: number }) => Promise<Reading>;

/** What to wait for and how; settings.ts builds it from the inputs. */
export interface WaitOptions extends VerdictOptions {
  readonly taskIds: readonly string[];
  readonly timeoutMs: number;
  /** The longest pause between two polls of a task. */
  readonly intervalMs: number;
  /** False: take one reading of each task and stop (a single check). */
  readonly wait: boolean;
  /** With several tasks, stop all at the first failure. */
  readonly failFast: boolean;
  /** How long a task the API does not know yet (RetCode 230) is waited for; 0: it fails at once. */
  readonly appearTimeoutMs: number;
}

/** How the run ended. `pending` only with `wait: false`. */
export type Outcome = 'success' | 'failure' | 'timeout' | 'cancelled' | 'error' | 'pending';

/** A status and when it was first seen (ms since the epoch). */
export interface TimelineEntry {
  status: string;
  at: number;
}

/** One task's state as the waiter keeps it; observers and the report read it. */
export interface TaskProgress {
  readonly taskId: string;
  /** The last good reading, kept through later faults. */
  reading?: Reading;
  judgement?: Judgement;
  /** Requests made for this task, failed ones included. */
  polls: number;
  /** Every status seen, in order, with the time it was first seen. */
  timeline: TimelineEntry[];
  /** The error of the last request, when it failed; cleared by the next good reading. */
  lastError?: UdtsError;
  /** When the task reached its verdict (success or failure). */
  finishedAt?: number;
}

/** Something the log should say once per task: a verdict's note, or a task the API does not know yet. */
export type TaskNote = VerdictNote | 'not-there-yet';

/** What the waiter tells as it goes; the report turns it into log lines and annotations. */
export interface WaitObserver {
  /** After every good reading; `changed` when status, percentage, counts or retry count moved. */
  reading?(task: TaskProgress, changed: boolean): void;
  /** Once per task and kind (per state name for unknown states, per retry for retries). */
  note?(task: TaskProgress, note: TaskNote): void;
  /** A transient fault; the next attempt follows after `delayMs`. */
  retry?(task: TaskProgress, error: UdtsError, attempt: number, delayMs: number): void;
}

/** How a wait ended, as data: the report words it. */
export interface WaitResult {
  outcome: Outcome;
  /** The task that decided the outcome: the first to fail, else the last to finish, else the first still waiting. */
  decidingTaskId: string;
  tasks: readonly TaskProgress[];
  startedAt: number;
  elapsedMs: number;
  /** Requests made, all tasks. */
  polls: number;
  /** With outcome `error`: the error that stopped the run. */
  error?: Error;
  /** With outcome `error` for a task that never appeared: how long appear-timeout waited for it. */
  appearWaitedMs?: number;
}
