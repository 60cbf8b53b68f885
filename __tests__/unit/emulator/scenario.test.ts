/** The scenario format: which step answers when, and the errors a bad scenario gets, each naming the file and where. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenario, currentStep, loadScenario } from '../../../src/emulator/scenario.js';

it('currentStep: a step answers `repeat` requests, the last every later one; advance: time goes by seconds since the first request', () => {
  const byRequest = { steps: [{ data: { Status: 'A' }, repeat: 2 }, { data: { Status: 'B' } }] };
  expect([0, 1, 2, 3].map((i) => currentStep(byRequest, i, 0).data?.Status)).toEqual(['A', 'A', 'B', 'B']);
  const byTime = { advance: 'time' as const, steps: [{ at: 0, data: { Status: 'A' } }, { at: 2, data: { Status: 'B' } }] };
  expect([0, 1_999, 2_000, 60_000].map((ms) => currentStep(byTime, 0, ms).data?.Status)).toEqual(['A', 'A', 'B', 'B']);
});

const task = (more: object) => ({ tasks: { t: { steps: [{ data: {} }], ...more } } });
const FAULT_502 = { kind: 'http', status: 502 };

describe('checkScenario', () => {
  it.each<[string, unknown, RegExp]>([
    ['no tasks', {}, /test\.json: expected an object with "tasks"/],
    ['a task without steps', { tasks: { t: { steps: [] } } }, /task t needs a non-empty "steps"/],
    ['a step with neither data nor fault', { tasks: { t: { steps: [{}] } } }, /task t, step 1: give either "data" or "fault"/],
    ['data that is not an object', { tasks: { t: { steps: [{ data: 'Done' }] } } }, /step 1: "data" is an object/],
    ['an unknown fault', { tasks: { t: { steps: [{ fault: { kind: 'boom' } }] } } }, /unknown fault kind "boom"/],
    ['a time step without at', { tasks: { t: { advance: 'time', steps: [{ data: {} }] } } }, /step 1: time steps need "at"/],
    ['time steps out of order', { tasks: { t: { advance: 'time', steps: [{ at: 5, data: {} }, { at: 2, data: {} }] } } }, /step 2: "at" 2 comes before the step above it \(5\)/],
    ['an unknown advance', task({ advance: 'poll' }), /task t: "advance" is "request" or "time", not "poll"/],
    ['a repeat of 0', { tasks: { t: { steps: [{ data: {}, repeat: 0 }] } } }, /step 1: "repeat" is a whole number/],
    ['an http fault without status', { tasks: { t: { steps: [{ fault: { kind: 'http' } }] } } }, /http fault needs "status"/],
    ['a retcode fault without retCode', { tasks: { t: { steps: [{ fault: { kind: 'retcode' } }] } } }, /retcode fault needs "retCode"/],
    ['history that is not a list', task({ history: { state: 'Created' } }), /task t, history: a list of/],
    ['a history entry without at', task({ history: [{ state: 'Created' }] }), /task t, history 1: needs "state" .* and "at"/],
    ['a history entry without state', task({ history: [{ at: -5 }] }), /task t, history 1: needs "state"/],
    ['an unknown history fault', task({ historyFault: { kind: 'boom' } }), /task t, historyFault: unknown fault kind "boom"/],
    ['historyAction that is not a boolean', { ...task({}), historyAction: 'no' }, /"historyAction" is true or false/],
    ['latencyMs below 0', { ...task({}), latencyMs: -1 }, /"latencyMs" is a number of milliseconds/],
    ['no keys', { ...task({}), keys: [] }, /test\.json: keys: a non-empty list/],
    ['keys without a private key', { ...task({}), keys: [{ publicKey: 'p', privateKey: 'k' }, { publicKey: 'p' }] }, /test\.json: keys 2: needs "publicKey" and "privateKey"/],
    ['an empty github token', { ...task({}), github: { token: '' } }, /github: "token" is the token to accept/],
    ['a github refusal of 500', { ...task({}), github: { refuse: 500 } }, /github: "refuse" is 401, 403 or 404, not 500/],
    ['a github fault on request 0', { ...task({}), github: { faults: [{ request: 0, fault: FAULT_502 }] } }, /github, fault 1: "request" is which GitHub request/],
    ['an unknown rate limit', { ...task({}), github: { rateLimits: [{ request: 1, limit: 'tertiary' }] } }, /github, rate limit 1: "limit" is "primary" or "secondary", not "tertiary"/],
    ['a negative slowListMs', { ...task({}), github: { slowListMs: -1 } }, /github: "slowListMs" is a number of milliseconds/],
    ['a late fault without storeMs', { ...task({}), github: { faults: [{ request: 1, fault: { kind: 'late', answerMs: 5 } }] } }, /github, fault 1: a late fault needs "storeMs" and may have "answerMs", each milliseconds \(0 or more\), got \{"kind":"late","answerMs":5\}/],
    ['a late fault with a negative answerMs', { ...task({}), github: { faults: [{ request: 1, fault: { kind: 'late', storeMs: 1, answerMs: -1 } }] } }, /a late fault needs "storeMs"/],
    ['a late fault for UDTS', task({ steps: [{ fault: { kind: 'late', storeMs: 1 } }] }), /unknown fault kind "late"/],
    ['a UDTS-only fault for GitHub', { ...task({}), github: { faults: [{ request: 1, fault: { kind: 'retcode', retCode: 1 } }] } }, /github, fault 1: unknown fault kind "retcode"/],
  ])('refuses a scenario with %s', (_name, scenario, message) => {
    expect(() => checkScenario(scenario, 'test.json')).toThrow(message);
  });

  it('takes every documented field', () => {
    const steps = [{ at: 0, data: { Status: 'Loading' } }, { at: 3, fault: { kind: 'retcode', retCode: '153' } }];
    const t = { advance: 'time', projectId: 'org', steps, history: [{ state: 'Created', at: -60 }], historyFault: { kind: 'reset' } };
    const github = { token: 't', refuse: 403, faults: [{ request: 2, fault: FAULT_502 }, { request: 4, fault: { kind: 'late', storeMs: 7_000, answerMs: 5_000 } }], rateLimits: [{ request: 3, limit: 'primary', seconds: 60 }], slowListMs: 10 };
    const scenario = { description: 'all fields', keys: [{ publicKey: 'p', privateKey: 'k' }], latencyMs: 5, historyAction: true, tasks: { t }, github };
    expect(checkScenario(scenario, 'test.json')).toBe(scenario);
  });

  it.each([
    ['a bad pair', { ...task({}), keys: [{ publicKey: 'PUB-SECRET', privateKey: 'PRIV-SECRET' }, { publicKey: 'PUB2-SECRET', privateKey: 7 }] }],
    ['a token that is no string', { ...task({}), keys: [{ publicKey: 'PUB-SECRET', privateKey: 'PRIV-SECRET' }], github: { token: 12_345 } }],
  ])('never shows key material in an error (%s)', (_what, scenario) => {
    expect(() => checkScenario(scenario, 'test.json')).toThrow(/^test\.json: (?!.*(SECRET|12345))/s);
  });

  it('loadScenario names the file it cannot read or parse, never the text around a JSON error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'udts-scenario-'));
    writeFileSync(join(dir, 'broken.json'), '{ "tasks": ');
    writeFileSync(join(dir, 'bare-key.json'), '{ "keys": [{ "publicKey": "p", "privateKey": PRIV-SECRET }] }');
    expect(() => loadScenario(join(dir, 'broken.json'))).toThrow(/Cannot read scenario '.*broken\.json': not valid JSON/);
    expect(() => loadScenario(join(dir, 'bare-key.json'))).toThrow(/^Cannot read scenario '.*bare-key\.json': not valid JSON$/);
    expect(() => loadScenario(join(dir, 'missing.json'))).toThrow(/Cannot read scenario '.*missing\.json': ENOENT/);
  });
});
