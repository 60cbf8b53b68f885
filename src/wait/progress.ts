/** A task's progress in its readings: how far it is, and where it last started over. */
import type { Reading } from '../udts/status.js';

/** A reading and when it was taken (ms on the waiter's clock). */
export interface TimedReading {
  reading: Reading;
  at: number;
}

/** Progress from 0 to 1: Percentage, else CurCount / TotalCount; undefined when absent or out of range. */
export function progressFraction(reading: Reading): number | undefined {
  const { percentage, curCount, totalCount } = reading;
  // A missing count, or a TotalCount of 0, divides to NaN or an infinity: out of range like the rest.
  const fraction = percentage !== undefined ? percentage / 100 : Number(curCount) / Number(totalCount);
  return fraction >= 0 && fraction <= 1 ? fraction : undefined;
}

/** The readings since progress or CurDuration last went backwards (the task restarted, after a retry say). */
export function sinceRestart(recent: readonly TimedReading[]): readonly TimedReading[] {
  let lowestFraction = Infinity;
  let lowestCurDuration = Infinity;
  let from = recent.length;
  for (; from > 0; from -= 1) {
    const { reading } = recent[from - 1] as TimedReading;
    const fraction = progressFraction(reading);
    if ((fraction ?? -Infinity) > lowestFraction || (reading.curDuration ?? -Infinity) > lowestCurDuration) break;
    lowestFraction = Math.min(lowestFraction, fraction ?? Infinity);
    lowestCurDuration = Math.min(lowestCurDuration, reading.curDuration ?? Infinity);
  }
  return recent.slice(from);
}
