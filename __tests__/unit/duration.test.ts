import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/duration.js';

describe('parseDuration', () => {
  it.each([
    ...[['90', 90_000], ['0', 0], ['1.5', 1_500], [' 90 ', 90_000]], // bare numbers are seconds
    ...[['1500ms', 1_500], ['15s', 15_000], ['5m', 300_000], ['2h', 7_200_000], ['0.5s', 500], ['1.5h', 5_400_000]], // each unit
    ...[['1h30m', 5_400_000], ['1m30s', 90_000], ['1h2m3s4ms', 3_723_004], ['2s500ms', 2_500]], // compounds, largest unit first
    ...[['15S', 15_000], ['1H30M', 5_400_000], ['100MS', 100], ['  15s  ', 15_000], ['\t5m\n', 300_000]], // case and whitespace around
    ...[['1.4ms', 1], ['1.6ms', 2], [`${Number.MAX_SAFE_INTEGER}ms`, Number.MAX_SAFE_INTEGER]], // rounded to a safe number of ms
  ] as Array<[string, number]>)('%j -> %d ms', (text, expectedMs) => {
    expect(parseDuration(text)).toBe(expectedMs);
  });

  it.each([
    ...['', '   ', '-5', '-5s', '+5', '5x', '5 s', 's', 'ms', 'abc', 'NaN', 'Infinity', '1e3', '0x10', '.5s', '5.s', '1,5s', '5d', '1h30', '15sec'],
    ...['1m1h', '30s1m', '1h1h', '1s1s', '1ms1s'], // units out of order or repeated
    ...['9'.repeat(400), '99999999999999999999h', `${'9'.repeat(20)}s`, `${Number.MAX_SAFE_INTEGER + 2}ms`], // beyond a safe number of ms
  ])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('is not confused by a previous call (the sticky regex is reset)', () => {
    expect(['1h30m', '5x', '45s'].map(parseDuration)).toEqual([5_400_000, undefined, 45_000]);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0ms'], [1, '1ms'], [999, '999ms'], [-5, '0ms'],
    [1_000, '1s'], [1_499, '1s'], [1_500, '2s'], [59_000, '59s'],
    [60_000, '1m'], [90_000, '1m 30s'], [3_600_000, '1h'], [3_661_000, '1h 1m 1s'], [5_400_000, '1h 30m'], [7_205_000, '2h 5s'], [26 * 3_600_000, '26h'],
  ])('%d ms -> %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each(['15s', '5m', '1h30m', '2h', '1h1m1s'])('round-trips %j through parseDuration', (text) => {
    const ms = parseDuration(text) as number;
    expect(parseDuration(formatDuration(ms).replace(/ /g, ''))).toBe(ms);
  });
});
