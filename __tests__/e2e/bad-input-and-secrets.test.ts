/**
 * Bad input and secrets through the bundle: a run refused at its inputs keeps the runner contract and
 * sends nothing, and the private key and request signatures never show in the log, the outputs or the
 * summary, debug on. Which values are refused, and what each error says, is pinned by
 * unit/settings.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { sign } from '../../src/udts/signature.js';
import { commands, expectEveryOutput, fault, reading, runScenario, scenario, type ActionRun } from './helpers.js';

const SECRET_KEYS = { publicKey: 'pk-e2e-public', privateKey: 'SK-e2e-7f3a9c1d-very-secret' };

/** Everything a person or a later step can see of a run. */
function visibleText(run: ActionRun): string {
  return [run.stdout, run.stderr, JSON.stringify(run.outputs), run.summary].join('\n');
}

/** The key is masked before anything else is written, and shows nowhere but in that one mask command. */
function expectMaskedFirst(run: ActionRun, key: string): void {
  const lines = run.stdout.split('\n');
  expect(lines[0]).toBe(`::add-mask::${key}`);
  const elsewhere = [...lines.slice(1), run.stderr, JSON.stringify(run.outputs), run.summary].filter((text) => text.includes(key));
  expect(elsewhere).toEqual([]);
}

describe.concurrent('bad input and secrets, with RUNNER_DEBUG=1', () => {
  it('the private key and every Signature stay out of log, outputs and summary', async () => {
    const sc = scenario(
      {
        'udts-s': [
          reading('Loading', { Progress: { Percentage: 10 } }),
          fault({ kind: 'http', status: 502 }),
          reading('Loading', { Progress: { Percentage: 60 } }),
          reading('Done'),
        ],
      },
      { keys: [SECRET_KEYS] },
    );
    const { run, emulator } = await runScenario(sc, 'udts-s', {
      inputs: { 'public-key': SECRET_KEYS.publicKey, 'private-key': SECRET_KEYS.privateKey, 'project-id': 'org-e2e' },
      env: { RUNNER_DEBUG: '1' },
    });
    expect(run.code).toBe(0);
    const requests = emulator.stats().recent;
    expect(requests).toHaveLength(4);
    // Debug mode is on and shows the request parameters, with the signature left out.
    const debug = commands(run.stdout, 'debug').filter((line) => line.startsWith('POST '));
    expect(debug).toHaveLength(4);
    for (const line of debug) {
      expect(line).toContain('"TaskId":"udts-s"');
      expect(line).not.toMatch(/signature/i);
    }
    expectMaskedFirst(run, SECRET_KEYS.privateKey);
    const signatures = requests.map((request) => sign(request.params, SECRET_KEYS.privateKey));
    // The emulator accepted each request, so these are exactly the signatures that were sent.
    expect(requests.map((request) => request.retCode)).toEqual([0, 'fault', 0, 0]);
    const text = visibleText(run);
    for (const signature of new Set(signatures)) expect(text).not.toContain(signature);
  });

  it('bad input: exit 1, the key masked before the one error naming the input, every output set (result=error), a summary, zero requests', async () => {
    const sc = scenario({ 'udts-s': [reading('Done')] }, { keys: [SECRET_KEYS] });
    const { run, emulator } = await runScenario(sc, 'udts-s', {
      inputs: { 'private-key': SECRET_KEYS.privateKey, interval: 'often' },
      env: { RUNNER_DEBUG: '1' },
    });
    expect(run.code).toBe(1);
    expect(emulator.stats().requests).toBe(0);
    expectMaskedFirst(run, SECRET_KEYS.privateKey);
    const errors = commands(run.stdout, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("Invalid interval 'often'");
    expectEveryOutput(run, false);
    expect(Object.entries(run.outputs).filter(([name, value]) => name !== 'result' && value !== '')).toEqual([]);
    expect(run.summary).toMatch(/^## ⚠️ UDTS migration gate could not start/);
    expect(run.summary).toContain('interval');
  });
});
