/**
 * How the action ends its step for each outcome, through src/action/main.ts in this process (the harness
 * plays the runner): the exit code, the one annotation and the result output. Then the wiring: the
 * private key masked first, and a check run that cannot start (its module or @actions/github failing to
 * load, no token) is one warning, the gate deciding as without it. The end-to-end tests show the bundle
 * itself ending a step (success, timeout, cancel, error); the outcomes live here.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Reading } from '../../../src/udts/status.js';
import { commands } from '../../e2e/helpers.js';
import { fatal171, scriptedFetcher } from '../fakes.js';
import { runActionInProcess } from './action-harness.js';

vi.mock('../../../src/action/check-run.js', () => ({
  startCheckRun: async () => {
    throw new Error('chunk missing');
  },
}));

const INPUTS = { 'task-id': 'udts-a', 'public-key': 'pub', 'private-key': 'PRIVATE-KEY-123', interval: '1s', timeout: '5s', history: 'false' };
const LOADING: Reading = { status: 'Loading', percentage: 40 };
const DONE: Reading = { status: 'Done' };

/** The workflow commands a run wrote, but the mask of the private key that always comes first. */
const annotations = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('::') && line !== '::add-mask::PRIVATE-KEY-123');

describe('the step ends as the outcome calls for', () => {
  const cancel = AbortSignal.abort(new Error('received SIGTERM'));
  it.each<[string, Record<string, string>, Parameters<typeof scriptedFetcher>[0], string, number | undefined, string[], AbortSignal?]>([
    ['success, one task: a notice naming it', {}, { 'udts-a': [LOADING, DONE] },
      'success', undefined, ['::notice title=udts-a passed the gate after 1s::Task udts-a is Done (1s).']],
    ['success, several tasks: a notice counting them', { 'task-id': 'udts-a udts-b udts-c' },
      { 'udts-a': [DONE], 'udts-b': [LOADING, DONE], 'udts-c': [{ status: 'Success' }] },
      'success', undefined, ['::notice title=3 UDTS tasks passed the gate after 1s::All 3 tasks are finished (1s).']],
    ['success through a live-sync gate: the notice gives the lag it passed with', { 'success-states': 'Synced', 'max-lag': '5' },
      { 'udts-a': [{ status: 'Synced', redisDelayTime: 30 }, { status: 'Synced', redisDelayTime: 0 }] },
      'success', undefined, ['::notice title=udts-a passed the gate after 1s::Task udts-a is Synced, lag 0s (1s).']],
    ['failure: the step fails', {}, { 'udts-a': [LOADING, { status: 'Failed', failedMessage: 'disk full' }] },
      'failure', 1, ['::error::Task udts-a is Failed: disk full.']],
    ['timeout: the step fails', {}, { 'udts-a': [LOADING] },
      'timeout', 1, ['::error::Timed out after 5s waiting for udts-a; last status Loading 40%25.']],
    ['timeout with fail-on-timeout false: a warning, the step passes', { 'fail-on-timeout': 'false' }, { 'udts-a': [LOADING] },
      'timeout', undefined, ['::warning title=UDTS wait timed out (fail-on-timeout%3A false)::Timed out after 5s waiting for udts-a; last status Loading 40%25.']],
    ['an API error: the step fails', {}, { 'udts-a': [fatal171()] },
      'error', 1, ['::error::Task udts-a: API error RetCode 171 "Signature VerifyAC Error": check that private-key holds the private key']],
    ['pending (wait: false, a task still running): no annotation, the step passes', { wait: 'false' }, { 'udts-a': [LOADING, DONE] },
      'pending', undefined, []],
    ['cancelled: the step fails, saying how long it waited', {}, { 'udts-a': [LOADING] },
      'cancelled', 1, ['::error::Cancelled after 0ms waiting for udts-a.'], cancel],
  ])('%s', async (_name, inputs, answers, result, exitCode, expected, signal) => {
    const run = await runActionInProcess({ ...INPUTS, ...inputs }, scriptedFetcher(answers), { signal });
    expect(run.outputs.result).toBe(result);
    expect(run.exitCode).toBe(exitCode);
    expect(annotations(run.stdout)).toEqual(expected);
    // A still-running end says so in a log line of its own.
    if (result === 'pending') expect(run.stdout.split('\n')).toContain('Still running: udts-a (Loading 40%).');
  });
});

describe('the wiring', () => {
  it('a private key from UCLOUD_PRIVATE_KEY is masked before anything is written, as the input is', async () => {
    const run = await runActionInProcess({ ...INPUTS, 'private-key': '' }, scriptedFetcher({ 'udts-a': [DONE] }), { env: { UCLOUD_PRIVATE_KEY: 'ENV-KEY-456' } });
    expect(run.outputs.result).toBe('success');
    expect(run.stdout.split('\n')[0]).toBe('::add-mask::ENV-KEY-456');
  });

  it.each([
    ['a module that fails to load', { 'check-name': 'Migration', 'github-token': 'ghs_token' }, ["check-name 'Migration': no check run (chunk missing); the gate goes on without it."]],
    ['no token (a secret not given to a fork): never bad input', { 'check-name': 'Migration', 'github-token': '' },
      ["check-name 'Migration': no github-token (a secret not given to this run?), so no check run; the gate goes on without it."]],
    ['no check-name: never started', { 'github-token': 'ghs_token' }, []],
  ])('a check run: %s; the gate decides as without it', async (_name, inputs, warnings) => {
    const run = await runActionInProcess({ ...INPUTS, ...inputs }, scriptedFetcher({ 'udts-a': [DONE] }));
    expect(run.outputs.result).toBe('success');
    expect(run.exitCode).toBeUndefined();
    expect(commands(run.stdout, 'warning')).toEqual(warnings);
  });
});
