import { setMaxListeners } from 'node:events';
import { lagSeconds } from '../udts/status.js';
import { Limiter } from './limiter.js';
import { decideOutcome } from './outcome.js';
import { initialTaskState, nextStep, type MachineContext, type TaskEvent, type Transition } from './task-machine.js';
import type { Clock, FetchStatus, TaskProgress, WaitObserver, WaitOptions, WaitResult } from './types.js';

/** Requests in flight at once, all tasks together. */
export const DEFAULT_MAX_IN_FLIGHT = 8;
/**
 * One request may take as long as the interval, within these bounds: a hung connection is given up
 * and retried about as soon as the next poll was due anyway. Each request of a task that timed out
 * doubles its task's allowance (an API that is slow, not dead, still gets read); an answer resets it.
 * The overall deadline shortens it further.
 */
export const MIN_REQUEST_TIMEOUT_MS = 5_000;
export const MAX_REQUEST_TIMEOUT_MS = 30_000;
/** A request that would get less than this before the deadline (plus grace) is not sent: it could only fail. */
export const MIN_REQUEST_BUDGET_MS = 250;
/** A poll that starts at the deadline still gets this long to answer. */
export const DEADLINE_GRACE_MS = 500;

export interface WaitDeps {
  fetchStatus: FetchStatus;
  clock: Clock;
  /** Aborted on cancel (SIGINT/SIGTERM): the waiter stops at once, mid-request too. */
  signal: AbortSignal;
  observer?: WaitObserver;
  maxInFlight?: number;
}

/**
 * Polls every task until it reaches a verdict, the deadline passes, a fatal error stops the run or
 * the run is cancelled. Each task follows its state machine (task-machine.ts); this function only
 * carries out its steps: it sends, sleeps and stops. It knows nothing of HTTP or of GitHub.
 */
export async function waitForTasks(options: WaitOptions, deps: WaitDeps): Promise<WaitResult> {
  const { clock, observer } = deps;
  const startedAt = clock.now();
  const deadline = startedAt + options.timeoutMs;
  // Stops every task's loop: on cancel, on a fatal error, and on the first failure with fail-fast.
  // The caller's signal gets one listener, removed when the wait ends, so a long-lived signal keeps nothing.
  const stopper = new AbortController();
  const stop = stopper.signal;
  const tasks: TaskProgress[] = options.taskIds.map((taskId) => ({ taskId, polls: 0, timeline: [] }));
  // Each sleeping task and each request in flight listens to it: many tasks are no leak.
  setMaxListeners(tasks.length + DEFAULT_MAX_IN_FLIGHT + 8, stop);
  const cancel = () => stopper.abort(deps.signal.reason);
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts only once, so a listener left on it can never run again
  deps.signal.addEventListener('abort', cancel, { once: true });
  if (deps.signal.aborted) cancel();
  const limiter = new Limiter(deps.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT, stop);
  let fatal: { taskId: string; error: Error; appearWaitedMs?: number } | undefined;
  const baseRequestTimeoutMs = Math.min(MAX_REQUEST_TIMEOUT_MS, Math.max(MIN_REQUEST_TIMEOUT_MS, options.intervalMs));
  const context: MachineContext = { options, startedAt, baseRequestTimeoutMs, maxRequestTimeoutMs: MAX_REQUEST_TIMEOUT_MS, random: clock.random };

  // Sleeps, cut short so one last poll lands at the deadline; false when the deadline has passed.
  const pause = async (delayMs: number): Promise<boolean> => {
    const leftMs = deadline - clock.now();
    if (leftMs <= 0 || stop.aborted) return false;
    await clock.sleep(Math.min(delayMs, leftMs), stop);
    return !stop.aborted;
  };

  // One request, when a slot is free and enough time is left for it; undefined when none was sent
  // or the run stopped meanwhile (an aborted request is nobody's fault, never an error).
  const poll = async (task: TaskProgress, requestTimeoutMs: number): Promise<TaskEvent | undefined> => {
    await limiter.acquire();
    try {
      const budgetMs = Math.min(requestTimeoutMs, deadline + DEADLINE_GRACE_MS - clock.now());
      if (budgetMs < MIN_REQUEST_BUDGET_MS) return undefined;
      task.polls += 1;
      const reading = await deps.fetchStatus(task.taskId, { signal: stop, timeoutMs: budgetMs });
      return { kind: 'reading', reading, at: clock.now() };
    } catch (error) {
      // Stryker disable next-line StringLiteral: the machine and record() tell a fault by its not being a reading
      return stop.aborted ? undefined : { kind: 'fault', error, at: clock.now() };
    } finally {
      limiter.release();
    }
  };

  const follow = async (task: TaskProgress): Promise<void> => {
    let state = initialTaskState(baseRequestTimeoutMs);
    for (;;) {
      const event = await poll(task, state.requestTimeoutMs).catch(() => undefined);
      if (event === undefined) return;
      const transition = nextStep(state, event, context);
      state = transition.state;
      record(task, event, transition, observer);
      const { step } = transition;
      if (step.kind === 'poll') {
        if (await pause(step.delayMs)) continue;
        return;
      }
      if (step.kind === 'stop') {
        fatal ??= { taskId: task.taskId, error: step.error, appearWaitedMs: step.appearWaitedMs };
        stopper.abort();
        return;
      }
      // Stryker disable next-line ConditionalExpression: only a finished step has a verdict, so step.kind === 'finished' is for the type checker
      if (step.kind === 'finished' && step.verdict === 'failure' && options.failFast) stopper.abort();
      return;
    }
  };

  try {
    await Promise.all(tasks.map(follow));
  } finally {
    // If one task's loop threw (an observer failing, say), the others must not poll on unseen.
    stopper.abort();
    deps.signal.removeEventListener('abort', cancel);
  }
  return decideOutcome({ tasks, startedAt, endedAt: clock.now(), cancelled: deps.signal.aborted, fatal, waited: options.wait, timeoutMs: options.timeoutMs });
}

/** Takes a transition into the task's visible state and tells the observer. */
function record(task: TaskProgress, event: TaskEvent, transition: Transition, observer: WaitObserver | undefined): void {
  if (event.kind === 'reading') {
    const before = progressKey(task);
    task.lastError = undefined;
    task.reading = event.reading;
    task.judgement = transition.judgement;
    if (event.reading.status !== undefined && task.timeline.at(-1)?.status !== event.reading.status) {
      task.timeline.push({ status: event.reading.status, at: event.at });
    }
    if (transition.step.kind === 'finished') task.finishedAt = event.at;
    observer?.reading?.(task, progressKey(task) !== before);
  } else if (transition.lastError) {
    task.lastError = transition.lastError;
    if (transition.retry) observer?.retry?.(task, transition.lastError, transition.retry.attempt, transition.retry.delayMs);
  }
  for (const note of transition.notes) observer?.note?.(task, note);
}

/**
 * What counts as "the reading changed" for the log: status, percentage, counts, retry count, the
 * replication lag (what a live-sync gate waits on) and the stable-readings count.
 */
function progressKey(task: Pick<TaskProgress, 'reading' | 'judgement'>): string {
  const r = task.reading;
  // Stryker disable next-line StringLiteral: a reading's key always holds a '|', so against any text without one the first reading counts as changed
  if (r === undefined) return '';
  // Stryker disable next-line OptionalChaining: a task with a reading has its judgement
  return [r.status, r.percentage, r.curCount, r.totalCount, r.curRetryCount, lagSeconds(r), task.judgement?.streak].join('|');
}
