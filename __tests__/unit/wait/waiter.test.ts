import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { UdtsError } from '../../../src/udts/errors.js';
import { resultMessage } from '../../../src/report/message.js';
import type { FetchStatus } from '../../../src/udts/client.js';
import type { TaskNote, WaitObserver, WaitOptions, WaitResult } from '../../../src/wait/types.js';
import { DEADLINE_GRACE_MS, DEFAULT_MAX_IN_FLIGHT, MAX_REQUEST_TIMEOUT_MS, MIN_REQUEST_BUDGET_MS, MIN_REQUEST_TIMEOUT_MS, waitForTasks } from '../../../src/wait/waiter.js';
import { FakeClock, START_MS, fatal171, scriptedFetcher, transient, waitSettings, type Step } from '../fakes.js';

interface Recorded {
  readings: Array<{ taskId: string; status?: string; changed: boolean; streak?: number }>;
  notes: Array<{ taskId: string; note: TaskNote; status?: string }>;
  retries: Array<{ taskId: string; attempt: number; delayMs: number; message: string }>;
}

function recorder(): WaitObserver & Recorded {
  const recorded: Recorded = { readings: [], notes: [], retries: [] };
  return {
    ...recorded,
    reading: (task, changed) =>
      recorded.readings.push({ taskId: task.taskId, status: task.reading?.status, changed, streak: task.judgement?.streak }),
    note: (task, note) => recorded.notes.push({ taskId: task.taskId, note, status: task.reading?.status }),
    retry: (task, error, attempt, delayMs) => recorded.retries.push({ taskId: task.taskId, attempt, delayMs, message: error.message }),
  };
}

interface RunOptions {
  settings?: Partial<WaitOptions>;
  random?: number;
  onSleep?: (count: number, controller: AbortController) => void;
  controller?: AbortController;
}

/** Runs the waiter on a fake clock against scripted answers; returns everything a test may check. */
async function runWaiter(scripts: Record<string, Step[]>, options: RunOptions = {}) {
  const controller = options.controller ?? new AbortController();
  const clock = new FakeClock(options.random ?? 0.5, (count) => options.onSleep?.(count, controller));
  const fetchStatus = scriptedFetcher(scripts, clock);
  const observer = recorder();
  const settings = waitSettings({ taskIds: Object.keys(scripts), ...options.settings });
  const result: WaitResult = await waitForTasks(settings, { fetchStatus, clock, signal: controller.signal, observers: [observer] });
  const task = (taskId: string) => result.tasks.find((t) => t.taskId === taskId);
  return { result, clock, fetchStatus, observer, controller, task };
}

const LOADING = { status: 'Loading', percentage: 50, curCount: 500, totalCount: 1_000 };

