/**
 * The waiter's wiring: it carries out each machine's steps (sends, sleeps, stops) on a clock, within the
 * deadline, a request slot and a cancel, and hands observers each record. The loop's rules are the
 * machine's (task-machine.test.ts), the delays the schedule's (schedule.test.ts).
 */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { UdtsError } from '../../../src/udts/errors.js';
import type { FetchStatus } from '../../../src/udts/client.js';
import type { TaskNote, WaitObserver, WaitOptions, WaitResult } from '../../../src/wait/types.js';
import { DEADLINE_GRACE_MS, DEFAULT_MAX_IN_FLIGHT, MAX_REQUEST_TIMEOUT_MS, MIN_REQUEST_BUDGET_MS, MIN_REQUEST_TIMEOUT_MS, waitForTasks } from '../../../src/wait/waiter.js';
import { FakeClock, START_MS, fatal171, scriptedFetcher, transient, waitSettings, type Step } from '../fakes.js';

/** What the observer was told: readings (with `changed` and the streak), notes and retries, in order. */
function recorder() {
  const told = { changed: [] as boolean[], streaks: [] as Array<number | undefined>, notes: [] as string[], retries: [] as unknown[][] };
  const observer: WaitObserver = {
    reading: (task, changed) => void (told.changed.push(changed), told.streaks.push(task.judgement?.streak)),
    note: (task, note: TaskNote) => void told.notes.push(`${task.taskId}:${note}:${task.reading?.status}`),
    retry: (task, error, attempt, delayMs) => void told.retries.push([task.taskId, attempt, delayMs, error.message]),
  };
  return Object.assign(observer, told);
}

interface RunOptions {
  settings?: Partial<WaitOptions>;
  onSleep?: (count: number, controller: AbortController) => void;
  controller?: AbortController;
  requestMs?: number;
  maxInFlight?: number;
}

/** Runs the waiter on a fake clock against scripted answers; returns everything a test may check. */
async function runWaiter(scripts: Record<string, Step[]>, options: RunOptions = {}) {
  const controller = options.controller ?? new AbortController();
  const clock = new FakeClock(0.5, (count) => options.onSleep?.(count, controller));
  const fetchStatus = scriptedFetcher(scripts, clock, { requestMs: options.requestMs });
  const observer = recorder();
  const settings = waitSettings({ taskIds: Object.keys(scripts), ...options.settings });
  const result: WaitResult = await waitForTasks(settings, { fetchStatus, clock, signal: controller.signal, observers: [observer], maxInFlight: options.maxInFlight });
  const callTimes = (taskId = 'udts-a') => fetchStatus.calls.filter((c) => c.taskId === taskId).map((c) => c.at - START_MS);
  return { result, clock, fetchStatus, observer, callTimes };
}

const LOADING = { status: 'Loading', percentage: 50, curCount: 500, totalCount: 1_000 };
const DONE = { status: 'Done' };
const FAILED = { status: 'Failed', failedMessage: 'boom' };
const NOT_THERE = new UdtsError('API error RetCode 230', { kind: 'fatal', retCode: 230 });

