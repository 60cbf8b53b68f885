import { describe, expect, it } from 'vitest';
import type { Reading } from '../../../src/udts/status.js';
import { judge, type Judgement, type VerdictOptions } from '../../../src/wait/verdict.js';

const DEFAULTS: VerdictOptions = {
  successStates: new Set(['Done', 'Success']),
  failureStates: new Set(['Failed', 'FailedUnrecoverable', 'StoppedUnrecoverable', 'Stopped']),
  maxLagSeconds: undefined,
  stablePolls: 1,
  tolerateRetries: false,
};
const SYNCED: VerdictOptions = { ...DEFAULTS, successStates: new Set(['Synced']) };
const LAG_10: VerdictOptions = { ...SYNCED, maxLagSeconds: 10 };
const LAG_0: VerdictOptions = { ...SYNCED, maxLagSeconds: 0 };
const STABLE_3: VerdictOptions = { ...DEFAULTS, stablePolls: 3 };
const CUTOVER: VerdictOptions = { ...LAG_10, stablePolls: 2 };
const TOLERATE: VerdictOptions = { ...DEFAULTS, tolerateRetries: true };
const NO_STOPPED: VerdictOptions = { ...DEFAULTS, failureStates: new Set(['Failed']) };

type Expected = Pick<Judgement, 'verdict' | 'streak'> & { note?: Judgement['note']; why?: string };

