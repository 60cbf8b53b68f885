/**
 * Issue 3 (and 4's state lists) end to end: every bad input is refused before anything is sent, and
 * the private key and request signatures never show in the log, the outputs or the summary, debug too.
 */
import { describe, expect, it } from 'vitest';
import { KNOWN_STATUSES } from '../../src/udts/status.js';
import { sign } from '../../src/udts/signature.js';
import { commands, expectEveryOutput, fault, reading, runScenario, scenario, type ActionRun } from './helpers.js';

interface BadInput {
  /** The input at fault, which the error must name. */
  input: string;
  /** Inputs that replace the good base ones. */
  inputs: Record<string, string>;
  /** The value the error must quote, when there is one to quote. */
  quoted?: string;
  /** What is accepted, as the error says it. */
  accepted: RegExp;
}

const DURATION = /expected a positive duration/;
const BOOLEAN = /expected 'true' or 'false'/;

const BAD_INPUTS: BadInput[] = [
  { input: 'task-id', inputs: { 'task-id': '' }, accepted: /a UDTS task ID is required/ },
  { input: 'task-id', inputs: { 'task-id': '   \n ' }, accepted: /a UDTS task ID is required/ },
  { input: 'task-id', inputs: { 'task-id': ' , ,' }, accepted: /a UDTS task ID is required/ },
  { input: 'public-key', inputs: { 'public-key': '' }, accepted: /UCLOUD_PUBLIC_KEY/ },
  { input: 'private-key', inputs: { 'private-key': '  ' }, accepted: /UCLOUD_PRIVATE_KEY/ },
  ...['timeout', 'interval'].flatMap((input) =>
    ['soon', '-5s', '0', '0s', '10x', '1m1m'].map((value) => ({ input, inputs: { [input]: value }, quoted: value, accepted: DURATION })),
  ),
  { input: 'interval', inputs: { interval: '50ms' }, quoted: '50ms', accepted: /at least 100ms/ },
  { input: 'interval', inputs: { interval: '2m', timeout: '1m' }, quoted: '2m', accepted: /no longer than the timeout/ },
  { input: 'type', inputs: { type: 'migration' }, quoted: 'migration', accepted: /'transfer' or 'integration'/ },
  { input: 'api-url', inputs: { 'api-url': 'not a url' }, quoted: 'not a url', accepted: /not a URL/ },
  { input: 'api-url', inputs: { 'api-url': 'ftp://127.0.0.1/' }, quoted: 'ftp://127.0.0.1/', accepted: /https:\/\// },
  { input: 'api-url', inputs: { 'api-url': 'http://api.scloudsg.com' }, quoted: 'http://api.scloudsg.com', accepted: /loopback/ },
  ...['fail-on-timeout', 'tolerate-retries', 'wait', 'fail-fast'].flatMap((input) =>
    ['yes', '1', 'on'].map((value) => ({ input, inputs: { [input]: value }, quoted: value, accepted: BOOLEAN })),
  ),
  { input: 'stable-polls', inputs: { 'stable-polls': '0' }, quoted: '0', accepted: /1 or more/ },
  { input: 'max-lag', inputs: { 'max-lag': 'soon' }, quoted: 'soon', accepted: /number of seconds/ },
  {
    input: 'success-states',
    inputs: { 'success-states': 'Synced, Finished' },
    quoted: 'Finished',
    accepted: new RegExp(`Valid states: ${KNOWN_STATUSES.join(', ')}`),
  },
  {
    input: 'failure-states',
    inputs: { 'failure-states': 'failed, Broken' },
    quoted: 'Broken',
    accepted: new RegExp(`Valid states: ${KNOWN_STATUSES.join(', ')}`),
  },
  { input: 'success-states', inputs: { 'success-states': 'Done, stopped' }, accepted: /Stopped is in both lists/ },
];

describe.concurrent('issue 3: bad input is refused before anything is sent', () => {
  for (const bad of BAD_INPUTS) {
    const shown = JSON.stringify(bad.inputs);
    it(`${bad.input} ${shown}: exit 1, the error names the input and the value, zero requests`, async () => {
      const sc = scenario({ 'udts-in': [reading('Done')] });
      const { run, emulator } = await runScenario(sc, 'udts-in', { inputs: bad.inputs });
      expect(run.code).toBe(1);
      expect(emulator.stats().requests).toBe(0);
      const errors = commands(run.stdout, 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain(bad.input);
      if (bad.quoted !== undefined) expect(errors[0]).toContain(`'${bad.quoted}'`);
      expect(errors[0]).toMatch(bad.accepted);
      expectEveryOutput(run, false);
      expect(run.outputs.polls).toBe('');
      expect(run.summary).toContain(bad.input);
    });
  }
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

  it('a wrong private key (RetCode 171) is masked too, and its signature never shown', async () => {
    const wrongKey = 'SK-e2e-wrong-0b1c2d3e';
    const sc = scenario({ 'udts-s': [reading('Done')] }, { keys: [SECRET_KEYS] });
    const { run, emulator } = await runScenario(sc, 'udts-s', {
      inputs: { 'public-key': SECRET_KEYS.publicKey, 'private-key': wrongKey },
      env: { RUNNER_DEBUG: '1' },
    });
    expect(run.code).toBe(1);
    expect(run.outputs.result).toBe('error');
    const [request] = emulator.stats().recent;
    expect(request?.retCode).toBe(171);
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