describe('waitForTasks: the steps carried out, and how the run ends', () => {
  const one = (...steps: Step[]) => ({ 'udts-a': steps });
  const eta = (curDuration: number) => ({ status: 'Loading', totalDuration: 100, curDuration });
  it.each<[string, Record<string, Step[]>, Partial<WaitOptions>, [WaitResult['outcome'], string, number], number[], number[] | undefined]>([
    ['a task already done: one request, no sleep', one(DONE), {}, ['success', 'udts-a', 0], [1], []],
    ['running, then done: the interval between polls', one({ status: 'Created' }, LOADING, LOADING, DONE), {}, ['success', 'udts-a', 45_000], [4], [15_000, 15_000, 15_000]],
    // 100 s left: the interval; due at 24.5-25.5 s: two spares spread over it; overdue: the floor; spares spent: the loop's next.
    ["the schedule's delays: aimed at the service's estimate", one(eta(0), eta(90), eta(100), eta(100), DONE), {}, ['success', 'udts-a', 30_000], [5], [15_000, 10_050, 1_000, 3_950]],
    ['a failure state', one(LOADING, FAILED), {}, ['failure', 'udts-a', 15_000], [2], [15_000]],
    ['the deadline: the last sleep cut so one poll lands on it', one(LOADING), { timeoutMs: 40_000 }, ['timeout', 'udts-a', 40_000], [4], [15_000, 15_000, 10_000]],
    ["transient faults: the machine's retry delays", one(LOADING, transient(), transient(), transient(), DONE), {}, ['success', 'udts-a', 16_750], [5], [15_000, 250, 500, 1_000]],
    ['an API failing until the deadline', one(LOADING, transient()), { timeoutMs: 5_000, intervalMs: 1_000 }, ['timeout', 'udts-a', 5_000], [11],
      [1_000, 250, 500, 500, 500, 500, 500, 500, 500, 250]],
    ['a fatal error: no sleep', one(fatal171(), DONE), {}, ['error', 'udts-a', 0], [1], []],
    ['a task that never appears within appear-timeout', one(NOT_THERE), { appearTimeoutMs: 30_000 }, ['error', 'udts-a', 30_000], [3], [15_000, 15_000]],
    ['several tasks side by side; a finished one is not asked again; the last to finish decides',
      { 'udts-a': [DONE], 'udts-b': [LOADING, LOADING, DONE], 'udts-c': [LOADING, { status: 'Success' }] }, {}, ['success', 'udts-b', 30_000], [1, 3, 2], undefined],
    // udts-b was due at the same moment, but udts-a's failure came first and cut its sleep short.
    ['fail-fast: the first failure stops the others at once', { 'udts-a': [LOADING, FAILED], 'udts-b': [LOADING], 'udts-c': [DONE] }, {},
      ['failure', 'udts-a', 15_000], [2, 1, 1], undefined],
    ['fail-fast false: the first to fail decides', { 'udts-a': [LOADING, FAILED], 'udts-b': [LOADING, LOADING, FAILED] }, { failFast: false },
      ['failure', 'udts-a', 30_000], [2, 3], undefined],
    ['fail-fast false: every task to its end, the first to fail decides, whatever its place',
      { 'udts-a': [LOADING, LOADING, FAILED], 'udts-b': [LOADING, FAILED], 'udts-c': [LOADING, LOADING, LOADING, DONE] }, { failFast: false },
      ['failure', 'udts-b', 45_000], [3, 2, 4], undefined],
    ['a fatal error on one task stops the others', { 'udts-a': [LOADING], 'udts-b': [LOADING, fatal171()] }, {}, ['error', 'udts-b', 15_000], [2, 2], undefined],
    ['a timeout with several tasks: the first still waiting decides', { 'udts-a': [DONE], 'udts-b': [LOADING], 'udts-c': [LOADING] }, { timeoutMs: 30_000 },
      ['timeout', 'udts-b', 30_000], [1, 3, 3], undefined],
    ['wait false: one request per task, all done', { 'udts-a': [DONE], 'udts-b': [{ status: 'Success' }] }, { wait: false }, ['success', 'udts-b', 0], [1, 1], []],
    ['wait false: one still running', { 'udts-a': [DONE], 'udts-b': [LOADING, DONE] }, { wait: false }, ['pending', 'udts-b', 0], [1, 1], []],
    ['wait false: one failed', { 'udts-a': [FAILED], 'udts-b': [LOADING] }, { wait: false }, ['failure', 'udts-a', 0], [1, 1], []],
    ['wait false: an unknown state', one({ status: 'Paused' }), { wait: false }, ['pending', 'udts-a', 0], [1], []],
    ['wait false: stable-polls above 1 makes one success reading pending', one(DONE), { wait: false, stablePolls: 2 }, ['pending', 'udts-a', 0], [1], []],
    ['wait false: a transient fault is retried, a reading ends the check', one(transient(), DONE), { wait: false }, ['success', 'udts-a', 250], [2], [250]],
    ['wait false: a task never read makes it a timeout', { 'udts-a': [LOADING], 'udts-b': [transient()] }, { wait: false, timeoutMs: 30_000 },
      ['timeout', 'udts-a', 30_000], [1, 9], undefined],
  ])('%s', async (_what, scripts, settings, [outcome, decidingTaskId, elapsedMs], calls, sleeps) => {
    const { result, clock, fetchStatus } = await runWaiter(scripts, { settings });
    expect(result).toMatchObject({ outcome, decidingTaskId, elapsedMs, polls: fetchStatus.calls.length });
    expect(Object.keys(scripts).map((taskId) => fetchStatus.callsFor(taskId))).toEqual(calls);
    if (sleeps) expect(clock.sleeps).toEqual(sleeps);
  });

  it('a result holds what it knows: the last reading and error through faults, appearWaitedMs only with appear-timeout', async () => {
    const { result } = await runWaiter({ 'udts-a': [{ status: 'Loading', percentage: 30 }, transient('HTTP 504')] }, { settings: { timeoutMs: 5_000 } });
    expect(result.tasks[0]).toMatchObject({ reading: { status: 'Loading', percentage: 30 }, lastError: { message: 'HTTP 504' } });
    const { result: fatal } = await runWaiter({ 'udts-a': [fatal171()] });
    expect(Object.keys(fatal)).not.toContain('appearWaitedMs');
    const { result: never } = await runWaiter({ 'udts-a': [NOT_THERE] }, { settings: { appearTimeoutMs: 30_000 } });
    expect(never).toMatchObject({ error: NOT_THERE, appearWaitedMs: 30_000 });
  });

  it.each([3_600_000, -3_600_000])('a wall-clock step of %d ms mid-wait moves neither the deadline, elapsed nor the timeline', async (stepMs) => {
    const clock: FakeClock = new FakeClock(0.5, (count) => count === 1 && clock.stepWall(stepMs));
    const fetchStatus = scriptedFetcher({ 'udts-a': [LOADING] }, clock);
    const result = await waitForTasks(waitSettings({ timeoutMs: 40_000 }), { fetchStatus, clock, signal: new AbortController().signal });
    expect([result.outcome, result.elapsedMs, fetchStatus.calls.length, result.startedAt]).toEqual(['timeout', 40_000, 4, START_MS]);
    expect(result.tasks[0]?.timeline).toEqual([{ status: 'Loading', at: START_MS }]);
  });

  it('an error that is not a UdtsError (a bug) stops the run at once; the task keeps its last API error', async () => {
    const faults = [transient('HTTP 502 from the API'), new TypeError('bug'), transient()];
    const fetchStatus: FetchStatus = async () => {
      throw faults.shift();
    };
    const result = await waitForTasks(waitSettings(), { fetchStatus, clock: new FakeClock(), signal: new AbortController().signal });
    expect(result).toMatchObject({ outcome: 'error', error: new TypeError('bug'), polls: 2 });
    expect(result.tasks[0]?.lastError?.message).toBe('HTTP 502 from the API');
  });
});

