import { describe, expect, it } from 'vitest';
import { historyFromData } from '../../../src/udts/history.js';

const T0 = 1_700_000_000; // unix seconds
/** The runner's clock: an hour after T0. */
const NOW_MS = (T0 + 3_600) * 1_000;
const DAY_AHEAD = NOW_MS / 1_000 + 86_400;
const read = (data: unknown, dropped?: (why: string) => void) => historyFromData(data, NOW_MS, dropped);
const entry = (AntState: unknown, CreateTime: unknown) => ({ AntID: 'udts-1', AntState, CreateTime, CreateTimeH: '…' });

describe('historyFromData', () => {
  it.each<[string, unknown, Array<{ state: string; at: number }>]>([
    ['the entries oldest first (the API promises no order), times in ms', [entry('Done', T0 + 60), entry('Created', T0), entry('Loading', T0 + 5)],
      [{ state: 'Created', at: T0 * 1_000 }, { state: 'Loading', at: (T0 + 5) * 1_000 }, { state: 'Done', at: (T0 + 60) * 1_000 }]],
    ["the API's order for entries of the same second", ['Failed', 'RetryPending', 'Starting'].map((state) => entry(state, T0)),
      ['Failed', 'RetryPending', 'Starting'].map((state) => ({ state, at: T0 * 1_000 }))],
    ["seconds given as decimal digits, a state given as a number, and the range's two ends", [entry('Done', `${T0}`), entry(5, 946_684_800), entry('Late', DAY_AHEAD)],
      [{ state: '5', at: Date.UTC(2000, 0, 1) }, { state: 'Done', at: T0 * 1_000 }, { state: 'Late', at: DAY_AHEAD * 1_000 }]],
    ['the good entries when there is no one to tell of those dropped', [entry('', T0), entry('Done', 1e12), entry('Done', T0)], [{ state: 'Done', at: T0 * 1_000 }]],
    ...([['undefined', undefined], ['null', null], ['an object', entry('Done', T0)], ['a string', '[]']] as const)
      .map(([what, data]): [string, unknown, []] => [`Data that is ${what} as no history`, data, []]),
  ])('reads %s', (_what, data, history) => {
    expect(read(data)).toEqual(history);
  });

  it('caps a state name at 256 characters', () => {
    expect(read([entry('x'.repeat(900_000), T0)])[0]?.state).toHaveLength(256);
  });

  it.each([
    ['no state', { CreateTime: T0 }],
    ['an empty state', entry('', T0)],
    ['a blank state', entry('  ', T0)],
    ['a state that is an object', entry({ x: 1 }, T0)],
    ['no time', { AntState: 'Done' }],
    ['a time that is text', entry('Done', 'yesterday')],
    ['a time in hexadecimal', entry('Done', '0x10')],
    ['a time with spaces and an exponent', entry('Done', ' 1e9 ')],
    ['a time with a fraction', entry('Done', T0 + 0.25)],
    ['a time in milliseconds (1e12 s: the year 33658)', entry('Done', 1e12)],
    ['time zero', entry('Done', 0)],
    ['a negative time', entry('Done', -5)],
    ['a time just before 2000', entry('Done', '946684799')],
    ['a time with a space before its digits', entry('Done', ` ${T0}`)],
    ['a time with a space after its digits', entry('Done', `${T0} `)],
    ['a time in a list', entry('Done', [T0])],
    ['a time more than a day ahead of the runner', entry('Done', DAY_AHEAD + 1)],
    ['null', null],
    ['a string', 'Done'],
  ])('drops an entry with %s, with one line saying so', (_what, dropped) => {
    const lines: string[] = [];
    expect(read([dropped, entry('Created', T0)], (why) => lines.push(why))).toEqual([{ state: 'Created', at: T0 * 1_000 }]);
    expect(lines).toHaveLength(1);
  });

  it('names the state and quotes the time it drops, bounded', () => {
    const lines: string[] = [];
    read([entry('Failed', 1e12), entry('Done', 'x'.repeat(10_000)), { AntState: 'Done' }, entry('', T0)], (why) => lines.push(why));
    expect(lines[0]).toBe('the entry of "Failed" is dropped: its CreateTime, 1000000000000, is no time from 2000-01-01 to a day from now');
    expect(lines[1]?.length).toBeLessThan(200);
    expect(lines.slice(2)).toEqual([
      'the entry of "Done" is dropped: its CreateTime, missing, is no time from 2000-01-01 to a day from now',
      'an entry without a state (AntState) is dropped',
    ]);
  });
});