const TABLE: Array<[string, Reading, VerdictOptions, number, Expected]> = [
  // default states
  ['Done', { status: 'Done' }, DEFAULTS, 0, { verdict: 'success', streak: 1, why: 'Done' }],
  ['Success', { status: 'Success' }, DEFAULTS, 0, { verdict: 'success', streak: 1 }],
  ['done in another case', { status: 'DONE' }, DEFAULTS, 0, { verdict: 'success', streak: 1, why: 'Done' }],
  ['Created', { status: 'Created' }, DEFAULTS, 0, { verdict: 'pending', streak: 0, why: 'Created' }],
  ['Loading', { status: 'Loading', percentage: 50 }, DEFAULTS, 0, { verdict: 'pending', streak: 0, why: 'Loading' }],
  ['Synced with an unreadable lag under max-lag: waits, never passes', { status: 'Synced', lagUnreadable: true }, LAG_10, 0,
    { verdict: 'pending', streak: 0, note: 'lag-unreadable', why: 'Synced, lag unreadable: not within max-lag 10s' }],
  ['one lag field unreadable, another within max-lag', { status: 'Synced', redisDelayTime: 3, lagUnreadable: true }, LAG_10, 0, { verdict: 'success', streak: 1 }],
  ['Synced with an unreadable lag and no max-lag: the state counts', { status: 'Synced', lagUnreadable: true }, SYNCED, 0, { verdict: 'success', streak: 1 }],
  ['Synced is not done by default: a live-sync note', { status: 'Synced' }, DEFAULTS, 0, { verdict: 'pending', streak: 0, note: 'live-sync' }],
  ['Syncing with the defaults: a live-sync note', { status: 'syncing' }, DEFAULTS, 0, { verdict: 'pending', streak: 0, note: 'live-sync', why: 'Syncing' }],
  ['Syncing while gating on Synced: no note', { status: 'Syncing' }, { ...DEFAULTS, successStates: new Set(['Synced']) }, 0, { verdict: 'pending', streak: 0 }],
  ['Syncing with Synced a failure state: no note', { status: 'Syncing' }, { ...DEFAULTS, failureStates: new Set(['Failed', 'Synced']) }, 0, { verdict: 'pending', streak: 0 }],
  ['Failed', { status: 'Failed', failedMessage: 'disk full' }, DEFAULTS, 0, { verdict: 'failure', streak: 0, why: 'Failed: disk full' }],
  ['Failed without message', { status: 'Failed' }, DEFAULTS, 0, { verdict: 'failure', streak: 0, why: 'Failed' }],
  ['FailedUnrecoverable', { status: 'FailedUnrecoverable' }, DEFAULTS, 0, { verdict: 'failure', streak: 0 }],
  ['StoppedUnrecoverable', { status: 'StoppedUnrecoverable' }, DEFAULTS, 0, { verdict: 'failure', streak: 0 }],
  ['Stopped', { status: 'Stopped' }, DEFAULTS, 0, { verdict: 'failure', streak: 0 }],
  ['Stopped not in failure-states', { status: 'Stopped' }, NO_STOPPED, 0, { verdict: 'pending', streak: 0 }],
  // custom success-states
  ['Synced with success-states Synced', { status: 'Synced' }, SYNCED, 0, { verdict: 'success', streak: 1 }],
  ['Done with success-states Synced', { status: 'Done' }, SYNCED, 0, { verdict: 'pending', streak: 0 }],
  ['Syncing with success-states Synced', { status: 'Syncing' }, SYNCED, 0, { verdict: 'pending', streak: 0 }],
  // max-lag
  ['lag below max-lag', { status: 'Synced', redisDelayTime: 3 }, LAG_10, 0, { verdict: 'success', streak: 1, why: 'Synced, lag 3s' }],
  ['lag equal to max-lag', { status: 'Synced', mongoDelayTime: 10 }, LAG_10, 0, { verdict: 'success', streak: 1 }],
  ['lag above max-lag', { status: 'Synced', redisDelayTime: 42 }, LAG_10, 0,
    { verdict: 'pending', streak: 0, note: 'lag-too-high', why: 'Synced, lag 42s > max-lag 10s' }],
  ['lag above max-lag 0', { status: 'Synced', mongoDelayTime: 1 }, LAG_0, 0, { verdict: 'pending', streak: 0, note: 'lag-too-high' }],
  ['lag 0 with max-lag 0', { status: 'Synced', mongoDelayTime: 0 }, LAG_0, 0, { verdict: 'success', streak: 1 }],
  ['no lag figure (MySQL): the state counts by itself', { status: 'Synced', binlogName: 'mysql-bin.000001', binlogPos: 4 }, LAG_10, 0,
    { verdict: 'success', streak: 1, note: 'no-lag-figure', why: 'Synced' }],
  ['small lag outside a success state', { status: 'Syncing', redisDelayTime: 0 }, LAG_10, 0, { verdict: 'pending', streak: 0 }],
  ['lag is ignored without max-lag', { status: 'Synced', redisDelayTime: 9_999 }, SYNCED, 0, { verdict: 'success', streak: 1 }],
  // stable-polls
  ['first stable reading of 3', { status: 'Done' }, STABLE_3, 0, { verdict: 'pending', streak: 1, why: 'Done (1 of 3 stable readings)' }],
  ['second stable reading of 3', { status: 'Done' }, STABLE_3, 1, { verdict: 'pending', streak: 2, why: 'Done (2 of 3 stable readings)' }],
  ['third stable reading of 3', { status: 'Done' }, STABLE_3, 2, { verdict: 'success', streak: 3, why: 'Done' }],
  ['a breaking reading resets the streak', { status: 'Loading' }, STABLE_3, 2, { verdict: 'pending', streak: 0 }],
  ['lag too high resets the streak', { status: 'Synced', redisDelayTime: 11 }, CUTOVER, 1, { verdict: 'pending', streak: 0, note: 'lag-too-high' }],
  ['cutover: second reading with lag ok', { status: 'Synced', redisDelayTime: 2 }, CUTOVER, 1, { verdict: 'success', streak: 2 }],
  // tolerate-retries
  ['Failed with retries left, tolerated', { status: 'Failed', curRetryCount: 1, maxRetryCount: 3 }, TOLERATE, 0,
    { verdict: 'pending', streak: 0, note: 'retrying', why: 'Failed, the service retries (retry 2 of 3)' }],
  ['Failed with no retry used yet, tolerated', { status: 'Failed', curRetryCount: 0, maxRetryCount: 1 }, TOLERATE, 0,
    { verdict: 'pending', streak: 0, note: 'retrying' }],
  ['Failed with retries used up', { status: 'Failed', curRetryCount: 3, maxRetryCount: 3, failedMessage: 'oops' }, TOLERATE, 0,
    { verdict: 'failure', streak: 0, why: 'Failed: oops' }],
  ['Failed with no retry allowed', { status: 'Failed', curRetryCount: 0, maxRetryCount: 0 }, TOLERATE, 0, { verdict: 'failure', streak: 0 }],
  ['Failed without retry counts', { status: 'Failed' }, TOLERATE, 0, { verdict: 'failure', streak: 0 }],
  ['Failed with only the retries used', { status: 'Failed', curRetryCount: 0 }, TOLERATE, 0, { verdict: 'failure', streak: 0 }],
  ['Failed with only the retries allowed', { status: 'Failed', maxRetryCount: 3 }, TOLERATE, 0, { verdict: 'failure', streak: 0 }],
  ['Failed with retries left, flag off', { status: 'Failed', curRetryCount: 1, maxRetryCount: 3 }, DEFAULTS, 0, { verdict: 'failure', streak: 0 }],
  ['FailedUnrecoverable is never tolerated', { status: 'FailedUnrecoverable', curRetryCount: 0, maxRetryCount: 3 }, TOLERATE, 0,
    { verdict: 'failure', streak: 0 }],
  // RetryPending is always a waiting state
  ['RetryPending', { status: 'RetryPending', curRetryCount: 1, maxRetryCount: 3 }, DEFAULTS, 0,
    { verdict: 'pending', streak: 0, note: 'retrying', why: 'RetryPending (retry 2 of 3)' }],
  ['RetryPending with the flag', { status: 'RetryPending' }, TOLERATE, 0, { verdict: 'pending', streak: 0, note: 'retrying', why: 'RetryPending' }],
  ['RetryPending past its last retry', { status: 'RetryPending', curRetryCount: 3, maxRetryCount: 3 }, DEFAULTS, 0,
    { verdict: 'pending', streak: 0, note: 'retrying', why: 'RetryPending (retry 3 of 3)' }],
  ['RetryPending with only the retries used', { status: 'RetryPending', curRetryCount: 1 }, DEFAULTS, 0, { verdict: 'pending', streak: 0, note: 'retrying', why: 'RetryPending' }],
  ['RetryPending with only the retries allowed', { status: 'RetryPending', maxRetryCount: 3 }, DEFAULTS, 0, { verdict: 'pending', streak: 0, note: 'retrying', why: 'RetryPending' }],
  ['RetryPending with no retry allowed', { status: 'RetryPending', curRetryCount: 0, maxRetryCount: 0 }, DEFAULTS, 0, { verdict: 'pending', streak: 0, note: 'retrying', why: 'RetryPending' }],
  ['RetryPending resets a streak', { status: 'RetryPending' }, STABLE_3, 2, { verdict: 'pending', streak: 0, note: 'retrying' }],
  // unknown status
  ['a state outside the vocabulary', { status: 'Paused' }, DEFAULTS, 0,
    { verdict: 'pending', streak: 0, note: 'unknown-state', why: 'Paused is not a known state' }],
  ['no status at all', { percentage: 5 }, DEFAULTS, 0, { verdict: 'pending', streak: 0, note: 'unknown-state', why: '(no status) is not a known state' }],
  ['an unknown state resets a streak', { status: 'Pausing' }, STABLE_3, 2, { verdict: 'pending', streak: 0, note: 'unknown-state' }],
];

describe('judge: state x settings x reading -> verdict', () => {
  it.each(TABLE)('%s', (_name, reading, settings, previousStreak, expected) => {
    const { verdict, streak, note, why } = judge(reading, settings, previousStreak);
    expect({ verdict, streak, note, ...(expected.why === undefined ? {} : { why }) }).toEqual(expected);
  });

  it('stable-polls counts readings in a row: a breaking reading resets it', () => {
    const lags = [1, 50, 2, 2, 2, 3, 0];
    let streak = 0;
    const seen = lags.map((redisDelayTime, i) => {
      const judgement = judge({ status: i === 3 ? 'Syncing' : 'Synced', redisDelayTime }, { ...LAG_10, stablePolls: 3 }, streak);
      streak = judgement.streak;
      return `${judgement.verdict}:${streak}`;
    });
    expect(seen).toEqual(['pending:1', 'pending:0', 'pending:1', 'pending:0', 'pending:1', 'pending:2', 'success:3']);
  });
});
