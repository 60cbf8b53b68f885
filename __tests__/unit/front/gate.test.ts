/**
 * What the gate (src/core/gate.ts) adds to the wait, through the action's front door in process on a
 * fake clock: the service's history in the record and its budget, a failing or missing history call,
 * and the messages that end a wait (a task that never appeared, the live-sync hint).
 */
import { describe, expect, it } from 'vitest';
import { UdtsError } from '../../../src/udts/errors.js';
import type { HistoryEntry } from '../../../src/udts/history.js';
import { commands } from '../../e2e/helpers.js';
import { START_MS, scriptedFetcher, transient, type Step } from '../fakes.js';
import { runActionInProcess } from './action-harness.js';

const INPUTS = { 'task-id': 'udts-a', 'public-key': 'pub', 'private-key': 'PRIVATE-KEY-123', interval: '15s', timeout: '10m' };
const notThere = () => new UdtsError('API error RetCode 230 "Params [TaskId] not available": check task-id', { kind: 'fatal', retCode: 230 });

/** The fake API for task udts-a: status answers in order (the last repeats), history as given (or an error to throw). */
const api = (answers: Step[], history: HistoryEntry[] | Error = []) => scriptedFetcher({ 'udts-a': answers }, undefined, { history });

describe('the service history in the record', () => {
  it('is merged into the summary, and a failed task says when the service marked it failed', async () => {
    const history = [{ state: 'Created', at: START_MS - 600_000 }, { state: 'RetryPending', at: START_MS + 5_000 }, { state: 'Failed', at: START_MS + 10_000 }];
    const run = await runActionInProcess(INPUTS, api([{ status: 'Loading' }, { status: 'Failed', failedMessage: 'disk full' }], history));
    expect(run.outputs.result).toBe('failure');
    expect(run.summary).toContain('| Status | Since (UTC) | Relative to the start of the wait | Source |');
    expect(run.summary).toContain('| Created |');
    expect(run.summary).toContain('10m before | service |');
    expect(commands(run.stdout, 'error')[0]).toMatch(/Task udts-a is Failed: disk full \(the service marked it Failed at \d\d:\d\d:\d\d UTC, after 1 retry: RetryPending at \d\d:\d\d:\d\d UTC\)\./);
  });

  it.each([
    ['a failing history call is one warning', transient('HTTP 502 from the API'), [
      "udts-a: could not read the service's history of this task (GetUDTSTaskHistory): HTTP 502 from the API; the timeline shows what this run saw.",
    ]],
    ['RetCode 161 (no such action) turns history off quietly, with a debug line', new UdtsError('API error RetCode 161', { kind: 'fatal', retCode: 161 }), []],
  ])('%s; the verdict and the rest of the record stand', async (_name, error, warnings) => {
    const run = await runActionInProcess(INPUTS, api([{ status: 'Done' }], error), { env: { RUNNER_DEBUG: '1' } });
    expect(run.outputs.result).toBe('success');
    expect(commands(run.stdout, 'warning')).toEqual(warnings);
    expect(commands(run.stdout, 'debug').some((line) => line.includes('RetCode 161): history turned off'))).toBe(warnings.length === 0);
    expect(run.summary).toContain('| Status | First seen (UTC) | After |');
  });

  it('history: false asks for none', async () => {
    const fake = api([{ status: 'Done' }]);
    await runActionInProcess({ ...INPUTS, history: 'false' }, fake);
    expect(fake.historyCalls).toEqual([]);
  });

  it('after a timeout, the history call gets only what is left of 2 s past the timeout', async () => {
    const fake = api([{ status: 'Loading' }]);
    const run = await runActionInProcess({ ...INPUTS, timeout: '1m' }, fake);
    expect(run.outputs.result).toBe('timeout');
    expect(fake.historyCalls).toHaveLength(1);
    expect(fake.historyCalls[0]?.timeoutMs).toBeLessThanOrEqual(1_500);
  });
});

describe('appear-timeout', () => {
  // When a task is asked for again, and for how long, is the task machine's table; this is the message.
  it('a task that never appears: the error as without it, saying how long it waited', async () => {
    const run = await runActionInProcess({ ...INPUTS, 'appear-timeout': '1m' }, api([notThere()]));
    expect(run.outputs.result).toBe('error');
    expect(commands(run.stdout, 'error')[0]).toMatch(/^Task udts-a: API error RetCode 230 .* The task did not appear in 1m of waiting \(appear-timeout\)\.$/);
  });
});

describe('the live-sync hint', () => {
  it('a task that reaches Synced under the default states: one notice saying what to set; the timeout repeats it', async () => {
    const run = await runActionInProcess({ ...INPUTS, timeout: '2m' }, api([{ status: 'Syncing', redisDelayTime: 9 }, { status: 'Synced', redisDelayTime: 1 }]));
    expect(run.outputs.result).toBe('timeout');
    expect(commands(run.stdout, 'notice')).toEqual([expect.stringMatching(/^udts-a: Syncing\. This task keeps syncing .*success-states: Synced.*max-lag.*stable-polls/)]);
    expect(commands(run.stdout, 'error')[0]).toMatch(/^Timed out after 2m .*last status Synced.* This task keeps syncing .*success-states: Synced/);
  });
});

describe('a wait longer than a GitHub-hosted job may run', () => {
  it.each([
    ['github-hosted', '7h', 'true', 1],
    ['github-hosted', '6h', 'true', 1],
    ['github-hosted', '5h50m', 'true', 0],
    ['github-hosted', '7h', 'false', 0],
    ['self-hosted', '7h', 'true', 0],
  ])('runner %s, timeout %s, wait %s: %i warning(s) at the start', async (runner, timeout, wait, warnings) => {
    const run = await runActionInProcess({ ...INPUTS, timeout, wait }, api([{ status: 'Done' }]), { env: { RUNNER_ENVIRONMENT: runner } });
    const found = commands(run.stdout, 'warning').filter((line) => line.includes('the 6h a job may run'));
    expect(found).toHaveLength(warnings);
    if (warnings) expect(found[0]).toMatch(new RegExp(`^timeout ${timeout} does not fit .*docs/long-migrations\\.md$`));
  });
});
