/**
 * A check run that cannot even start (its module or @actions/github failing to load, say) is one
 * warning: the gate waits and decides as without it.
 */
import { describe, expect, it, vi } from 'vitest';
import { commands } from '../../e2e/helpers.js';
import { runActionInProcess } from './action-harness.js';

vi.mock('../../../src/action/check-run.js', () => ({
  startCheckRun: async () => {
    throw new Error('chunk missing');
  },
}));

describe('a check run that cannot start', () => {
  it('is one warning; the gate decides as without it', async () => {
    const api = { status: async () => ({ status: 'Done' }), history: async () => [] };
    const run = await runActionInProcess(
      { 'task-id': 'udts-a', 'public-key': 'pub', 'private-key': 'key', 'check-name': 'Migration', 'github-token': 'ghs_token' },
      api,
    );
    expect(run.outputs.result).toBe('success');
    expect(run.exitCode).toBeUndefined();
    expect(commands(run.stdout, 'warning')).toEqual(["check-name 'Migration': no check run (chunk missing); the gate goes on without it."]);
  });
});

describe('a check run without a token', () => {
  it('(a secret not given to a fork) is one warning, never bad input: the gate decides as without it', async () => {
    const api = { status: async () => ({ status: 'Done' }), history: async () => [] };
    const run = await runActionInProcess({ 'task-id': 'udts-a', 'public-key': 'pub', 'private-key': 'key', 'check-name': 'Migration', 'github-token': '' }, api);
    expect(run.outputs.result).toBe('success');
    expect(commands(run.stdout, 'warning')).toEqual(["check-name 'Migration': no github-token (a secret not given to this run?), so no check run; the gate goes on without it."]);
  });
});