describe('waitForTasks: each request within the deadline', () => {
  it('gets the interval as its timeout, then what is left to the deadline plus a grace; a slow answer delays the next poll', async () => {
    const { result, clock, fetchStatus, callTimes } = await runWaiter({ 'udts-a': [LOADING] }, { settings: { timeoutMs: 40_000 }, requestMs: 2_000 });
    expect(callTimes()).toEqual([0, 17_000, 34_000, 40_000]);
    expect(fetchStatus.calls.map((c) => c.timeoutMs)).toEqual([15_000, 15_000, 40_000 + DEADLINE_GRACE_MS - 34_000, DEADLINE_GRACE_MS]);
    expect(clock.sleeps).toEqual([15_000, 15_000, 4_000]);
    // The last answer came 2 s past the deadline; the wait itself lasted the timeout.
    expect(result.elapsedMs).toBe(40_000);
  });

  it.each([[200, MIN_REQUEST_TIMEOUT_MS], [10_000, 10_000], [120_000, MAX_REQUEST_TIMEOUT_MS]])('interval %ims: a request may take %ims', async (intervalMs, expectedMs) => {
    const { fetchStatus } = await runWaiter({ 'udts-a': [DONE] }, { settings: { intervalMs } });
    expect(fetchStatus.calls.map((c) => c.timeoutMs)).toEqual([expectedMs]);
  });

  // One slot, the deadline at 2.5 s (3 s with the grace): a request that would get less than the minimum is not sent.
  it.each<[number, Array<[string, number]>]>([
    [1_500, [['udts-a', 3_000], ['udts-b', 1_500]]],
    [1_375, [['udts-a', 3_000], ['udts-b', 1_625], ['udts-c', MIN_REQUEST_BUDGET_MS]]],
  ])('requests taking %i ms each, waiting for the one slot: %j', async (requestMs, sent) => {
    const scripts = { 'udts-a': [LOADING], 'udts-b': [LOADING], 'udts-c': [LOADING] };
    const { result, fetchStatus } = await runWaiter(scripts, { settings: { timeoutMs: 2_500, intervalMs: 2_500 }, requestMs, maxInFlight: 1 });
    expect(fetchStatus.calls.slice(0, 3).map((c) => [c.taskId, c.timeoutMs])).toEqual(sent);
    expect(result.outcome).toBe('timeout');
  });
});

