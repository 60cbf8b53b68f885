/**
 * Test doubles: the one fake clock every test uses (the waiter's, the CLI's, the emulator's), whose
 * time moves only through sleep() or advance(), and the one in-process fake of the API, which replays
 * a script of readings and errors per task. No test that uses them waits for real time; the CLI and
 * end-to-end tests use the emulator instead.
 */
import type { FetchStatus, UdtsClient } from '../../src/udts/client.js';
import { UdtsError } from '../../src/udts/errors.js';
import type { HistoryEntry } from '../../src/udts/history.js';
import type { Reading } from '../../src/udts/status.js';
import type { Clock, WaitOptions } from '../../src/wait/types.js';

type CallOptions = Parameters<FetchStatus>[1];

/** The epoch the fake clock starts at: an arbitrary fixed instant, so summaries render the same. */
export const START_MS = Date.UTC(2025, 0, 2, 3, 4, 5);

/**
 * A Clock whose now() advances only when a sleep ends; every requested delay is recorded.
 *
 * Several tasks sleep side by side, so a sleep does not move time by itself: it sets a timer, and
 * once everything runnable has run (a setImmediate later; the fakes answer through microtasks only)
 * the earliest timer fires and time jumps to it. An abort ends a sleep at once, time unchanged.
 */
export class FakeClock implements Clock {
  /** The delays asked of sleep(), in order, in ms. */
  readonly sleeps: number[] = [];
  private nowMs: number;
  private readonly timers: Array<{ wakeAt: number; order: number; wake: () => void }> = [];
  private order = 0;

  /**
   * @param randomValue what random() returns (fixed, so retry jitter is exact)
   * @param onSleep called as each sleep starts, with its 1-based number; a test may abort from here
   */
  constructor(
    private readonly randomValue = 0.5,
    private readonly onSleep?: (count: number) => void,
    startMs = START_MS,
  ) {
    this.nowMs = startMs;
  }

  now = (): number => this.nowMs;

  /** The wall clock: the same as now() until stepWall() moves it apart. */
  wallNow = (): number => this.nowMs + this.wallStepMs;
  private wallStepMs = 0;

  /** Steps the wall clock alone (an NTP correction, a preload shifting Date): now() keeps its pace. */
  stepWall(ms: number): void {
    this.wallStepMs += ms;
  }

  sleep = (ms: number, signal: AbortSignal): Promise<void> =>
    new Promise<void>((resolve) => {
      this.sleeps.push(ms);
      if (signal.aborted) {
        resolve();
        return;
      }
      const timer = {
        wakeAt: this.nowMs + Math.max(0, ms),
        order: this.order++,
        wake: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers.splice(this.timers.indexOf(timer), 1);
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
      setImmediate(() => this.fireEarliest());
      this.onSleep?.(this.sleeps.length);
    });

  random = (): number => this.randomValue;

  /** Moves time forward outside a sleep, for example to model a slow request. */
  advance(ms: number): void {
    this.nowMs += ms;
  }

  private fireEarliest(): void {
    this.timers.sort((a, b) => a.wakeAt - b.wakeAt || a.order - b.order);
    const timer = this.timers.shift();
    if (timer === undefined) return;
    this.nowMs = Math.max(this.nowMs, timer.wakeAt);
    timer.wake();
  }
}

/** One scripted answer: a Reading, or an error the fake throws. */
export type Step = Reading | UdtsError;

/** A request the fake API received. */
export interface FetchCall {
  taskId: string;
  at: number;
  timeoutMs: number;
}

/** The fake API: callable as the waiter's FetchStatus, and a UdtsClient (status and history) for the gate. */
export type ScriptedApi = FetchStatus & UdtsClient & {
  calls: FetchCall[];
  callsFor(taskId: string): number;
  /** The timeout each history call was given. */
  historyCalls: Array<{ taskId: string; timeoutMs: number }>;
};

/**
 * The in-process fake of the API. Status answers each task from its script, one step per request;
 * the last step repeats; every call is recorded (at the clock's time, when a clock is given). History
 * answers every task with `history` (or throws it, when it is an error). A task without a script is a
 * test bug and throws a plain Error.
 */
export function scriptedFetcher(
  scripts: Readonly<Record<string, readonly Step[]>>,
  clock?: FakeClock,
  options: { requestMs?: number; history?: HistoryEntry[] | Error; beforeAnswer?: (call: FetchCall, options: CallOptions) => void } = {},
): ScriptedApi {
  const calls: FetchCall[] = [];
  const historyCalls: ScriptedApi['historyCalls'] = [];
  const served = new Map<string, number>();
  const fetcher = async (taskId: string, callOptions: CallOptions): Promise<Reading> => {
    const script = scripts[taskId];
    if (script === undefined || script.length === 0) throw new Error(`no script for task ${taskId}`);
    const call = { taskId, at: clock?.now() ?? 0, timeoutMs: callOptions.timeoutMs };
    calls.push(call);
    options.beforeAnswer?.(call, callOptions);
    if (callOptions.signal.aborted) throw callOptions.signal.reason;
    if (options.requestMs) clock?.advance(options.requestMs);
    const index = served.get(taskId) ?? 0;
    served.set(taskId, index + 1);
    const step = script[Math.min(index, script.length - 1)] as Step;
    if (step instanceof UdtsError) throw step;
    return { ...step };
  };
  const history = async (taskId: string, { timeoutMs }: CallOptions): Promise<HistoryEntry[]> => {
    historyCalls.push({ taskId, timeoutMs });
    if (options.history instanceof Error) throw options.history;
    return options.history ?? [];
  };
  return Object.assign(fetcher, {
    status: fetcher,
    history,
    calls,
    historyCalls,
    callsFor: (taskId: string) => calls.filter((c) => c.taskId === taskId).length,
  });
}

/** A transient fault as the client would throw it. */
export function transient(message = 'HTTP 502 from the API: Bad Gateway'): UdtsError {
  return new UdtsError(message, { kind: 'transient' });
}

/** A request that got no answer within its timeout, as the client would throw it. */
export function timedOut(): UdtsError {
  return new UdtsError('no answer within 5s', { kind: 'transient', timedOut: true });
}

/** A fatal fault as the client would throw it for RetCode 171. */
export function fatal171(): UdtsError {
  return new UdtsError('API error RetCode 171 "Signature VerifyAC Error": check that private-key holds the private key', {
    kind: 'fatal',
    retCode: 171,
  });
}

/** Waiter settings with the action's defaults, overridable per test. */
export function waitSettings(overrides: Partial<WaitOptions> = {}): WaitOptions {
  return {
    taskIds: ['udts-a'],
    timeoutMs: 60 * 60_000,
    intervalMs: 15_000,
    successStates: new Set(['Done', 'Success']),
    failureStates: new Set(['Failed', 'FailedUnrecoverable', 'StoppedUnrecoverable', 'Stopped']),
    maxLagSeconds: undefined,
    stablePolls: 1,
    tolerateRetries: false,
    wait: true,
    failFast: true,
    appearTimeoutMs: 0,
    ...overrides,
  };
}
