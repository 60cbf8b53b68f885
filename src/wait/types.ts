import type { UdtsError } from '../udts/errors.js';
import type { TaskRecord } from './task-machine.js';
import type { VerdictNote, VerdictOptions } from './verdict.js';

/** Time as the waiter sees it; tests inject a fake one, so no test sleeps for real. */
export interface Clock {
  /**
   * Milliseconds on a monotonic clock, from an arbitrary origin: every deadline, budget and `elapsed`.
   * A step of the wall clock (an NTP correction, a changed time zone setting) moves none of them.
   */
  now(): number;
  /** Milliseconds since the epoch: only for times shown to people and compared with the service's own. */
  wallNow(): number;
  /** Resolves after `ms`, or early (without error) when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** A number in [0, 1), for retry jitter. */
  random(): number;
}

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

/** Something the log should say once per task: a verdict's note, or a task the API does not know yet. */
export type TaskNote = VerdictNote | 'not-there-yet';

/** What the waiter tells as it goes; the report turns it into log lines and annotations. */
export interface WaitObserver {
  /** After every good reading; `changed` when status, percentage, counts or retry count moved. */
  reading?(task: TaskRecord, changed: boolean): void;
  /** Once per task and kind (per state name for unknown states, per retry for retries). */
  note?(task: TaskRecord, note: TaskNote): void;
  /** A transient fault; the next attempt follows after `delayMs`. */
  retry?(task: TaskRecord, error: UdtsError, attempt: number, delayMs: number): void;
}

/** How a wait ended, as data: the report words it. */
export interface WaitResult {
  outcome: Outcome;
  /** The task that decided the outcome: the first to fail, else the last to finish, else the first still waiting. */
  decidingTaskId: string;
  tasks: readonly TaskRecord[];
  /** When the wait began, on the wall clock (ms since the epoch): the timeline's reference. */
  startedAt: number;
  /** How long it took, on the monotonic clock. */
  elapsedMs: number;
  /** Requests made, all tasks. */
  polls: number;
  /** With outcome `error`: the error that stopped the run. */
  error?: Error;
  /** With outcome `error` for a task that never appeared: how long appear-timeout waited for it. */
  appearWaitedMs?: number;
}