describe('waitForTasks: cancellation', () => {
  it('a cancel during a sleep ends the wait at once, the last reading kept', async () => {
    const { result, clock, fetchStatus } = await runWaiter(
      { 'udts-a': [{ status: 'Loading', percentage: 20 }, { status: 'Loading', percentage: 40 }, DONE] },
      { onSleep: (count, controller) => count === 2 && controller.abort() },
    );
    expect([result.outcome, fetchStatus.calls.length, clock.now() - START_MS, result.tasks[0]?.reading?.percentage]).toEqual(['cancelled', 2, 15_000, 40]);
  });

  it("a cancel mid-request aborts the request's signal with the cancel's reason", async () => {
    const controller = new AbortController();
    const sigterm = new Error('SIGTERM');
    const reasons: unknown[] = [];
    const fetchStatus = scriptedFetcher({ 'udts-a': [LOADING, DONE] }, new FakeClock(), {
      beforeAnswer: (_call, options) => {
        if (fetchStatus.calls.length === 2) controller.abort(sigterm);
        reasons.push(options.signal.reason);
      },
    });
    const result = await waitForTasks(waitSettings(), { fetchStatus, clock: new FakeClock(), signal: controller.signal });
    expect(reasons).toEqual([undefined, sigterm]);
    expect(result).toMatchObject({ outcome: 'cancelled', polls: 2, tasks: [{ reading: { status: 'Loading' } }] });
    expect(result.error).toBeUndefined();
  });

  it('a signal aborted before the start makes no request', async () => {
    const controller = new AbortController();
    controller.abort();
    const { result, fetchStatus } = await runWaiter({ 'udts-a': [DONE] }, { controller });
    expect([result.outcome, fetchStatus.calls.length]).toEqual(['cancelled', 0]);
  });

  it('fail-fast false: a cancel after one task failed is decided by a task still waiting', async () => {
    const { result } = await runWaiter({ 'udts-a': [FAILED], 'udts-b': [LOADING] }, { settings: { failFast: false }, onSleep: (_count, controller) => controller.abort() });
    expect([result.outcome, result.decidingTaskId]).toEqual(['cancelled', 'udts-b']);
  });

  it("fail-fast: a failure that cuts another task's request short stays a failure, not an error", async () => {
    // udts-b's request never answers: the stop rejects it with the stop's own reason, which is nobody's fault.
    const clock = new FakeClock();
    const scripted = scriptedFetcher({ 'udts-a': [LOADING, FAILED] }, clock);
    const fetchStatus: FetchStatus = (taskId, options) =>
      taskId === 'udts-a' ? scripted(taskId, options) : new Promise((_, reject) => options.signal.addEventListener('abort', () => reject(options.signal.reason)));
    const result = await waitForTasks(waitSettings({ taskIds: ['udts-a', 'udts-b'] }), { fetchStatus, clock, signal: new AbortController().signal });
    expect(result).toMatchObject({ outcome: 'failure', decidingTaskId: 'udts-a', tasks: [{}, { polls: 1 }] });
    expect([result.error, result.tasks[1]?.lastError]).toEqual([undefined, undefined]);
  });
});

