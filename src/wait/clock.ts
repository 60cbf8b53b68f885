import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from './types.js';

/** The real clock: wall time, timers that an abort cuts short, Math.random. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    try {
      await delay(ms, undefined, { signal });
    } catch {
      // Aborted: the waiter checks the signal itself.
    }
  },
  random: Math.random,
};
