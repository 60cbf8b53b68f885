import { setMaxListeners } from 'node:events';
import { lagSeconds } from '../udts/status.js';
import { Limiter } from './limiter.js';
import { decideOutcome } from './outcome.js';
import type { FetchStatus } from '../udts/client.js';
import { linkAbort } from '../udts/abort.js';
import { initialRecord, nextStep, sent, type MachineContext, type TaskEvent, type TaskRecord, type Transition } from './task-machine.js';
import type { Clock, WaitObserver, WaitOptions, WaitResult } from './types.js';

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
  /** Told of each reading, retry and note, in order (the log's lines, the check run). */
  observers?: ReadonlyArray<WaitObserver | undefined>;
  maxInFlight?: number;
}

/**
 * Polls every task until it reaches a verdict, the deadline passes, a fatal error stops the run or
 * the run is cancelled. Each task's record and rules are its machine's (task-machine.ts); this
 * function only carries out the steps: it sends, sleeps and stops. It knows nothing of HTTP or GitHub.
 */
export async function waitForTasks(options: WaitOptions, deps: WaitDeps): Promise<WaitResult> {
  const { clock } = deps;
  const observers = (deps.observers ?? []).filter((o) => o !== undefined);
  const startedAt = clock.now();
  const deadline = startedAt + options.timeoutMs;
  // Stops every task's loop: on cancel, on a fatal error, and on the first failure with fail-fast.
  const stopper = linkAbort(deps.signal);
  const stop = stopper.signal;
  const baseRequestTimeoutMs = Math.min(MAX_REQUEST_TIMEOUT_MS, Math.max(MIN_REQUEST_TIMEOUT_MS, options.intervalMs));
  // The one record of each task, replaced (never changed) on every transition.
  const records: TaskRecord[] = options.taskIds.map((taskId) => initialRecord(taskId, baseRequestTimeoutMs));
  // Each sleeping task and each request in flight listens to it: many tasks are no leak.
  setMaxListeners(records.length + DEFAULT_MAX_IN_FLIGHT + 8, stop);
  const limiter = new Limiter(deps.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT, stop);
  let fatal: { taskId: string; error: Error; appearWaitedMs?: number } | undefined;
  const context: MachineContext = { options, startedAt, startedWallAt: clock.wallNow(), baseRequestTimeoutMs, maxRequestTimeoutMs: MAX_REQUEST_TIMEOUT_MS, random: clock.random };

  // Sleeps, cut short so one last poll lands at the deadline; false when the deadline has passed.
  const pause = async (delayMs: number): Promise<boolean> => {
    const leftMs = deadline - clock.now();
    if (leftMs <= 0 || stop.aborted) return false;
    await clock.sleep(Math.min(delayMs, leftMs), stop);
    return !stop.aborted;
  };

  // One request, when a slot is free and enough time is left for it; undefined when none was sent
  // or the run stopped meanwhile (an aborted request is nobody's fault, never an error).
  const poll = async (index: number): Promise<TaskEvent | undefined> => {
    await limiter.acquire();
    try {
      const record = records[index] as TaskRecord;
      const budgetMs = Math.min(record.requestTimeoutMs, deadline + DEADLINE_GRACE_MS - clock.now());
      if (budgetMs < MIN_REQUEST_BUDGET_MS) return undefined;
      records[index] = sent(record);
      const reading = await deps.fetchStatus(record.taskId, { signal: stop, timeoutMs: budgetMs });
      return { kind: 'reading', reading, at: clock.now() };
    } catch (error) {
      // Stryker disable next-line StringLiteral: the machine tells a fault by its not being a reading
      return stop.aborted ? undefined : { kind: 'fault', error, at: clock.now() };
    } finally {
      limiter.release();
    }
  };

  const follow = async (index: number): Promise<void> => {
    for (;;) {
      const event = await poll(index).catch(() => undefined);
      if (event === undefined) return;
      const before = records[index] as TaskRecord;
      const transition = nextStep(before, event, context);
      records[index] = transition.record;
      for (const observer of observers) tell(observer, before, transition);
      const { step } = transition;
      if (step.kind === 'poll') {
        if (await pause(step.delayMs)) continue;
        return;
      }
      if (step.kind === 'stop') {
        fatal ??= { taskId: before.taskId, error: step.error, appearWaitedMs: step.appearWaitedMs };
        stopper.abort();
        return;
      }
      // Stryker disable next-line ConditionalExpression: only a finished step has a verdict, so step.kind === 'finished' is for the type checker
      if (step.kind === 'finished' && step.verdict === 'failure' && options.failFast) stopper.abort();
      return;
    }
  };

  try {
    await Promise.all(records.map((_, index) => follow(index)));
  } finally {
    // If one task's loop threw (an observer failing, say), the others must not poll on unseen.
    stopper.abort();
    stopper.dispose();
  }
  const elapsedMs = clock.now() - startedAt;
  return decideOutcome({ tasks: records, startedAt: context.startedWallAt, elapsedMs, cancelled: deps.signal.aborted, fatal, waited: options.wait, timeoutMs: options.timeoutMs });
}

/** Tells the observer what a transition brought: a reading (and whether it changed), a retry, notes. */
function tell(observer: WaitObserver, before: TaskRecord, { record, retry, notes }: Transition): void {
  if (record.reading !== before.reading) observer.reading?.(record, progressKey(record) !== progressKey(before));
  else if (retry && record.lastError) observer.retry?.(record, record.lastError, retry.attempt, retry.delayMs);
  for (const note of notes) observer.note?.(record, note);
}

/**
 * What counts as "the reading changed" for the log: status, percentage, counts, retry count, the
 * replication lag (what a live-sync gate waits on) and the stable-readings count.
 */
function progressKey({ reading: r, judgement }: TaskRecord): string {
  return [r?.status, r?.percentage, r?.curCount, r?.totalCount, r?.curRetryCount, r && lagSeconds(r), judgement?.streak].join('|');
}
