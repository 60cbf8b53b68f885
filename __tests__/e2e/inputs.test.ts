/**
 * Issue 3 end to end: bad input is refused before anything is sent, and the private key and request
 * signatures never show in the log, the outputs or the summary, debug too.
 */
import { describe, expect, it } from 'vitest';
import { KNOWN_STATUSES } from '../../src/udts/status.js';
import { sign } from '../../src/udts/signature.js';
import { commands, expectEveryOutput, fault, reading, runScenario, scenario, type ActionRun } from './helpers.js';

/**
 * Bad input through the bundle, twice: the runner contract of a run that cannot start. Which input
 * values are refused, and what each error says, is pinned by unit/settings.test.ts.
 */
describe.concurrent('issue 3: bad input is refused before anything is sent', () => {
  it.each<{ input: string; inputs: Record<string, string>; says: string }>([
    { input: 'interval', inputs: { interval: 'often' }, says: "Invalid interval 'often': expected a positive duration" },
    { input: 'success-states', inputs: { 'success-states': 'Synced, Finished' }, says: `unknown state 'Finished'. Valid states: ${KNOWN_STATUSES.join(', ')}` },
  ])('$input: exit 1, one error naming it, every output set (result=error), a summary, zero requests', async ({ input, inputs, says }) => {
    const { run, emulator } = await runScenario(scenario({ 'udts-in': [reading('Done')] }), 'udts-in', { inputs });
    expect(run.code).toBe(1);
    expect(emulator.stats().requests).toBe(0);
    const errors = commands(run.stdout, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(says);
    expectEveryOutput(run, false);
    expect(Object.entries(run.outputs).filter(([name, value]) => name !== 'result' && value !== '')).toEqual([]);
    expect(run.summary).toMatch(/^## ⚠️ UDTS migration gate could not start/);
    expect(run.summary).toContain(input);
  });
});

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

describe.concurrent('issue 3: secrets, with RUNNER_DEBUG=1', () => {
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

  it('a wrong private key (RetCode 171): one request, result=error saying what to check; the key masked, its signature never shown', async () => {
    const wrongKey = 'SK-e2e-wrong-0b1c2d3e';
    const sc = scenario({ 'udts-s': [reading('Done')] }, { keys: [SECRET_KEYS] });
    const { run, emulator } = await runScenario(sc, 'udts-s', {
      inputs: { 'public-key': SECRET_KEYS.publicKey, 'private-key': wrongKey },
      env: { RUNNER_DEBUG: '1' },
    });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'error', polls: '1' });
    expectEveryOutput(run);
    // A fatal answer: one request, no retry, and an error that says what to check.
    const [request, ...more] = emulator.stats().recent;
    expect(more).toEqual([]);
    expect(request?.retCode).toBe(171);
    expect(commands(run.stdout, 'warning')).toEqual([]);
    const errors = commands(run.stdout, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/RetCode 171 "Signature VerifyAC Error" \(request [0-9a-f-]{36}\): check that private-key/);
    expect(run.summary).toContain('RetCode 171');
    expectMaskedFirst(run, wrongKey);
    expect(visibleText(run)).not.toContain(sign(request?.params ?? {}, wrongKey));
  });

  it('a key from UCLOUD_PRIVATE_KEY is masked first as well', async () => {
    const sc = scenario({ 'udts-s': [reading('Done')] }, { keys: [SECRET_KEYS] });
    const { run, emulator } = await runScenario(sc, 'udts-s', {
      inputs: { 'public-key': '', 'private-key': '' },
      env: { RUNNER_DEBUG: '1', UCLOUD_PUBLIC_KEY: SECRET_KEYS.publicKey, UCLOUD_PRIVATE_KEY: SECRET_KEYS.privateKey },
    });
    expect(run.code).toBe(0);
    expectMaskedFirst(run, SECRET_KEYS.privateKey);
    const [request] = emulator.stats().recent;
    expect(request?.retCode).toBe(0);
    expect(visibleText(run)).not.toContain(sign(request?.params ?? {}, SECRET_KEYS.privateKey));
  });

  it('with a bad input the key is masked before the error is written', async () => {
    const sc = scenario({ 'udts-s': [reading('Done')] }, { keys: [SECRET_KEYS] });
    const { run, emulator } = await runScenario(sc, 'udts-s', {
      inputs: { 'private-key': SECRET_KEYS.privateKey, interval: 'often' },
      env: { RUNNER_DEBUG: '1' },
    });
    expect(run.code).toBe(1);
    expect(emulator.stats().requests).toBe(0);
    expectMaskedFirst(run, SECRET_KEYS.privateKey);
  });
});
