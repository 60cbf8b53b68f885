import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { UdtsError } from '../../../src/udts/errors.js';
import type { HistoryEntry } from '../../../src/udts/history.js';
import type { FetchHistory } from '../../../src/udts/client.js';
import { fetchServiceHistory } from '../../../src/wait/service-history.js';
import { DEFAULT_MAX_IN_FLIGHT } from '../../../src/wait/waiter.js';
import { initialRecord, type TaskRecord } from '../../../src/wait/task-machine.js';
import { FakeClock, transient } from '../fakes.js';

const seen = (taskId: string): TaskRecord => ({ ...initialRecord(taskId, 5_000), reading: { status: 'Loading' } });
const never = (taskId: string): TaskRecord => initialRecord(taskId, 5_000);
const ENTRIES: HistoryEntry[] = [{ state: 'Created', at: 1_000 }, { state: 'Loading', at: 2_000 }];

/**
 * A history fetcher with an answer (or error) per task; `hang` never answers until aborted. Records
 * each call, the most calls in flight at once, and the reason each aborted call was given.
 */
function fetcher(answers: Record<string, HistoryEntry[] | Error | 'hang'>) {
  const calls: Array<{ taskId: string; timeoutMs: number }> = [];
  const aborts: string[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const fetch: FetchHistory = async (taskId, { signal, timeoutMs }) => {
    calls.push({ taskId, timeoutMs });
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    try {
      const answer = answers[taskId];
      if (answer === 'hang') {
        return await new Promise((_, reject) => {
          const onAbort = () => {
            aborts.push((signal.reason as Error).message);
            reject(signal.reason);
          };
          if (signal.aborted) onAbort();
          signal.addEventListener('abort', onAbort, { once: true });
        });
      }
      // Answers a few microtasks later (the fake clock's budget fires after those), so that calls overlap.
      for (let i = 0; i < 5; i += 1) await Promise.resolve();
      if (answer instanceof Error) throw answer;
      return answer ?? [];
    } finally {
      inFlight -= 1;
    }
  };
  return Object.assign(fetch, { calls, aborts, mostInFlight: () => mostInFlight });
}

const run = (tasks: TaskRecord[], fetch: FetchHistory, budgetMs = 5_000, signal = new AbortController().signal, clock = new FakeClock()) =>
  fetchServiceHistory(tasks, fetch, { budgetMs, clock, signal });

describe('fetchServiceHistory', () => {
  it("asks once for each task the API knows (one that gave a reading), each within the budget; leaves nothing on the run's signal", async () => {
    const fetch = fetcher({ 'udts-a': ENTRIES, 'udts-b': ENTRIES });
    const signal = new AbortController().signal;
    const history = await run([seen('udts-a'), never('udts-x'), seen('udts-b')], fetch, 5_000, signal);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    expect(fetch.calls).toEqual([{ taskId: 'udts-a', timeoutMs: 5_000 }, { taskId: 'udts-b', timeoutMs: 5_000 }]);
    expect([...history.byTask.keys()]).toEqual(['udts-a', 'udts-b']);
    expect(history.failures).toEqual([]);
  });

  it('a failing call is a failure of that task only; the others keep their history', async () => {
    const history = await run([seen('udts-a'), seen('udts-b')], fetcher({ 'udts-a': transient('HTTP 502'), 'udts-b': ENTRIES }));
    expect(history.byTask.get('udts-b')).toEqual(ENTRIES);
    expect(history.failures.map((f) => [f.taskId, f.error.message])).toEqual([['udts-a', 'HTTP 502']]);
  });

  it('RetCode 161 (no such action) turns history off: no history, no failures, unsupported', async () => {
    const no161 = new UdtsError('API error RetCode 161', { kind: 'fatal', retCode: 161 });
    const history = await run([seen('udts-a'), seen('udts-b')], fetcher({ 'udts-a': no161, 'udts-b': ENTRIES }));
    expect(history).toEqual({ byTask: new Map(), failures: [], unsupported: true });
  });

  it('a call still running when the budget ends fails with a message naming the budget', async () => {
    const clock = new FakeClock();
    const history = await run([seen('udts-a'), seen('udts-b')], fetcher({ 'udts-a': 'hang', 'udts-b': ENTRIES }), 1_500, undefined, clock);
    expect(history.byTask.has('udts-b')).toBe(true);
    expect(history.failures.map((f) => f.error.message)).toEqual(['no answer within the 2s left for history']);
    expect(clock.sleeps).toEqual([1_500]);
  });

  it(`asks at most ${DEFAULT_MAX_IN_FLIGHT} at a time, and every task in turn`, async () => {
    const fetch = fetcher({});
    const tasks = Array.from({ length: DEFAULT_MAX_IN_FLIGHT + 3 }, (_, i) => seen(`udts-${i}`));
    const history = await run(tasks, fetch);
    expect(fetch.mostInFlight()).toBe(DEFAULT_MAX_IN_FLIGHT);
    expect(history.byTask.size).toBe(tasks.length);
  });

  it.each([
    ['a budget too short for a request', [seen('udts-a')], 249],
    ['no task the API knows', [never('udts-x')], 5_000],
  ])('%s: asks nothing and sets no timer', async (_what, tasks, budgetMs) => {
    const fetch = fetcher({});
    const clock = new FakeClock();
    expect(await run(tasks, fetch, budgetMs, undefined, clock)).toEqual({ byTask: new Map(), failures: [], unsupported: false });
    expect(fetch.calls).toEqual([]);
    expect(clock.sleeps).toEqual([]);
  });

  it('a budget of just enough for a request asks', async () => {
    const fetch = fetcher({ 'udts-a': ENTRIES });
    expect((await run([seen('udts-a')], fetch, 250)).byTask.get('udts-a')).toEqual(ENTRIES);
  });

  it.each([
    ['a cancel mid-call ends it quietly: no failure to warn about', 1, 1],
    ['a cancel refuses the tasks still waiting for a slot: they are never asked', DEFAULT_MAX_IN_FLIGHT + 2, DEFAULT_MAX_IN_FLIGHT],
  ])('%s', async (_what, count, asked) => {
    const cancel = new AbortController();
    const taskIds = Array.from({ length: count }, (_, i) => `udts-${i}`);
    const hang = fetcher(Object.fromEntries(taskIds.map((taskId) => [taskId, 'hang' as const])));
    const cancelOnCall: FetchHistory = (taskId, options) => {
      const call = hang(taskId, options);
      cancel.abort(new Error('received SIGINT'));
      return call;
    };
    expect(await run(taskIds.map(seen), cancelOnCall, 5_000, cancel.signal)).toMatchObject({ failures: [], unsupported: false });
    expect([hang.calls.length, hang.aborts]).toEqual([asked, Array(asked).fill('received SIGINT')]);
  });
});
