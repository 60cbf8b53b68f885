import { describe, expect, it } from 'vitest';
import type { Reading } from '../../../src/udts/status.js';
import { ETA_FLOOR_MS, RETRY_BASE_MS, estimateRemainingMs, planNextPoll, retryDelay } from '../../../src/wait/schedule.js';

const INTERVAL_MS = 15_000;
const at = (reading: Reading, atMs = 0) => ({ reading, at: atMs });
/** A reading whose service estimate leaves `seconds` to go. */
const eta = (seconds: number) => at({ status: 'Loading', totalDuration: 100, curDuration: 100 - seconds });

describe('planNextPoll', () => {
  it.each([
    ['no progress figures', { status: 'Loading' }],
    ['a percentage but no earlier reading', { status: 'Loading', percentage: 40 }],
    ['TotalDuration without CurDuration', { status: 'Loading', totalDuration: 100 }],
    ['TotalDuration 0', { status: 'Loading', totalDuration: 0, curDuration: 0 }],
  ])('no ETA (%s): the interval', (_what, reading) => {
    expect(planNextPoll(at(reading), undefined, INTERVAL_MS, 0)).toEqual({ delayMs: INTERVAL_MS, aimedAtEta: false });
  });

  it.each([
    [3, 3_000],
    [14, 14_000],
    [1, 1_000],
    [1.5, 1_500],
  ])('ETA %ds under the interval: poll at the ETA', (seconds, delayMs) => {
    expect(planNextPoll(eta(seconds), undefined, INTERVAL_MS, 0)).toEqual({ delayMs, aimedAtEta: true });
  });

  it.each([15, 16, 90])('ETA %ds at or past the interval: the interval', (seconds) => {
    expect(planNextPoll(eta(seconds), undefined, INTERVAL_MS, 0)).toEqual({ delayMs: INTERVAL_MS, aimedAtEta: false });
  });

  it.each([0, 0.2, 0.999])('ETA %ds is raised to the 1s floor', (seconds) => {
    expect(planNextPoll(eta(seconds), undefined, INTERVAL_MS, 0)).toEqual({ delayMs: ETA_FLOOR_MS, aimedAtEta: true });
  });

  it('an estimate already overdue (CurDuration past TotalDuration) polls at the floor', () => {
    const overdue = at({ status: 'Loading', totalDuration: 100, curDuration: 130 });
    expect(planNextPoll(overdue, undefined, INTERVAL_MS, 0).delayMs).toBe(ETA_FLOOR_MS);
  });

  it.each([
    [0, 1_000],
    [1, 2_000],
    [2, 4_000],
    [3, 8_000],
    [4, 15_000],
    [5, 15_000],
    [1_000, 15_000],
  ])('missed ETAs back off: after %d misses an ETA of 0 waits %d ms', (missed, delayMs) => {
    expect(planNextPoll(eta(0), undefined, INTERVAL_MS, missed).delayMs).toBe(delayMs);
  });

  it('the backoff floor never exceeds a short interval', () => {
    expect(planNextPoll(eta(0), undefined, 500, 3)).toEqual({ delayMs: 500, aimedAtEta: true });
  });

  it('an ETA above the raised floor is kept', () => {
    expect(planNextPoll(eta(10), undefined, INTERVAL_MS, 2).delayMs).toBe(10_000);
  });

  it('the service estimate wins over the percentage trend', () => {
    const previous = at({ status: 'Loading', percentage: 10 }, 0);
    const latest = at({ status: 'Loading', percentage: 11, totalDuration: 100, curDuration: 95 }, 10_000);
    expect(planNextPoll(latest, previous, INTERVAL_MS, 0).delayMs).toBe(5_000);
  });

  it('extrapolates the percentage trend when there is no service estimate', () => {
    // 40% -> 80% in 8s: 5%/s, so 20% is left for 4s.
    const previous = at({ status: 'Loading', percentage: 40 }, 0);
    const latest = at({ status: 'Loading', percentage: 80 }, 8_000);
    expect(planNextPoll(latest, previous, INTERVAL_MS, 0)).toEqual({ delayMs: 4_000, aimedAtEta: true });
  });

  it('a slow percentage trend polls at the interval', () => {
    // 40% -> 50% in 10s: 50s left.
    const previous = at({ status: 'Loading', percentage: 40 }, 0);
    const latest = at({ status: 'Loading', percentage: 50 }, 10_000);
    expect(planNextPoll(latest, previous, INTERVAL_MS, 0)).toEqual({ delayMs: INTERVAL_MS, aimedAtEta: false });
    expect(planNextPoll(latest, previous, 60_000, 0)).toEqual({ delayMs: 50_000, aimedAtEta: true });
  });
});

describe('estimateRemainingMs', () => {
  it.each([
    ['no previous reading', { percentage: 50 }, undefined],
    ['percentage went down', { percentage: 40 }, { percentage: 50 }],
    ['percentage unchanged', { percentage: 50 }, { percentage: 50 }],
    ['already 100%', { percentage: 100 }, { percentage: 50 }],
    ['previous without percentage', { percentage: 50 }, {}],
  ])('no estimate: %s', (_what, latest, previous) => {
    expect(estimateRemainingMs(at(latest, 10_000), previous && at(previous, 0))).toBeUndefined();
  });

  it('no estimate when no time passed between the readings', () => {
    expect(estimateRemainingMs(at({ percentage: 60 }, 5_000), at({ percentage: 50 }, 5_000))).toBeUndefined();
  });

  it('service estimate in ms', () => {
    expect(estimateRemainingMs(at({ totalDuration: 600, curDuration: 285 }), undefined)).toBe(315_000);
  });
});

describe('retryDelay: capped exponential backoff with full jitter', () => {
  it('with random fixed at 0.5: half of 500, 1000, 2000, ... capped at the interval', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => retryDelay(attempt, INTERVAL_MS, () => 0.5));
    expect(delays).toEqual([250, 500, 1_000, 2_000, 4_000, 7_500, 7_500, 7_500]);
  });

  it('with random just under 1: just under each cap', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((attempt) => retryDelay(attempt, 10_000, () => 0.9999));
    expect(delays).toEqual([499, 999, 1_999, 3_999, 7_999, 9_999]);
  });

  it('with random 0: no wait', () => {
    expect(retryDelay(3, INTERVAL_MS, () => 0)).toBe(0);
  });

  it('never longer than a short interval', () => {
    expect(retryDelay(1, 200, () => 0.9999)).toBe(199);
    expect(retryDelay(50, 200, () => 0.9999)).toBe(199);
  });

  it('a huge attempt count does not overflow', () => {
    const delayMs = retryDelay(10_000, INTERVAL_MS, () => 0.5);
    expect(delayMs).toBe(7_500);
  });

  it('the first cap is RETRY_BASE_MS', () => {
    expect(retryDelay(1, INTERVAL_MS, () => 0.9999)).toBe(RETRY_BASE_MS - 1);
    expect(retryDelay(0, INTERVAL_MS, () => 0.9999)).toBe(RETRY_BASE_MS - 1);
  });
});
