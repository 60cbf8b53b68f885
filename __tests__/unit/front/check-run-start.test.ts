/**
 * The action's wiring of the check run: started only when check-name asks for one, and a check run
 * that cannot start (its module or @actions/github failing to load, no token) is one warning; the
 * gate waits and decides as without it.
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
  it.each([
    ['a module that fails to load', { 'check-name': 'Migration', 'github-token': 'ghs_token' }, ["check-name 'Migration': no check run (chunk missing); the gate goes on without it."]],
    ['no token (a secret not given to a fork): never bad input', { 'check-name': 'Migration', 'github-token': '' }, ["check-name 'Migration': no github-token (a secret not given to this run?), so no check run; the gate goes on without it."]],
    ['no check-name: never started', { 'github-token': 'ghs_token' }, []],
  ])('%s: the gate decides as without it', async (_name, inputs, warnings) => {
    const api = { status: async () => ({ status: 'Done' }), history: async () => [] };
    const run = await runActionInProcess({ 'task-id': 'udts-a', 'public-key': 'pub', 'private-key': 'key', ...inputs }, api);
    expect(run.outputs.result).toBe('success');
    expect(run.exitCode).toBeUndefined();
    expect(commands(run.stdout, 'warning')).toEqual(warnings);
  });
});
