import type { StatusFetcher } from '../udts/client.js';
import { UdtsError } from '../udts/errors.js';
import { lagSeconds, type Reading } from '../udts/status.js';
import { judge, type Judgement, type VerdictNote } from '../udts/verdict.js';
import { Limiter } from './limiter.js';
import { summarizeOutcome } from './outcome.js';
import { planNextPoll, remember, retryDelay, type PollHistory } from './schedule.js';
import type { Clock, TaskProgress, WaitObserver, WaitResult, WaitSettings } from './types.js';

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
  fetchStatus: StatusFetcher;
  clock: Clock;
  /** Aborted on cancel (SIGINT/SIGTERM): the waiter stops at once, mid-request too. */
  signal: AbortSignal;
  observer?: WaitObserver;
  maxInFlight?: number;
}

/**
 * Polls every task until it reaches a verdict, the deadline passes, a fatal error stops the run or
 * the run is cancelled. Knows nothing of HTTP or of GitHub: the fetcher and observer stand for those.
 */
export async function waitForTasks(settings: WaitSettings, deps: WaitDeps): Promise<WaitResult> {
  const { clock, observer } = deps;
  const startedAt = clock.now();
  const deadline = startedAt + settings.timeoutMs;
  // Stops every task's loop: on cancel, on a fatal error, and on the first failure with fail-fast.
  // The caller's signal gets one listener, removed when the wait ends, so a long-lived signal keeps nothing.
  const stopper = new AbortController();
  const stop = stopper.signal;
  const cancel = () => stopper.abort(deps.signal.reason);
  deps.signal.addEventListener('abort', cancel, { once: true });
  if (deps.signal.aborted) cancel();
  const limiter = new Limiter(deps.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT, stop);
  const tasks: TaskProgress[] = settings.taskIds.map((taskId) => ({ taskId, polls: 0, timeline: [] }));
  let fatal: { taskId: string; error: Error } | undefined;
  const baseRequestTimeoutMs = Math.min(MAX_REQUEST_TIMEOUT_MS, Math.max(MIN_REQUEST_TIMEOUT_MS, settings.intervalMs));

  // Sleeps, cut short so one last poll lands at the deadline; false when the deadline has passed.
  const pause = async (delayMs: number): Promise<boolean> => {
    const leftMs = deadline - clock.now();
    if (leftMs <= 0 || stop.aborted) return false;
    await clock.sleep(Math.min(delayMs, leftMs), stop);
    return !stop.aborted;
  };

  // One request, when a slot is free and enough time is left for it; undefined when none was sent.
  const poll = async (task: TaskProgress, requestTimeoutMs: number) => {
    await limiter.acquire();
    try {
      const budgetMs = Math.min(requestTimeoutMs, deadline + DEADLINE_GRACE_MS - clock.now());
      if (budgetMs < MIN_REQUEST_BUDGET_MS) return undefined;
      task.polls += 1;
      return await deps.fetchStatus(task.taskId, { signal: stop, timeoutMs: budgetMs });
    } finally {
      limiter.release();
    }
  };

  const follow = async (task: TaskProgress): Promise<void> => {
    let history: PollHistory | undefined;
    let faultsInRow = 0;
    let requestTimeoutMs = baseRequestTimeoutMs;
    const notesSaid = new Set<string>();

    for (;;) {
      let reading;
      try {
        reading = await poll(task, requestTimeoutMs);
        if (reading === undefined) return; // too close to the deadline to ask again
      } catch (error) {
        if (stop.aborted) return;
        if (error instanceof UdtsError && error.kind === 'transient') {
          task.lastError = error;
          faultsInRow += 1;
          if (error.timedOut) requestTimeoutMs = Math.min(MAX_REQUEST_TIMEOUT_MS, requestTimeoutMs * 2);
          const delayMs = retryDelay(faultsInRow, settings.intervalMs, clock.random);
          observer?.retry?.(task, error, faultsInRow, delayMs);
          if (await pause(delayMs)) continue;
          return;
        }
        if (error instanceof UdtsError) task.lastError = error;
        fatal ??= { taskId: task.taskId, error: error instanceof Error ? error : new Error(String(error)) };
        stopper.abort();
        return;
      }

      const at = clock.now();
      history = remember(history, { reading, at });
      faultsInRow = 0;
      requestTimeoutMs = baseRequestTimeoutMs;
      const { judgement, changed } = recordReading(task, reading, at, settings);
      observer?.reading?.(task, changed);
      const { verdict, note, streak } = judgement;
      if (note !== undefined && !notesSaid.has(noteKey(note, reading))) {
        notesSaid.add(noteKey(note, reading));
        observer?.note?.(task, note);
      }

      if (verdict !== 'pending') {
        task.finishedAt = at;
        if (verdict === 'failure' && settings.failFast) stopper.abort();
        return;
      }
      if (!settings.wait) return;

      // A success state waiting for more stable readings polls at the interval; the ETA is spent.
      const delayMs = streak > 0 ? settings.intervalMs : planNextPoll(history, settings.intervalMs).delayMs;
      if (!(await pause(delayMs))) return;
    }
  };

  try {
    await Promise.all(tasks.map(follow));
  } finally {
    // If one task's loop threw (an observer failing, say), the others must not poll on unseen.
    stopper.abort();
    deps.signal.removeEventListener('abort', cancel);
  }
  return summarizeOutcome({
    tasks,
    startedAt,
    endedAt: clock.now(),
    cancelled: deps.signal.aborted,
    fatal,
    waited: settings.wait,
  });
}

/**
 * Takes a good reading into the task: judged, added to the timeline, any earlier fault cleared.
 * Returns the judgement and whether the reading changed what the log shows.
 */
function recordReading(
  task: TaskProgress,
  reading: Reading,
  at: number,
  settings: WaitSettings,
): { judgement: Judgement; changed: boolean } {
  const before = progressKey(task);
  const judgement = judge(reading, settings, task.judgement?.streak ?? 0);
  task.lastError = undefined;
  task.reading = reading;
  task.readingAt = at;
  task.judgement = judgement;
  if (reading.status !== undefined && task.timeline.at(-1)?.status !== reading.status) {
    task.timeline.push({ status: reading.status, at });
  }
  return { judgement, changed: progressKey(task) !== before };
}

/** Notes are said once: per state name for unknown states, per retry for the service's retries, else once. */
function noteKey(note: VerdictNote, reading: Reading): string {
  if (note === 'unknown-state') return `${note}:${reading.status}`;
  if (note === 'retrying') return `${note}:${reading.curRetryCount}`;
  return note;
}

/**
 * What counts as "the reading changed" for the log: status, percentage, counts, retry count, the
 * replication lag (what a live-sync gate waits on) and the stable-readings count.
 */
function progressKey(task: Pick<TaskProgress, 'reading' | 'judgement'>): string {
  const r = task.reading;
  if (r === undefined) return '';
  return [r.status, r.percentage, r.curCount, r.totalCount, r.curRetryCount, lagSeconds(r), task.judgement?.streak].join('|');
}