describe('waitForTasks: one task', () => {
  it('a task already done costs one request and no sleep', async () => {
    const { result, clock, fetchStatus } = await runWaiter({ 'udts-a': [{ status: 'Done', percentage: 100 }] });
    expect(result.outcome).toBe('success');
    expect(fetchStatus.calls).toHaveLength(1);
    expect(result.polls).toBe(1);
    expect(clock.sleeps).toEqual([]);
    expect(result.elapsedMs).toBe(0);
    expect(result.decidingTaskId).toBe('udts-a');
  });

  it('succeeds after N polls, sleeping the interval between them', async () => {
    const { result, clock, fetchStatus, task } = await runWaiter({
      'udts-a': [{ status: 'Created' }, { status: 'Loading', percentage: 10 }, { status: 'Loading', percentage: 50 }, { status: 'Done' }],
    });
    expect(result.outcome).toBe('success');
    expect(clock.sleeps).toEqual([15_000, 15_000, 15_000]);
    expect(fetchStatus.calls.map((c) => c.at - START_MS)).toEqual([0, 15_000, 30_000, 45_000]);
    expect(result.polls).toBe(4);
    expect(result.elapsedMs).toBe(45_000);
    expect(task('udts-a')?.timeline).toEqual([
      { status: 'Created', at: START_MS },
      { status: 'Loading', at: START_MS + 15_000 },
      { status: 'Done', at: START_MS + 45_000 },
    ]);
    expect(task('udts-a')?.finishedAt).toBe(START_MS + 45_000);
  });

  it.each([3_600_000, -3_600_000])('a wall-clock step of %d ms mid-wait moves neither the deadline, elapsed nor the timeline', async (stepMs) => {
    const clock: FakeClock = new FakeClock(0.5, (count) => count === 1 && clock.stepWall(stepMs));
    const fetchStatus = scriptedFetcher({ 'udts-a': [LOADING] }, clock);
    const result = await waitForTasks(waitSettings({ taskIds: ['udts-a'], timeoutMs: 40_000 }), { fetchStatus, clock, signal: new AbortController().signal });
    expect([result.outcome, result.elapsedMs, fetchStatus.calls.length, result.startedAt]).toEqual(['timeout', 40_000, 4, START_MS]);
    expect(result.tasks[0]?.timeline).toEqual([{ status: 'Loading', at: START_MS }]);
  });

  it("aims at the service's ETA; once it is missed, polls no more than two beyond an interval loop's", async () => {
    const { result, clock } = await runWaiter({
      'udts-a': [
        { status: 'Loading', totalDuration: 100, curDuration: 0 }, // 100s left: the interval
        { status: 'Loading', totalDuration: 100, curDuration: 90 }, // due at 24.5-25.5s: two polls left, spread over it (25.05s)
        { status: 'Loading', totalDuration: 100, curDuration: 100 }, // overdue: the last spare, 1s on
        { status: 'Loading', totalDuration: 100, curDuration: 100 }, // spares spent: where the loop's next poll falls (30s)
        { status: 'Done' },
      ],
    });
    expect(result.outcome).toBe('success');
    expect(clock.sleeps).toEqual([15_000, 10_050, 1_000, 3_950]);
  });

  it('a failure state ends the wait with failure naming the status and message', async () => {
    const { result, clock, fetchStatus } = await runWaiter({
      'udts-a': [LOADING, { status: 'Failed', failedMessage: 'Access denied for user' }],
    });
    expect(result.outcome).toBe('failure');
    expect(fetchStatus.calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([15_000]);
    expect(resultMessage(result)).toContain('udts-a');
    expect(resultMessage(result)).toContain('Failed');
    expect(resultMessage(result)).toContain('Access denied for user');
  });

  it('times out carrying the last status; the last delay is cut so one poll lands at the deadline', async () => {
    const { result, clock, fetchStatus, task } = await runWaiter({ 'udts-a': [LOADING] }, { settings: { timeoutMs: 40_000 } });
    expect(result.outcome).toBe('timeout');
    expect(clock.sleeps).toEqual([15_000, 15_000, 10_000]);
    expect(fetchStatus.calls.map((c) => c.at - START_MS)).toEqual([0, 15_000, 30_000, 40_000]);
    expect(result.elapsedMs).toBe(40_000);
    expect(task('udts-a')?.reading?.status).toBe('Loading');
    expect(task('udts-a')?.finishedAt).toBeUndefined();
    expect(resultMessage(result)).toContain('Loading');
    expect(resultMessage(result)).toContain('40s');
  });

  it('gives each request the interval as its timeout, never running past the deadline (plus a grace)', async () => {
    const { fetchStatus } = await runWaiter({ 'udts-a': [LOADING] }, { settings: { timeoutMs: 40_000 } });
    expect(fetchStatus.calls.map((c) => c.timeoutMs)).toEqual([
      15_000,
      15_000,
      40_000 + DEADLINE_GRACE_MS - 30_000,
      DEADLINE_GRACE_MS,
    ]);
  });

  it.each([
    [200, MIN_REQUEST_TIMEOUT_MS],
    [10_000, 10_000],
    [120_000, MAX_REQUEST_TIMEOUT_MS],
  ])('interval %ims: each request may take %ims', async (intervalMs, expectedMs) => {
    const { fetchStatus } = await runWaiter({ 'udts-a': [{ status: 'Done' }] }, { settings: { intervalMs, timeoutMs: 3_600_000 } });
    expect(fetchStatus.calls.map((c) => c.timeoutMs)).toEqual([expectedMs]);
  });

  it('sends no request that could not be answered before the deadline: a task waiting for a slot too long is not asked', async () => {
    const clock = new FakeClock();
    const fetchStatus = scriptedFetcher({ 'udts-a': [LOADING], 'udts-b': [LOADING], 'udts-c': [LOADING] }, clock, { requestMs: 1_500 });
    const result = await waitForTasks(waitSettings({ taskIds: ['udts-a', 'udts-b', 'udts-c'], timeoutMs: 2_500, intervalMs: 2_500 }), {
      fetchStatus,
      clock,
      signal: new AbortController().signal,
      maxInFlight: 1,
    });
    expect(result.outcome).toBe('timeout');
    // a at 0 s, b at 1.5 s; c would get its slot at 3 s, past the deadline plus grace: not sent.
    expect(fetchStatus.calls.map((c) => c.taskId)).toEqual(['udts-a', 'udts-b']);
    expect(Math.min(...fetchStatus.calls.map((c) => c.timeoutMs))).toBeGreaterThanOrEqual(MIN_REQUEST_BUDGET_MS);
    expect(result.tasks.find((t) => t.taskId === 'udts-c')?.polls).toBe(0);
  });

  it('a request that would get exactly the minimum budget is still sent', async () => {
    const clock = new FakeClock();
    // a at 0 s, b at 1.375 s, c at 2.75 s: 250 ms before the deadline's grace ends.
    const fetchStatus = scriptedFetcher({ 'udts-a': [LOADING], 'udts-b': [LOADING], 'udts-c': [LOADING] }, clock, { requestMs: 1_375 });
    await waitForTasks(waitSettings({ taskIds: ['udts-a', 'udts-b', 'udts-c'], timeoutMs: 2_500, intervalMs: 2_500 }), {
      fetchStatus,
      clock,
      signal: new AbortController().signal,
      maxInFlight: 1,
    });
    expect(fetchStatus.calls.slice(0, 3).map((c) => [c.taskId, c.timeoutMs])).toEqual([
      ['udts-a', 3_000], ['udts-b', 1_625], ['udts-c', MIN_REQUEST_BUDGET_MS],
    ]);
  });

  it('slow requests: the pause counts from the answer, the budget shrinks to the deadline', async () => {
    const clock = new FakeClock();
    const fetchStatus = scriptedFetcher({ 'udts-a': [LOADING] }, clock, { requestMs: 2_000 });
    const result = await waitForTasks(waitSettings({ timeoutMs: 40_000 }), { fetchStatus, clock, signal: new AbortController().signal });
    expect(result.outcome).toBe('timeout');
    expect(fetchStatus.calls.map((c) => c.at - START_MS)).toEqual([0, 17_000, 34_000, 40_000]);
    expect(fetchStatus.calls.map((c) => c.timeoutMs)).toEqual([15_000, 15_000, 6_500, DEADLINE_GRACE_MS]);
    expect(clock.sleeps).toEqual([15_000, 15_000, 4_000]);
    // The last answer came 2 s past the deadline; the wait itself lasted the timeout ("Timed out after 40s").
    expect(result.elapsedMs).toBe(40_000);
  });

  it('retries transient errors with backoff, then succeeds', async () => {
    const { result, clock, observer, fetchStatus, task } = await runWaiter({
      'udts-a': [LOADING, transient('HTTP 502'), transient('HTTP 503'), transient('network error (ECONNRESET)'), { status: 'Done' }],
    });
    expect(result.outcome).toBe('success');
    // 15s interval after the reading; then full jitter at 0.5 of 500ms, 1s, 2s.
    expect(clock.sleeps).toEqual([15_000, 250, 500, 1_000]);
    expect(fetchStatus.calls).toHaveLength(5);
    expect(observer.retries.map(({ attempt, delayMs, message }) => [attempt, delayMs, message])).toEqual([
      [1, 250, 'HTTP 502'],
      [2, 500, 'HTTP 503'],
      [3, 1_000, 'network error (ECONNRESET)'],
    ]);
    expect(task('udts-a')?.lastError).toBeUndefined();
  });

  it('a timeout while the API fails keeps the last good reading and carries the last error', async () => {
    const { result, clock, fetchStatus, task } = await runWaiter(
      { 'udts-a': [{ status: 'Loading', percentage: 30 }, transient('HTTP 504 from the API')] },
      { settings: { timeoutMs: 5_000, intervalMs: 1_000 } },
    );
    expect(result.outcome).toBe('timeout');
    expect(task('udts-a')?.reading).toEqual({ status: 'Loading', percentage: 30 });
    expect(task('udts-a')?.lastError?.message).toBe('HTTP 504 from the API');
    expect(resultMessage(result)).toContain('HTTP 504 from the API');
    expect(resultMessage(result)).toContain('Loading');
    expect(clock.sleeps).toEqual([1_000, 250, 500, 500, 500, 500, 500, 500, 500, 250]);
    expect(fetchStatus.calls.at(-1)?.at).toBe(START_MS + 5_000);
    expect(result.elapsedMs).toBe(5_000);
  });

  it('a fatal error stops at once after one request', async () => {
    const { result, clock, fetchStatus } = await runWaiter({ 'udts-a': [fatal171(), { status: 'Done' }] });
    expect(result.outcome).toBe('error');
    expect(fetchStatus.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(result.error?.message).toContain('RetCode 171');
  });

  it('a task that never appears within appear-timeout ends the wait with the error and how long it was waited for', async () => {
    const notThere = new UdtsError('API error RetCode 230', { kind: 'fatal', retCode: 230 });
    const { result, fetchStatus } = await runWaiter({ 'udts-a': [notThere] }, { settings: { appearTimeoutMs: 30_000 } });
    expect(result).toMatchObject({ outcome: 'error', error: notThere, appearWaitedMs: 30_000 });
    expect(fetchStatus.calls.map((c) => c.at - START_MS)).toEqual([0, 15_000, 30_000]);
  });

  it('a result holds no key for what it does not know (no appearWaitedMs without appear-timeout)', async () => {
    const { result } = await runWaiter({ 'udts-a': [fatal171()] });
    expect(result.outcome).toBe('error');
    expect(Object.keys(result)).not.toContain('appearWaitedMs');
  });

  it('a bug after a transient fault stops the run; the task keeps that fault as its last API error', async () => {
    const faults = [transient('HTTP 502 from the API'), new TypeError('bug')];
    const fetchStatus: FetchStatus = async () => {
      throw faults.shift();
    };
    const result = await waitForTasks(waitSettings(), { fetchStatus, clock: new FakeClock(), signal: new AbortController().signal });
    expect(result).toMatchObject({ outcome: 'error', error: { message: 'bug' } });
    expect(result.tasks[0]?.lastError?.message).toBe('HTTP 502 from the API');
  });

  it('an unexpected (non-UdtsError) failure of the fetcher is fatal, not retried', async () => {
    const controller = new AbortController();
    const clock = new FakeClock();
    let calls = 0;
    const result = await waitForTasks(waitSettings(), {
      fetchStatus: async () => {
        calls += 1;
        throw new TypeError('bug');
      },
      clock,
      signal: controller.signal,
    });
    expect(result.outcome).toBe('error');
    expect(calls).toBe(1);
    expect(result.error).toBeInstanceOf(TypeError);
  });
});

describe('waitForTasks: cancellation', () => {
  it('cancel during a sleep ends the wait at once: outcome cancelled, last reading kept', async () => {
    const { result, clock, fetchStatus, task } = await runWaiter(
      { 'udts-a': [{ status: 'Loading', percentage: 20 }, { status: 'Loading', percentage: 40 }, { status: 'Done' }] },
      { onSleep: (count, controller) => count === 2 && controller.abort() },
    );
    expect(result.outcome).toBe('cancelled');
    expect(fetchStatus.calls).toHaveLength(2);
    // The second sleep was cut short: time stopped where the cancel came.
    expect(clock.now() - START_MS).toBe(15_000);
    expect(task('udts-a')?.reading?.percentage).toBe(40);
    expect(resultMessage(result)).toContain('Cancelled');
    expect(resultMessage(result)).toContain('Loading');
  });

  it("cancel mid-request: the request's signal aborts with the cancel's reason, outcome cancelled", async () => {
    const controller = new AbortController();
    const clock = new FakeClock();
    const sigterm = new Error('SIGTERM');
    const reasons: unknown[] = [];
    const fetchStatus = scriptedFetcher({ 'udts-a': [LOADING, { status: 'Done' }] }, clock, {
      beforeAnswer: (call, options) => {
        if (fetchStatus.calls.length === 2) controller.abort(sigterm);
        reasons.push(options.signal.reason);
        expect(call.taskId).toBe('udts-a');
      },
    });
    const result = await waitForTasks(waitSettings(), { fetchStatus, clock, signal: controller.signal });
    expect(reasons).toEqual([undefined, sigterm]);
    expect(result.outcome).toBe('cancelled');
    expect(result.polls).toBe(2);
    expect(result.tasks[0]?.reading?.status).toBe('Loading');
    expect(result.error).toBeUndefined();
  });

  it('a signal aborted before the start makes no request', async () => {
    const controller = new AbortController();
    controller.abort();
    const { result, fetchStatus } = await runWaiter({ 'udts-a': [{ status: 'Done' }] }, { controller });
    expect(result.outcome).toBe('cancelled');
    expect(fetchStatus.calls).toHaveLength(0);
  });
});

describe('waitForTasks: several tasks', () => {
  it('a finished task is not polled again; success when all succeed, decided by the last to finish', async () => {
    const { result, fetchStatus } = await runWaiter({
      'udts-a': [{ status: 'Done' }],
      'udts-b': [LOADING, LOADING, { status: 'Done' }],
      'udts-c': [LOADING, { status: 'Success' }],
    });
    expect(result.outcome).toBe('success');
    expect(fetchStatus.callsFor('udts-a')).toBe(1);
    expect(fetchStatus.callsFor('udts-b')).toBe(3);
    expect(fetchStatus.callsFor('udts-c')).toBe(2);
    expect(result.polls).toBe(6);
    expect(result.decidingTaskId).toBe('udts-b');
    expect(result.elapsedMs).toBe(30_000);
  });

  it('tasks are polled side by side: each on its own schedule in the same time', async () => {
    const { fetchStatus } = await runWaiter({
      'udts-a': [LOADING, LOADING, { status: 'Done' }],
      'udts-b': [LOADING, LOADING, { status: 'Done' }],
    });
    const times = (taskId: string) => fetchStatus.calls.filter((c) => c.taskId === taskId).map((c) => c.at - START_MS);
    expect(times('udts-a')).toEqual([0, 15_000, 30_000]);
    expect(times('udts-b')).toEqual([0, 15_000, 30_000]);
  });

  it('fail-fast true: the first failure stops the others at once', async () => {
    const { result, fetchStatus } = await runWaiter({
      'udts-a': [LOADING, { status: 'Failed', failedMessage: 'boom' }],
      'udts-b': [LOADING],
      'udts-c': [{ status: 'Done' }],
    });
    expect(result.outcome).toBe('failure');
    expect(result.decidingTaskId).toBe('udts-a');
    expect(fetchStatus.callsFor('udts-a')).toBe(2);
    // udts-b was due at the same moment, but udts-a's failure came first and cut its sleep short.
    expect(fetchStatus.callsFor('udts-b')).toBe(1);
    expect(fetchStatus.callsFor('udts-c')).toBe(1);
    expect(result.elapsedMs).toBe(15_000);
    expect(resultMessage(result)).toContain('udts-a');
    expect(resultMessage(result)).toContain('boom');
  });

  it("fail-fast true: a failure that cuts another task's request short stays a failure, not an error", async () => {
    // udts-b's request never answers: it is in flight when udts-a fails, and the stop rejects it with
    // the stop's own reason (an AbortError, as the client rejects then), which is nobody's fault.
    const clock = new FakeClock();
    const scripted = scriptedFetcher({ 'udts-a': [LOADING, { status: 'Failed', failedMessage: 'boom' }] }, clock);
    const cutShort: unknown[] = [];
    const fetchStatus: FetchStatus = (taskId, options) => {
      if (taskId === 'udts-a') return scripted(taskId, options);
      return new Promise((_, reject) => {
        const onAbort = () => {
          cutShort.push(options.signal.reason);
          reject(options.signal.reason);
        };
        options.signal.addEventListener('abort', onAbort, { once: true });
      });
    };
    const result = await waitForTasks(waitSettings({ taskIds: ['udts-a', 'udts-b'] }), { fetchStatus, clock, signal: new AbortController().signal });
    expect(cutShort).toHaveLength(1);
    expect(result.outcome).toBe('failure');
    expect(result.decidingTaskId).toBe('udts-a');
    expect(result.error).toBeUndefined();
    const cut = result.tasks.find((t) => t.taskId === 'udts-b');
    expect(cut?.polls).toBe(1);
    expect(cut?.lastError).toBeUndefined();
  });

  it('fail-fast false: waits for all, then fails naming each failed task', async () => {
    const { result, fetchStatus, task } = await runWaiter(
      {
        'udts-a': [LOADING, { status: 'Failed', failedMessage: 'boom A' }],
        'udts-b': [LOADING, LOADING, LOADING, { status: 'StoppedUnrecoverable', failedMessage: 'boom B' }],
        'udts-c': [LOADING, LOADING, { status: 'Done' }],
      },
      { settings: { failFast: false } },
    );
    expect(result.outcome).toBe('failure');
    expect(fetchStatus.callsFor('udts-a')).toBe(2);
    expect(fetchStatus.callsFor('udts-b')).toBe(4);
    expect(fetchStatus.callsFor('udts-c')).toBe(3);
    expect(task('udts-c')?.judgement?.verdict).toBe('success');
    expect(result.decidingTaskId).toBe('udts-a');
    expect(resultMessage(result)).toContain('2 tasks failed');
    expect(resultMessage(result)).toContain('udts-a is Failed: boom A');
    expect(resultMessage(result)).toContain('udts-b is StoppedUnrecoverable: boom B');
  });

  it('fail-fast false: the first task to fail decides, whatever its place in the list', async () => {
    const { result } = await runWaiter(
      { 'udts-a': [LOADING, LOADING, { status: 'Failed' }], 'udts-b': [LOADING, { status: 'Failed' }] },
      { settings: { failFast: false } },
    );
    expect(result.outcome).toBe('failure');
    expect(result.decidingTaskId).toBe('udts-b');
  });

  it('fail-fast false: a cancel after one task failed is decided by a task still waiting', async () => {
    const { result } = await runWaiter(
      { 'udts-a': [{ status: 'Failed' }], 'udts-b': [LOADING] },
      { settings: { failFast: false }, onSleep: (_count, controller) => controller.abort() },
    );
    expect(result.outcome).toBe('cancelled');
    expect(result.decidingTaskId).toBe('udts-b');
  });

  it('a fatal error on one task stops the others', async () => {
    const { result, fetchStatus } = await runWaiter({
      'udts-a': [LOADING],
      'udts-b': [LOADING, fatal171()],
    });
    expect(result.outcome).toBe('error');
    expect(result.decidingTaskId).toBe('udts-b');
    expect(fetchStatus.callsFor('udts-b')).toBe(2);
    expect(fetchStatus.callsFor('udts-a')).toBeLessThanOrEqual(2);
  });

  it('timeout with several tasks names the first still waiting and how many more', async () => {
    const { result } = await runWaiter(
      { 'udts-a': [{ status: 'Done' }], 'udts-b': [LOADING], 'udts-c': [LOADING] },
      { settings: { timeoutMs: 30_000 } },
    );
    expect(result.outcome).toBe('timeout');
    expect(result.decidingTaskId).toBe('udts-b');
    expect(resultMessage(result)).toContain('udts-b and 1 more');
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

  it('100 tasks sleeping side by side are no listener leak: Node prints no MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      await manyTasks().run();
      await new Promise((resolve) => setImmediate(resolve)); // Node emits warnings on a later tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).not.toContain('MaxListenersExceededWarning');
  });

  it('polls 100 tasks with at most 8 requests in flight; each task is asked until it is done, never after', async () => {
    const { run, scripted, seen } = manyTasks();
    const result = await run();
    expect(result.outcome).toBe('success');
    expect(seen.mostInFlight).toBe(DEFAULT_MAX_IN_FLIGHT);
    expect(scripted.calls).toHaveLength(200);
    expect(new Set(scripted.calls.map((c) => scripted.callsFor(c.taskId)))).toEqual(new Set([2]));
  });

  it('while 92 tasks wait for a request slot, the signal each request gets carries one listener for the whole queue', async () => {
    // A listener per queued task would make Node's EventTarget walk a list of ~100 on every add and
    // remove: O(n^2) per round, which at 100 tasks woke V8's top-tier compiler (+5 MiB peak memory).
    const { run, controller, seen } = manyTasks();
    await run();
    expect(seen.requestSignalListeners.slice(0, DEFAULT_MAX_IN_FLIGHT)).toEqual(Array(DEFAULT_MAX_IN_FLIGHT).fill(1));
    expect(Math.max(...seen.runSignalListeners)).toBe(1);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('a task whose loop throws (its observer failing) rejects the wait and stops every other task', async () => {
    const clock = new FakeClock();
    const fetchStatus = scriptedFetcher({ 'udts-a': [LOADING], 'udts-b': [LOADING] }, clock);
    const observer: WaitObserver = {
      reading: (task) => {
        if (task.taskId === 'udts-a' && task.polls === 2) throw new Error('observer broke');
      },
    };
    const settings = waitSettings({ taskIds: ['udts-a', 'udts-b'] });
    await expect(waitForTasks(settings, { fetchStatus, clock, signal: new AbortController().signal, observers: [observer] })).rejects.toEqual(
      new Error('observer broke'),
    );
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

describe('waitForTasks: wait false (a single check)', () => {
  it.each<[string, Record<string, Step[]>, string]>([
    ['all done', { 'udts-a': [{ status: 'Done' }], 'udts-b': [{ status: 'Success' }] }, 'success'],
    ['one still running', { 'udts-a': [{ status: 'Done' }], 'udts-b': [LOADING, { status: 'Done' }] }, 'pending'],
    ['one failed', { 'udts-a': [{ status: 'Failed' }], 'udts-b': [LOADING] }, 'failure'],
    ['one still running, unknown state', { 'udts-a': [{ status: 'Paused' }] }, 'pending'],
  ])('%s: one request per task, outcome %s', async (_what, scripts, outcome) => {
    const { result, clock, fetchStatus } = await runWaiter(scripts, { settings: { wait: false } });
    expect(result.outcome).toBe(outcome);
    for (const taskId of Object.keys(scripts)) expect(fetchStatus.callsFor(taskId)).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('pending names the tasks still running', async () => {
    const { result } = await runWaiter({ 'udts-a': [{ status: 'Done' }], 'udts-b': [LOADING] }, { settings: { wait: false } });
    expect(resultMessage(result)).toContain('udts-b');
    expect(resultMessage(result)).toContain('Loading');
    expect(resultMessage(result)).not.toContain('udts-a');
  });

  it('a transient fault is retried; a reading then ends the check', async () => {
    const { result, fetchStatus, clock } = await runWaiter({ 'udts-a': [transient(), { status: 'Done' }] }, { settings: { wait: false } });
    expect(result.outcome).toBe('success');
    expect(fetchStatus.calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([250]);
  });

  it('an API that fails until the deadline gives timeout with the last error, not pending', async () => {
    const { result } = await runWaiter(
      { 'udts-a': [transient('HTTP 503 from the API')] },
      { settings: { wait: false, timeoutMs: 30_000 } },
    );
    expect(result.outcome).toBe('timeout');
    expect(resultMessage(result)).toContain('HTTP 503 from the API');
  });

  it('a task that never gave a reading makes it a timeout, though another is read as running', async () => {
    const { result } = await runWaiter({ 'udts-a': [LOADING], 'udts-b': [transient()] }, { settings: { wait: false, timeoutMs: 30_000 } });
    expect(result.outcome).toBe('timeout');
    expect(result.decidingTaskId).toBe('udts-a');
  });

  it('stable-polls above 1 gives pending after one success reading, not a wait', async () => {
    const { result, fetchStatus } = await runWaiter({ 'udts-a': [{ status: 'Done' }] }, { settings: { wait: false, stablePolls: 2 } });
    expect(result.outcome).toBe('pending');
    expect(fetchStatus.calls).toHaveLength(1);
  });
});

describe('waitForTasks: the observer', () => {
  it('says changed only when status, percentage, counts or retry count move', async () => {
    const { observer } = await runWaiter({
      'udts-a': [
        { status: 'Loading', percentage: 10, curCount: 1 },
        { status: 'Loading', percentage: 10, curCount: 1, curDuration: 30 }, // only the elapsed time moved
        { status: 'Loading', percentage: 20, curCount: 1 },
        { status: 'Loading', percentage: 20, curCount: 2 },
        transient(),
        { status: 'Loading', percentage: 20, curCount: 2 }, // same as before the fault
        { status: 'Loading', percentage: 20, curCount: 2, totalCount: 9 },
        { status: 'Loading', percentage: 12, curCount: 3, totalCount: 9 },
        { status: 'Loading', percentage: 1, curCount: 23, totalCount: 9 }, // the same digits, moved between fields
        { status: 'Done', percentage: 1, curCount: 23, totalCount: 9 },
      ],
    });
    expect(observer.readings.map((r) => r.changed)).toEqual([true, false, true, true, false, true, true, true, true]);
  });

  it('says changed when the lag or the stable-readings count moves (a live-sync gate waits on them)', async () => {
    const { observer } = await runWaiter(
      {
        'udts-a': [
          { status: 'Synced', redisDelayTime: 30 },
          { status: 'Synced', redisDelayTime: 30 }, // nothing moved
          { status: 'Synced', redisDelayTime: 4 }, // lag dropped under max-lag: streak 1
          { status: 'Synced', redisDelayTime: 4 }, // streak 2: done
        ],
      },
      { settings: { successStates: new Set(['Synced']), maxLagSeconds: 5, stablePolls: 2 } },
    );
    expect(observer.readings.map((r) => r.changed)).toEqual([true, false, true, true]);
    expect(observer.readings.map((r) => r.streak)).toEqual([0, 0, 1, 2]);
  });

  it.each<[string, WaitObserver | undefined]>([
    ['no observer', undefined],
    ['an observer that listens to nothing', {}],
  ])('a run with %s reads, retries and notes as with one', async (_what, observer) => {
    const clock = new FakeClock();
    const fetchStatus = scriptedFetcher({ 'udts-a': [{ status: 'Paused' }, transient(), { status: 'Done' }] }, clock);
    const result = await waitForTasks(waitSettings(), { fetchStatus, clock, signal: new AbortController().signal, observers: [observer] });
    expect(result.outcome).toBe('success');
    expect(fetchStatus.calls).toHaveLength(3);
  });

  it('hands each note to the observer with its task: an unknown state, once per state name', async () => {
    const { observer, result } = await runWaiter({
      'udts-a': [{ status: 'Paused' }, { status: 'Paused' }, { status: 'Frozen' }, { status: 'Paused' }, { status: 'Done' }],
    });
    expect(result.outcome).toBe('success');
    expect(observer.notes.map((n) => `${n.note}:${n.status}`)).toEqual(['unknown-state:Paused', 'unknown-state:Frozen']);
  });
});
