/** systemClock: monotonic time apart from the wall's, a sleep an abort ends at once. Time is faked; nothing waits for real. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../src/wait/clock.js';

/** Where a promise stands once every callback queued so far has run. */
async function stateOf(promise: Promise<unknown>): Promise<'pending' | 'resolved' | 'rejected'> {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  promise.then(() => (state = 'resolved'), () => (state = 'rejected'));
  await new Promise((resolve) => setImmediate(resolve));
  return state;
}

afterEach(() => vi.useRealTimers());

describe('systemClock', () => {
  it('now() is monotonic: a step of the wall clock moves wallNow() alone', () => {
    vi.useFakeTimers({ toFake: ['Date', 'performance'] });
    vi.setSystemTime(Date.UTC(2025, 0, 2, 3, 4, 5));
    const before = systemClock.now();
    vi.setSystemTime(Date.UTC(2025, 0, 2, 4, 4, 5));
    expect(systemClock.wallNow()).toBe(Date.UTC(2025, 0, 2, 4, 4, 5));
    expect(systemClock.now()).toBe(before);
    vi.advanceTimersByTime(1_500);
    expect(systemClock.now()).toBe(before + 1_500);
  });

  it('sleep() lasts until an abort, which ends it at once and without an error', async () => {
    const controller = new AbortController();
    const sleep = systemClock.sleep(60 * 60_000, controller.signal);
    expect(await stateOf(sleep)).toBe('pending');
    controller.abort(new Error('received SIGINT'));
    expect(await stateOf(sleep)).toBe('resolved');
  });
});