describe('waitForTasks: many tasks', () => {
  /** 100 tasks, each Loading then Done; the fetcher counts requests in flight and the abort listeners it sees. */
  function manyTasks() {
    const controller = new AbortController();
    const clock = new FakeClock();
    const scripts = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`udts-${i}`, [LOADING, { status: 'Done' }]]));
    const scripted = scriptedFetcher(scripts, clock);
    const seen = { inFlight: 0, mostInFlight: 0, requestSignalListeners: [] as number[], runSignalListeners: [] as number[] };
    const fetchStatus: FetchStatus = async (taskId, options) => {
      seen.requestSignalListeners.push(getEventListeners(options.signal, 'abort').length);
      seen.runSignalListeners.push(getEventListeners(controller.signal, 'abort').length);
      seen.inFlight += 1;
      seen.mostInFlight = Math.max(seen.mostInFlight, seen.inFlight);
      try {
        await Promise.resolve(); // answered later, so the requests overlap
        return await scripted(taskId, options);
      } finally {
        seen.inFlight -= 1;
      }
    };
    const settings = waitSettings({ taskIds: Object.keys(scripts) });
    return { controller, clock, scripted, seen, run: () => waitForTasks(settings, { fetchStatus, clock, signal: controller.signal }) };
  }

  it('100 tasks: at most 8 requests in flight, each task asked until done, one abort listener on each signal', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    const { run, controller, scripted, seen } = manyTasks();
    try {
      expect((await run()).outcome).toBe('success');
      await new Promise((resolve) => setImmediate(resolve)); // Node emits warnings on a later tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning');
    expect(seen.mostInFlight).toBe(DEFAULT_MAX_IN_FLIGHT);
    expect(scripted.calls).toHaveLength(200);
    expect(new Set(scripted.calls.map((c) => scripted.callsFor(c.taskId)))).toEqual(new Set([2]));
    // A listener per queued task would make Node's EventTarget walk a list of ~100 on every add and
    // remove: O(n^2) per round, which at 100 tasks woke V8's top-tier compiler (+5 MiB peak memory).
    expect(seen.requestSignalListeners.slice(0, DEFAULT_MAX_IN_FLIGHT)).toEqual(Array(DEFAULT_MAX_IN_FLIGHT).fill(1));
    expect(Math.max(...seen.runSignalListeners)).toBe(1);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('a task whose loop throws (its observer failing) rejects the wait and stops every other task', async () => {
    const clock = new FakeClock();
    const fetchStatus = scriptedFetcher({ 'udts-a': [LOADING], 'udts-b': [LOADING] }, clock);
    const observers: WaitObserver[] = [{
      reading: (task) => {
        if (task.taskId === 'udts-a' && task.polls === 2) throw new Error('observer broke');
      },
    }];
    const settings = waitSettings({ taskIds: ['udts-a', 'udts-b'] });
    await expect(waitForTasks(settings, { fetchStatus, clock, signal: new AbortController().signal, observers })).rejects.toEqual(new Error('observer broke'));
    const callsAtRejection = fetchStatus.calls.length;
    for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(fetchStatus.calls.length).toBe(callsAtRejection);
    expect(fetchStatus.callsFor('udts-b')).toBeLessThanOrEqual(2);
  });

  it('a cancel while 92 tasks wait for a slot ends them all at once: no request after it', async () => {
    const { controller, clock, scripted, run } = manyTasks();
    const running = run();
    await Promise.resolve();
    controller.abort(new Error('SIGTERM'));
    const result = await running;
    expect(result.outcome).toBe('cancelled');
    expect(scripted.calls.length).toBeLessThanOrEqual(DEFAULT_MAX_IN_FLIGHT);
    expect(clock.sleeps).toEqual([]);
  });
});

describe('waitForTasks: the observers', () => {
  it('are told changed only when status, percentage, counts, retry count, the lag or the stable-readings count move', async () => {
    const loading = (percentage: number, curCount: number, more = {}) => ({ status: 'Loading', percentage, curCount, ...more });
    const { observer } = await runWaiter({
      'udts-a': [
        loading(10, 1),
        loading(10, 1, { curDuration: 30 }), // only the elapsed time moved
        loading(20, 1),
        loading(20, 2),
        transient(),
        loading(20, 2), // same as before the fault
        loading(20, 2, { totalCount: 9 }),
        loading(12, 3, { totalCount: 9 }),
        loading(1, 23, { totalCount: 9 }), // the same digits, moved between fields
        { status: 'Done', percentage: 1, curCount: 23, totalCount: 9 },
      ],
    });
    expect(observer.changed).toEqual([true, false, true, true, false, true, true, true, true]);
    const synced = (redisDelayTime: number) => ({ status: 'Synced', redisDelayTime });
    const { observer: gate } = await runWaiter(
      { 'udts-a': [synced(30), synced(30), synced(20), synced(4), synced(4)] },
      { settings: { successStates: new Set(['Synced']), maxLagSeconds: 5, stablePolls: 2 } },
    );
    expect([gate.changed, gate.streaks]).toEqual([[true, false, true, true, true], [0, 0, 0, 1, 2]]);
  });

  it('are handed each note and retry with its task', async () => {
    const { observer } = await runWaiter({ 'udts-a': [{ status: 'Paused' }, transient('HTTP 502'), transient('HTTP 503'), { status: 'Frozen' }, DONE] });
    expect(observer.notes).toEqual(['udts-a:unknown-state:Paused', 'udts-a:unknown-state:Frozen']);
    expect(observer.retries).toEqual([['udts-a', 1, 250, 'HTTP 502'], ['udts-a', 2, 500, 'HTTP 503']]);
  });

  it.each<[string, WaitObserver | undefined]>([
    ['no observer', undefined],
    ['an observer that listens to nothing', {}],
  ])('a run with %s reads, retries and notes as with one', async (_what, observer) => {
    const clock = new FakeClock();
    const fetchStatus = scriptedFetcher({ 'udts-a': [{ status: 'Paused' }, transient(), DONE] }, clock);
    const result = await waitForTasks(waitSettings(), { fetchStatus, clock, signal: new AbortController().signal, observers: [observer] });
    expect([result.outcome, fetchStatus.calls.length]).toEqual(['success', 3]);
  });
});
