import { describe, expect, it } from 'vitest';
import { UdtsError } from '../../../src/udts/errors.js';
import type { HistoryEntry } from '../../../src/udts/history.js';
import { fetchServiceHistory, type FetchHistory } from '../../../src/wait/service-history.js';
import type { TaskProgress } from '../../../src/wait/types.js';
import { FakeClock, transient } from '../fakes.js';

const seen = (taskId: string): TaskProgress => ({ taskId, polls: 1, timeline: [], reading: { status: 'Loading' } });
const never = (taskId: string): TaskProgress => ({ taskId, polls: 1, timeline: [] });
const ENTRIES: HistoryEntry[] = [{ state: 'Created', at: 1_000 }, { state: 'Loading', at: 2_000 }];

/** A history fetcher with an answer (or error) per task; `hang` never answers until aborted. */
function fetcher(answers: Record<string, HistoryEntry[] | Error | 'hang'>) {
  const calls: Array<{ taskId: string; timeoutMs: number }> = [];
  const fetch: FetchHistory = (taskId, { signal, timeoutMs }) => {
    calls.push({ taskId, timeoutMs });
    const answer = answers[taskId];
    if (answer === 'hang') return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer ?? []);
  };
  return Object.assign(fetch, { calls });
}

const run = (tasks: TaskProgress[], fetch: FetchHistory, budgetMs = 5_000, signal = new AbortController().signal, clock = new FakeClock()) =>
  fetchServiceHistory(tasks, fetch, { budgetMs, clock, signal });

describe('fetchServiceHistory', () => {
  it('asks once for each task the API knows (one that gave a reading), each within the budget', async () => {
    const fetch = fetcher({ 'udts-a': ENTRIES, 'udts-b': ENTRIES });
    const history = await run([seen('udts-a'), never('udts-x'), seen('udts-b')], fetch);
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

  it('a budget too short for a request asks nothing', async () => {
    const fetch = fetcher({});
    expect((await run([seen('udts-a')], fetch, 100)).byTask.size).toBe(0);
    expect(fetch.calls).toEqual([]);
  });

  it('a cancel mid-call ends it quietly: no failure to warn about', async () => {
    const cancel = new AbortController();
    const hang = fetcher({ 'udts-a': 'hang' });
    const cancelMidCall: FetchHistory = (taskId, options) => {
      const call = hang(taskId, options);
      cancel.abort(new Error('received SIGINT'));
      return call;
    };
    expect(await run([seen('udts-a')], cancelMidCall, 5_000, cancel.signal)).toMatchObject({ failures: [], unsupported: false });
  });
});
