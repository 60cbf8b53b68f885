import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from './types.js';

/** The real clock: a monotonic reading for time spent, the wall clock for dates, timers that an abort cuts short. */
export const systemClock: Clock = {
  // Whole milliseconds, as Date.now() gives: a budget derived from it may reach AbortSignal.timeout, which takes only integers.
  now: () => Math.floor(performance.now()),
  wallNow: () => Date.now(),
  sleep: async (ms, signal) => {
    try {
      await delay(ms, undefined, { signal });
    } catch {
      // Aborted: the waiter checks the signal itself.
    }
  },
  random: Math.random,
};
