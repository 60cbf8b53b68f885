/** One request's abort plumbing: the run's cancel and the request's timeout told apart, nothing left on the run's signal once settled. */
import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { linkAbort, untilAborted } from '../../../src/udts/abort.js';

/** Where a promise stands once every callback queued so far has run. */
async function stateOf(promise: Promise<unknown>): Promise<'pending' | 'resolved' | 'rejected'> {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  promise.then(() => (state = 'resolved'), () => (state = 'rejected'));
  await new Promise((resolve) => setImmediate(resolve));
  return state;
}

const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;
const SIGINT = new Error('received SIGINT');
const aborted = () => AbortSignal.abort(SIGINT);

describe('linkAbort', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('aborts the request when its timeout passes, marked as timed out', () => {
    const abort = linkAbort(new AbortController().signal, 5_000);
    vi.advanceTimersByTime(4_999);
    expect([abort.signal.aborted, abort.timedOut()]).toEqual([false, false]);
    vi.advanceTimersByTime(1);
    expect([abort.signal.aborted, abort.timedOut(), abort.signal.reason]).toEqual([true, true, new Error('request timeout')]);
  });

  it("aborts the request with the run's reason on cancel, not marked as timed out", () => {
    const run = new AbortController();
    const abort = linkAbort(run.signal, 5_000);
    run.abort(SIGINT);
    expect(abort.signal.reason).toBe(SIGINT);
    expect(abort.timedOut()).toBe(false);
  });

  it('starts aborted when the run already is', () => {
    const { signal } = linkAbort(aborted(), 5_000);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(SIGINT);
  });

  it('dispose() clears the timer and leaves no listener on the run signal', () => {
    const run = new AbortController();
    const abort = linkAbort(run.signal, 5_000);
    expect(listeners(run.signal)).toBe(1);
    abort.dispose();
    vi.advanceTimersByTime(10_000);
    expect([listeners(run.signal), abort.signal.aborted, vi.getTimerCount()]).toEqual([0, false, 0]);
  });
});

describe('untilAborted', () => {
  it('settles as the promise does, and leaves no listener behind', async () => {
    const signal = new AbortController().signal;
    await expect(untilAborted(Promise.resolve('answer'), signal)).resolves.toBe('answer');
    expect(listeners(signal)).toBe(0);
    const failure = new Error('socket hang up');
    await expect(untilAborted(Promise.reject(failure), signal)).rejects.toBe(failure);
    expect(listeners(signal)).toBe(0);
  });

  it('rejects with the reason as soon as the signal aborts, whatever the promise does', async () => {
    const controller = new AbortController();
    const call = untilAborted(new Promise(() => undefined), controller.signal);
    expect(await stateOf(call)).toBe('pending');
    controller.abort(SIGINT);
    expect(await stateOf(call)).toBe('rejected');
    await expect(call).rejects.toBe(SIGINT);
  });

  it('rejects at once when the signal is already aborted, even for a settled promise', async () => {
    await expect(untilAborted(Promise.resolve('answer'), aborted())).rejects.toBe(SIGINT);
  });
});
