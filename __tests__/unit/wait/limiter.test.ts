import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Limiter } from '../../../src/wait/limiter.js';

/** Lets every queued promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Limiter', () => {
  it('grants up to the limit at once and queues the rest in order; each release lets the next one in', async () => {
    const limiter = new Limiter(2, new AbortController().signal);
    const granted: number[] = [];
    for (const n of [1, 2, 3, 4]) void limiter.acquire().then(() => granted.push(n));
    await settle();
    expect(granted).toEqual([1, 2]);
    limiter.release();
    await settle();
    expect(granted).toEqual([1, 2, 3]);
    limiter.release();
    limiter.release();
    await settle();
    expect(granted).toEqual([1, 2, 3, 4]);
  });

  it('a slot handed to a queued acquire stays taken: the next acquire still waits', async () => {
    const limiter = new Limiter(1, new AbortController().signal);
    await limiter.acquire();
    const granted: string[] = [];
    void limiter.acquire().then(() => granted.push('second'));
    limiter.release();
    await settle();
    void limiter.acquire().then(() => granted.push('third'));
    await settle();
    expect(granted).toEqual(['second']);
  });

  it('an abort refuses every queued acquire with its reason, and later ones at once', async () => {
    const controller = new AbortController();
    const limiter = new Limiter(1, controller.signal);
    await limiter.acquire();
    const queued = [limiter.acquire(), limiter.acquire(), limiter.acquire()];
    const reason = new Error('cancelled');
    controller.abort(reason);
    for (const waiting of queued) await expect(waiting).rejects.toBe(reason);
    await expect(limiter.acquire()).rejects.toBe(reason);
  });

  it('puts one abort listener on the signal however many wait (Node walks the whole list on each add)', async () => {
    const controller = new AbortController();
    const limiter = new Limiter(1, controller.signal);
    await limiter.acquire();
    for (let i = 0; i < 100; i += 1) void limiter.acquire().catch(() => undefined);
    await settle();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
  });
});
