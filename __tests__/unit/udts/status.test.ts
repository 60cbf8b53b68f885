import { describe, expect, it } from 'vitest';
import { KNOWN_STATUSES, canonicalStatus, lagSeconds, readingFromData, remainingSeconds, type Reading } from '../../../src/udts/status.js';

describe('readingFromData', () => {
  const NOT_NUMBERS = [['empty string', ''], ['blank', '  '], ['text', 'abc'], ['NaN', Number.NaN], ['Infinity', Number.POSITIVE_INFINITY],
    ['"Infinity"', 'Infinity'], ['boolean', true], ['object', { value: 1 }], ['null', null]] as const;
  const LAGS = [['a number', 3, { redisDelayTime: 3 }], ['a numeric string', '4', { redisDelayTime: 4 }], ['zero', 0, { redisDelayTime: 0 }],
    ['absent', undefined, {}], ['null (no figure)', null, {}], ['too large to be a number (1e999 reads as Infinity)', Number.POSITIVE_INFINITY, { lagUnreadable: true }],
    ['text', 'abc', { lagUnreadable: true }], ['negative', -100, { lagUnreadable: true }], ['an object', {}, { lagUnreadable: true }],
    ['a boolean', true, { lagUnreadable: true }]] as const;

  it.each<[string, unknown, Record<string, unknown>]>([
    ['a full StatusData', {
      Status: 'Loading', FailedMessage: '', CurRetryCount: 1, MaxRetryCount: 3,
      Progress: { TotalCount: 10_000, CurCount: 4_750, TotalDuration: 600, CurDuration: 285, Percentage: 47.5, RedisOffsetSize: 12, RedisDelayTime: 3, MongoDelayTime: 4 },
      Sync: { BinlogName: 'mysql-bin.000042', BinlogPos: 154, BinlogGTID: 'uuid:1-42' },
    }, {
      status: 'Loading', curRetryCount: 1, maxRetryCount: 3, totalCount: 10_000, curCount: 4_750, totalDuration: 600, curDuration: 285, percentage: 47.5,
      redisOffsetSize: 12, redisDelayTime: 3, mongoDelayTime: 4, binlogName: 'mysql-bin.000042', binlogPos: 154, binlogGtid: 'uuid:1-42',
    }],
    ['undefined: an empty reading', undefined, {}],
    ['null: an empty reading', null, {}],
    ['a string: an empty reading', 'Done', {}],
    ['an array: an empty reading', [{ Status: 'Done' }], {}],
    ['an empty object: an empty reading', {}, {}],
    ['missing fields are left out', { Status: 'Created' }, { status: 'Created' }],
    ['Progress and Sync null or not objects', { Status: 'Syncing', Progress: null, Sync: 'x' }, { status: 'Syncing' }],
    ['Progress a list', { Status: 'Syncing', Progress: [1, 2] }, { status: 'Syncing' }],
    ['numbers given as strings', { CurRetryCount: '2', MaxRetryCount: ' 3 ', Progress: { Percentage: '47.5', TotalCount: '10000', CurDuration: '0' }, Sync: { BinlogPos: '154' } },
      { curRetryCount: 2, maxRetryCount: 3, percentage: 47.5, totalCount: 10_000, curDuration: 0, binlogPos: 154 }],
    ['0, a real figure', { Progress: { Percentage: 0, RedisDelayTime: 0 } }, { percentage: 0, redisDelayTime: 0 }],
    ['text fields: empty is missing, numbers become text', { Status: '', FailedMessage: '', Sync: { BinlogName: 42, BinlogGTID: '' } }, { binlogName: '42' }],
    ['a Status that is an object', { Status: { nested: true }, FailedMessage: 'disk full' }, { failedMessage: 'disk full' }],
    ['text fields that are NaN, Infinity or a boolean', { Status: Number.NaN, FailedMessage: Number.POSITIVE_INFINITY, Sync: { BinlogName: true } }, {}],
    ...NOT_NUMBERS.map(([what, value]): [string, unknown, Record<string, unknown>] =>
      [`a number field holding ${what}: not given`, { Status: 'Loading', Progress: { Percentage: value } }, { status: 'Loading' }]),
    ...LAGS.map(([what, value, lag]): [string, unknown, Record<string, unknown>] =>
      [`RedisDelayTime ${what}`, { Status: 'Synced', Progress: { RedisDelayTime: value } }, { status: 'Synced', ...lag }]),
    ['MongoDelayTime unreadable too', { Status: 'Synced', Progress: { MongoDelayTime: 'NaN' } }, { status: 'Synced', lagUnreadable: true }],
  ])('%s', (_what, data, reading) => {
    const read = readingFromData(data);
    expect(read).toEqual(reading);
    expect(Object.keys(read).sort()).toEqual(Object.keys(reading).sort()); // no undefined keys
  });

  it('caps text as it reads it, with a visible marker: short fields at 256 characters, long ones at 16 KiB', () => {
    const huge = 'x'.repeat(900_000);
    const reading = readingFromData({ Status: huge, FailedMessage: huge, Sync: { BinlogName: huge, BinlogGTID: huge } });
    expect([reading.status, reading.binlogName, reading.failedMessage, reading.binlogGtid].map((text) => text?.length)).toEqual([256, 256, 16_384, 16_384]);
    expect(reading.status).toMatch(/^x+… \[899\d{3} more characters cut\]$/);
  });
});

describe('canonicalStatus', () => {
  it.each(KNOWN_STATUSES.map((status) => [status]))('%s in any case', (status) => {
    expect([status, status.toLowerCase(), ` ${status.toUpperCase()} `].map(canonicalStatus)).toEqual([status, status, status]);
  });

  it.each<[string, string | undefined]>([
    ['\n\t done  ', 'Done'],
    ['Sync ed', 'Synced'],
    ['failed unrecoverable', 'FailedUnrecoverable'],
    ['\u00a0RETRY\u2003pending\u0085', 'RetryPending'],
    ...['', 'Paused', 'Done!', 'Do-ne', 'Done\u200b'].map((name): [string, undefined] => [name, undefined]),
  ])('%j is %s', (name, status) => {
    expect(canonicalStatus(name)).toBe(status);
  });
});

it.each<[string, Reading, number | undefined, (reading: Reading) => number | undefined]>([
  ['lag', {}, undefined, lagSeconds],
  ['lag', { redisDelayTime: 3 }, 3, lagSeconds],
  ['lag', { mongoDelayTime: 7 }, 7, lagSeconds],
  ['lag', { redisDelayTime: 0, mongoDelayTime: 7 }, 0, lagSeconds],
  ['remaining', {}, undefined, remainingSeconds],
  ['remaining', { totalDuration: 600 }, undefined, remainingSeconds],
  ['remaining', { curDuration: 285 }, undefined, remainingSeconds],
  ['remaining', { totalDuration: 0, curDuration: 0 }, undefined, remainingSeconds],
  ['remaining', { totalDuration: 600, curDuration: 285 }, 315, remainingSeconds],
  ['remaining', { totalDuration: 600, curDuration: 700 }, 0, remainingSeconds],
])('%s of %j is %j', (_what, reading, seconds, figure) => {
  expect(figure(reading)).toBe(seconds);
});
