/**
 * How the action ends its step for each outcome, through src/action/main.ts in this process (the harness
 * plays the runner): the exit code, the one annotation and the result output. The end-to-end tests
 * show the bundle itself ending a step (success, timeout, cancel, error); the outcomes live here.
 */
import { describe, expect, it } from 'vitest';
import type { Reading } from '../../../src/udts/status.js';
import { fatal171, scriptedFetcher } from '../fakes.js';
import { runActionInProcess } from './action-harness.js';

const INPUTS = { 'task-id': 'udts-a', 'public-key': 'pub', 'private-key': 'PRIVATE-KEY-123', interval: '1s', timeout: '5s', history: 'false' };
const LOADING: Reading = { status: 'Loading', percentage: 40 };
const DONE: Reading = { status: 'Done' };

/** The workflow commands a run wrote, but the mask of the private key that always comes first. */
const annotations = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('::') && line !== '::add-mask::PRIVATE-KEY-123');

describe('the step ends as the outcome calls for', () => {
  it.each<[string, Record<string, string>, Parameters<typeof scriptedFetcher>[0], string, number | undefined, string]>([
    ['success, one task: a notice naming it', {}, { 'udts-a': [LOADING, DONE] },
      'success', undefined, '::notice title=udts-a finished in 1s::Task udts-a is Done (1s).'],
    ['success, several tasks: a notice counting them', { 'task-id': 'udts-a udts-b udts-c' },
      { 'udts-a': [DONE], 'udts-b': [LOADING, DONE], 'udts-c': [{ status: 'Success' }] },
      'success', undefined, '::notice title=3 UDTS tasks finished in 1s::All 3 tasks are finished (1s).'],
    ['success through a live-sync gate: the notice gives the lag it passed with', { 'success-states': 'Synced', 'max-lag': '5' },
      { 'udts-a': [{ status: 'Synced', redisDelayTime: 30 }, { status: 'Synced', redisDelayTime: 0 }] },
      'success', undefined, '::notice title=udts-a finished in 1s::Task udts-a is Synced, lag 0s (1s).'],
    ['failure: the step fails', {}, { 'udts-a': [LOADING, { status: 'Failed', failedMessage: 'disk full' }] },
      'failure', 1, '::error::Task udts-a is Failed: disk full.'],
    ['timeout: the step fails', {}, { 'udts-a': [LOADING] },
      'timeout', 1, '::error::Timed out after 5s waiting for udts-a; last status Loading 40%25.'],
    ['timeout with fail-on-timeout false: a warning, the step passes', { 'fail-on-timeout': 'false' }, { 'udts-a': [LOADING] },
      'timeout', undefined, '::warning title=UDTS wait timed out (fail-on-timeout%3A false)::Timed out after 5s waiting for udts-a; last status Loading 40%25.'],
    ['an API error: the step fails', {}, { 'udts-a': [fatal171()] },
      'error', 1, '::error::Task udts-a: API error RetCode 171 "Signature VerifyAC Error": check that private-key holds the private key'],
  ])('%s', async (_name, inputs, answers, result, exitCode, annotation) => {
    const run = await runActionInProcess({ ...INPUTS, ...inputs }, scriptedFetcher(answers));
    expect(run.outputs.result).toBe(result);
    expect(run.exitCode).toBe(exitCode);
    expect(annotations(run.stdout)).toEqual([annotation]);
  });

  it('pending (wait: false, a task still running): no annotation, the message as a log line, the step passes', async () => {
    const run = await runActionInProcess({ ...INPUTS, wait: 'false' }, scriptedFetcher({ 'udts-a': [LOADING, DONE] }));
    expect(run.outputs).toMatchObject({ result: 'pending', polls: '1' });
    expect(run.exitCode).toBeUndefined();
    expect(annotations(run.stdout)).toEqual([]);
    expect(run.stdout.split('\n')).toContain('Still running: udts-a (Loading 40%).');
  });

  it('cancelled: the step fails, saying how long it waited', async () => {
    const signal = AbortSignal.abort(new Error('received SIGTERM'));
    const run = await runActionInProcess(INPUTS, scriptedFetcher({ 'udts-a': [LOADING] }), { signal });
    expect(run.outputs.result).toBe('cancelled');
    expect(run.exitCode).toBe(1);
    expect(annotations(run.stdout)).toEqual(['::error::Cancelled after 0ms waiting for udts-a.']);
  });

  it('a private key from UCLOUD_PRIVATE_KEY is masked before anything is written, as the input is', async () => {
    const run = await runActionInProcess({ ...INPUTS, 'private-key': '' }, scriptedFetcher({ 'udts-a': [DONE] }), { env: { UCLOUD_PRIVATE_KEY: 'ENV-KEY-456' } });
    expect(run.outputs.result).toBe('success');
    expect(run.stdout.split('\n')[0]).toBe('::add-mask::ENV-KEY-456');
  });
});
