/**
 * The emulator as the API: every way of sending a request that the real API takes (POST form, POST
 * JSON, GET), the signature check with its RetCodes, and scenarios advanced per request or by time.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkScenario, currentStep, DEMO_KEYS, type Scenario } from '../../../src/emulator/scenario.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { sign } from '../../../src/udts/signature.js';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const SCENARIO: Scenario = {
  tasks: {
    'udts-1': { steps: [{ data: { Status: 'Loading' } }, { data: { Status: 'Done' } }] },
    'udts-p': { projectId: 'org-a', steps: [{ data: { Status: 'Done' } }] },
  },
};

type Params = Record<string, string>;

function signed(params: Params, privateKey: string = DEMO_KEYS.privateKey): Params {
  return { ...params, Signature: sign(params, privateKey) };
}

const BASE: Params = { Action: 'GetUDTSTaskStatus', PublicKey: DEMO_KEYS.publicKey, TaskId: 'udts-1' };

async function post(body: Params, as: 'form' | 'json' = 'form', path = '/?Action=GetUDTSTaskStatus'): Promise<Record<string, unknown>> {
  emulator ??= await startEmulator(SCENARIO);
  const response = await fetch(`${emulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': as === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' },
    body: as === 'json' ? JSON.stringify(body) : new URLSearchParams(body).toString(),
  });
  expect(response.headers.get('x-ucloud-request-uuid')).toMatch(/^[0-9a-f-]{36}$/);
  return (await response.json()) as Record<string, unknown>;
}

describe('emulator: transports', () => {
  it('answers a signed POST form with the documented shape', async () => {
    expect(await post(signed(BASE))).toEqual({
      RetCode: 0,
      Action: 'GetUDTSTaskStatusResponse',
      Message: '',
      Data: { Status: 'Loading' },
    });
  });

  it('answers a signed POST JSON body', async () => {
    expect(await post(signed(BASE), 'json')).toMatchObject({ RetCode: 0, Data: { Status: 'Loading' } });
  });

  it('answers a signed GET query string', async () => {
    emulator = await startEmulator(SCENARIO);
    const response = await fetch(`${emulator.url}/?${new URLSearchParams(signed(BASE))}`);
    expect(await response.json()).toMatchObject({ RetCode: 0, Data: { Status: 'Loading' } });
    expect(emulator.stats().recent[0]).toMatchObject({ method: 'GET', params: BASE });
  });
});

describe('emulator: checks every request like the API', () => {
  it('no Action anywhere: RetCode 160', async () => {
    const { Action: _action, ...rest } = BASE;
    expect(await post(signed(rest), 'form', '/')).toMatchObject({ RetCode: 160, Message: 'Missing Action' });
  });

  it.each<[string, Params, number, string]>([
    ['another Action', signed({ ...BASE, Action: 'DescribeUHostInstance' }), 161, 'Action not found'],
    ['no Signature', BASE, 170, 'Missing Signature'],
    ['a wrong private key', signed(BASE, 'not-the-key'), 171, 'Signature VerifyAC Error'],
    ['a tampered parameter', { ...signed(BASE), TaskId: 'udts-p' }, 171, 'Signature VerifyAC Error'],
    ['an unknown public key', signed({ ...BASE, PublicKey: 'nobody' }), 172, 'User not exist'],
    ['no TaskId', (({ TaskId: _t, ...rest }) => signed(rest))(BASE), 220, 'Missing params [TaskId]'],
    ['an unknown TaskId', signed({ ...BASE, TaskId: 'udts-none' }), 230, 'Params [TaskId] not available'],
    ['a task of another project', signed({ ...BASE, TaskId: 'udts-p', ProjectId: 'org-b' }), 230, 'Params [TaskId] not available'],
  ])('%s: RetCode %s', async (_name, body, retCode, message) => {
    expect(await post(body)).toMatchObject({ RetCode: retCode, Message: message });
  });

  it('a task in its own project answers', async () => {
    expect(await post(signed({ ...BASE, TaskId: 'udts-p', ProjectId: 'org-a' }))).toMatchObject({ RetCode: 0 });
  });

  it('counts requests per task and in all', async () => {
    await post(signed(BASE));
    await post(signed(BASE));
    await post(signed(BASE, 'wrong'));
    expect(emulator?.stats()).toMatchObject({ requests: 3, byTask: { 'udts-1': 2 } });
  });
});

describe('emulator: scenarios', () => {
  it('advances per request; the last step answers every later request', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push(((await post(signed(BASE))).Data as { Status: string }).Status);
    expect(statuses).toEqual(['Loading', 'Done', 'Done']);
  });

  it('a step answers `repeat` requests', () => {
    const script = { steps: [{ data: { Status: 'A' }, repeat: 2 }, { data: { Status: 'B' } }] };
    expect([0, 1, 2, 3].map((i) => currentStep(script, i, 0).data?.Status)).toEqual(['A', 'A', 'B', 'B']);
  });

  it('advances by seconds since the first request with advance: time', () => {
    const script = { advance: 'time' as const, steps: [{ at: 0, data: { Status: 'A' } }, { at: 2, data: { Status: 'B' } }] };
    expect([0, 1_999, 2_000, 60_000].map((ms) => currentStep(script, 0, ms).data?.Status)).toEqual(['A', 'A', 'B', 'B']);
  });

  it.each([
    ['no tasks', {}, /"tasks"/],
    ['a task without steps', { tasks: { t: { steps: [] } } }, /task t needs a non-empty "steps"/],
    ['a step with neither data nor fault', { tasks: { t: { steps: [{}] } } }, /task t, step 1: give either "data" or "fault"/],
    ['an unknown fault', { tasks: { t: { steps: [{ fault: { kind: 'boom' } }] } } }, /unknown fault kind "boom"/],
    ['a time step without at', { tasks: { t: { advance: 'time', steps: [{ data: {} }] } } }, /time steps need "at"/],
    ['an http fault without status', { tasks: { t: { steps: [{ fault: { kind: 'http' } }] } } }, /http fault needs "status"/],
    ['a retcode fault without retCode', { tasks: { t: { steps: [{ fault: { kind: 'retcode' } }] } } }, /retcode fault needs "retCode"/],
  ])('refuses a scenario with %s', (_name, scenario, message) => {
    expect(() => checkScenario(scenario, 'test.json')).toThrow(message);
  });

  it('holds answers back by latencyMs', async () => {
    vi.useRealTimers();
    emulator = await startEmulator({ ...SCENARIO, latencyMs: 150 });
    const startedAt = performance.now();
    await fetch(`${emulator.url}/?${new URLSearchParams(signed(BASE))}`);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(140);
  });
});
