import { describe, expect, it } from 'vitest';
import { historyFromData } from '../../../src/udts/history.js';

const T0 = 1_700_000_000; // unix seconds
/** The runner's clock: an hour after T0. */
const NOW_MS = (T0 + 3_600) * 1_000;
const read = (data: unknown, dropped?: (why: string) => void) => historyFromData(data, NOW_MS, dropped);

describe('historyFromData', () => {
  it('reads the entries oldest first (the API promises no order), times in ms', () => {
    expect(
      read([
        { AntID: 'udts-1', AntState: 'Done', CreateTime: T0 + 60, CreateTimeH: '…' },
        { AntID: 'udts-1', AntState: 'Created', CreateTime: T0, CreateTimeH: '…' },
        { AntID: 'udts-1', AntState: 'Loading', CreateTime: T0 + 5, CreateTimeH: '…' },
      ]),
    ).toEqual([
      { state: 'Created', at: T0 * 1_000 },
      { state: 'Loading', at: (T0 + 5) * 1_000 },
      { state: 'Done', at: (T0 + 60) * 1_000 },
    ]);
  });

  it('caps a state name at 256 characters', () => {
    expect(read([{ AntState: 'x'.repeat(900_000), CreateTime: T0 }])[0]?.state).toHaveLength(256);
  });

  it('keeps the API\'s order for entries of the same second', () => {
    const sameSecond = ['Failed', 'RetryPending', 'Starting'].map((state) => ({ AntState: state, CreateTime: T0 }));
    expect(read(sameSecond).map((entry) => entry.state)).toEqual(['Failed', 'RetryPending', 'Starting']);
  });

  it('reads seconds given as decimal digits, a state given as a number, and the range\'s two ends', () => {
    const dayAhead = NOW_MS / 1_000 + 86_400;
    expect(read([{ AntState: 'Done', CreateTime: `${T0}` }, { AntState: 5, CreateTime: 946_684_800 }, { AntState: 'Late', CreateTime: dayAhead }])).toEqual([
      { state: '5', at: Date.UTC(2000, 0, 1) },
      { state: 'Done', at: T0 * 1_000 },
      { state: 'Late', at: dayAhead * 1_000 },
    ]);
  });

  it.each([
    ['no state', { CreateTime: T0 }],
    ['an empty state', { AntState: '', CreateTime: T0 }],
    ['a blank state', { AntState: '  ', CreateTime: T0 }],
    ['a state that is an object', { AntState: { x: 1 }, CreateTime: T0 }],
    ['no time', { AntState: 'Done' }],
    ['a time that is text', { AntState: 'Done', CreateTime: 'yesterday' }],
    ['a time in hexadecimal', { AntState: 'Done', CreateTime: '0x10' }],
    ['a time with spaces and an exponent', { AntState: 'Done', CreateTime: ' 1e9 ' }],
    ['a time with a fraction', { AntState: 'Done', CreateTime: T0 + 0.25 }],
    ['a time in milliseconds (1e12 s: the year 33658)', { AntState: 'Done', CreateTime: 1e12 }],
    ['time zero', { AntState: 'Done', CreateTime: 0 }],
    ['a negative time', { AntState: 'Done', CreateTime: -5 }],
    ['a time just before 2000', { AntState: 'Done', CreateTime: '946684799' }],
    ['a time more than a day ahead of the runner', { AntState: 'Done', CreateTime: NOW_MS / 1_000 + 86_401 }],
    ['null', null],
    ['a string', 'Done'],
  ])('drops an entry with %s, with one line saying so', (_what, entry) => {
    const lines: string[] = [];
    expect(read([entry, { AntState: 'Created', CreateTime: T0 }], (why) => lines.push(why))).toEqual([{ state: 'Created', at: T0 * 1_000 }]);
    expect(lines).toHaveLength(1);
  });

  it('names the state and quotes the time it drops, bounded', () => {
    const lines: string[] = [];
    read([{ AntState: 'Failed', CreateTime: 1e12 }, { AntState: 'Done', CreateTime: 'x'.repeat(10_000) }], (why) => lines.push(why));
    expect(lines[0]).toBe('the entry of "Failed" is dropped: its CreateTime, 1000000000000, is no time from 2000-01-01 to a day from now');
    expect(lines[1]?.length).toBeLessThan(200);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an object', { AntState: 'Done', CreateTime: T0 }],
    ['a string', '[]'],
  ])('reads Data that is %s as no history', (_what, data) => {
    expect(read(data)).toEqual([]);
  });
});
