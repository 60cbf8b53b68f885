import { describe, expect, it } from 'vitest';
import { historyFromData } from '../../../src/udts/history.js';

const T0 = 1_700_000_000; // unix seconds

describe('historyFromData', () => {
  it('reads the entries oldest first (the API promises no order), times in ms', () => {
    expect(
      historyFromData([
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
    expect(historyFromData([{ AntState: 'x'.repeat(900_000), CreateTime: T0 }])[0]?.state).toHaveLength(256);
  });

  it('keeps the API\'s order for entries of the same second', () => {
    const sameSecond = ['Failed', 'RetryPending', 'Starting'].map((state) => ({ AntState: state, CreateTime: T0 }));
    expect(historyFromData(sameSecond).map((entry) => entry.state)).toEqual(['Failed', 'RetryPending', 'Starting']);
  });

  it('reads numbers given as strings, and fractions of a second', () => {
    expect(historyFromData([{ AntState: 'Done', CreateTime: `${T0}` }, { AntState: 5, CreateTime: T0 + 0.25 }])).toEqual([
      { state: 'Done', at: T0 * 1_000 },
      { state: '5', at: T0 * 1_000 + 250 },
    ]);
  });

  it('keeps the latest time a Date holds', () => {
    expect(historyFromData([{ AntState: 'Done', CreateTime: 8.64e12 }])).toEqual([{ state: 'Done', at: 8.64e15 }]);
  });

  it.each([
    ['no state', { CreateTime: T0 }],
    ['an empty state', { AntState: '', CreateTime: T0 }],
    ['a blank state', { AntState: '  ', CreateTime: T0 }],
    ['a state that is an object', { AntState: { x: 1 }, CreateTime: T0 }],
    ['no time', { AntState: 'Done' }],
    ['a time that is text', { AntState: 'Done', CreateTime: 'yesterday' }],
    ['time zero', { AntState: 'Done', CreateTime: 0 }],
    ['a negative time', { AntState: 'Done', CreateTime: -5 }],
    ['a time past what a Date holds', { AntState: 'Done', CreateTime: 1e13 }],
    ['null', null],
    ['a string', 'Done'],
  ])('drops an entry with %s', (_what, entry) => {
    expect(historyFromData([entry, { AntState: 'Created', CreateTime: T0 }])).toEqual([{ state: 'Created', at: T0 * 1_000 }]);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an object', { AntState: 'Done', CreateTime: T0 }],
    ['a string', '[]'],
  ])('reads Data that is %s as no history', (_what, data) => {
    expect(historyFromData(data)).toEqual([]);
  });
});
