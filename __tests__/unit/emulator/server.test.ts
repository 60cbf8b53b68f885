/** The emulator as the API: the transports the API takes, its checks and RetCodes, latency, the body cap, UDTS calls apart from GitHub's. */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { GITHUB_BODY_CAP_BYTES, UDTS_BODY_CAP_BYTES } from '../../../src/emulator/body.js';
import { DEMO_GITHUB_TOKEN, type Scenario } from '../../../src/emulator/scenario.js';
import { call, emulatorFor, post, signed, type Params } from './helpers.js';

const SCENARIO: Scenario = {
  tasks: {
    'udts-1': { steps: [{ data: { Status: 'Loading' } }, { data: { Status: 'Done' } }] },
    'udts-p': { projectId: 'org-a', steps: [{ data: { Status: 'Done' } }] },
  },
};

const BASE: Params = call('GetUDTSTaskStatus', 'udts-1');

describe('emulator: checks every request like the API', () => {
  it.each<[string, Params, number, string]>([
    ['no Action anywhere', (({ Action: _a, ...rest }) => signed(rest))(BASE), 160, 'Missing Action'],
    ['another Action', signed({ ...BASE, Action: 'DescribeUHostInstance' }), 161, 'Action not found'],
    ['no Signature', BASE, 170, 'Missing Signature'],
    ['a wrong private key', signed(BASE, 'not-the-key'), 171, 'Signature VerifyAC Error'],
    ['a tampered parameter', { ...signed(BASE), TaskId: 'udts-p' }, 171, 'Signature VerifyAC Error'],
    ['an unknown public key', signed({ ...BASE, PublicKey: 'nobody' }), 172, 'User not exist'],
    ['no TaskId', (({ TaskId: _t, ...rest }) => signed(rest))(BASE), 220, 'Missing params [TaskId]'],
    ['an unknown TaskId', signed({ ...BASE, TaskId: 'udts-none' }), 230, 'Params [TaskId] not available'],
    ['a TaskId named like an Object method', signed({ ...BASE, TaskId: 'constructor' }), 230, 'Params [TaskId] not available'],
    ['a task of another project', signed({ ...BASE, TaskId: 'udts-p', ProjectId: 'org-b' }), 230, 'Params [TaskId] not available'],
    ['a task in its own project', signed({ ...BASE, TaskId: 'udts-p', ProjectId: 'org-a' }), 0, ''],
  ])('%s: RetCode %s', async (_name, body, retCode, message) => {
    const emulator = await emulatorFor(SCENARIO);
    expect(await post(emulator, body, 'form', '/')).toMatchObject({ RetCode: retCode, Message: message });
    expect(emulator.stats().recent[0]?.retCode).toBe(retCode);
  });

  it('counts requests in all, and status requests per task, whatever the task is named', async () => {
    const steps = [{ data: { Status: 'Done' } }];
    const emulator = await emulatorFor({ tasks: { ...SCENARIO.tasks, constructor: { steps }, ['__proto__']: { steps } } });
    await post(emulator, signed(BASE));
    await post(emulator, signed(BASE));
    await post(emulator, signed(BASE, 'wrong'));
    for (const name of ['constructor', '__proto__']) await post(emulator, signed({ ...BASE, TaskId: name }));
    const stats = (await (await fetch(`${emulator.url}/_emulator/stats`)).json()) as { requests: number; byTask: object; historyByTask: object };
    expect(stats.requests).toBe(5);
    expect(Object.entries(stats.byTask)).toEqual([['udts-1', 2], ['constructor', 1], ['__proto__', 1]]);
    expect(Object.entries(stats.historyByTask)).toEqual([]);
  });

  it('holds every answer back by latencyMs, through the injected sleep', async () => {
    const slept: number[] = [];
    const emulator = await emulatorFor({ ...SCENARIO, latencyMs: 150 }, { sleep: async (ms) => void slept.push(ms) });
    await post(emulator, signed(BASE));
    expect(slept).toEqual([150]);
  });
});

describe('emulator: bounded reads', () => {
  it.each([
    ['a UDTS call', '/', UDTS_BODY_CAP_BYTES],
    ['a UDTS call under /repos/', '/repos/o/r/check-runs?Action=GetUDTSTaskStatus', UDTS_BODY_CAP_BYTES],
    ['a GitHub call', '/repos/o/r/check-runs', GITHUB_BODY_CAP_BYTES],
  ])('refuses %s declaring a body over its cap with 413, without waiting for the body', async (_name, path, capBytes) => {
    const emulator = await emulatorFor(SCENARIO);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${emulator.url}${path}`, { method: 'POST', headers: { 'content-length': capBytes + 1 } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('{}'); // the rest never comes: the answer must not wait for it
    });
    expect(status).toBe(413);
    expect(emulator.stats()).toMatchObject({ tooLarge: 1, requests: 0 });
  });

  it('holds a UDTS call under /repos/ with its Action in the body to the UDTS cap', async () => {
    const emulator = await emulatorFor(SCENARIO);
    const body = JSON.stringify({ ...signed(BASE), Pad: 'x'.repeat(UDTS_BODY_CAP_BYTES) });
    const response = await fetch(`${emulator.url}/repos/o/r/check-runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(413);
  });
});

describe('emulator: transports, and UDTS calls apart from GitHub calls', () => {
  const GITHUB = { authorization: `token ${DEMO_GITHUB_TOKEN}`, 'content-type': 'application/json' };
  const NO_GITHUB = { github: { requests: [] } };

  it('answers a signed POST form with the documented shape and a request id', async () => {
    const emulator = await emulatorFor(SCENARIO);
    const response = await fetch(`${emulator.url}/?Action=GetUDTSTaskStatus`, { method: 'POST', body: new URLSearchParams(signed(BASE)) });
    expect(response.headers.get('x-ucloud-request-uuid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({ RetCode: 0, Action: 'GetUDTSTaskStatusResponse', Message: '', Data: { Status: 'Loading' } });
  });

  it.each<[string, string, RequestInit, object, object]>([
    ['a signed GET query string is answered, and recorded without the signature', `/?${new URLSearchParams(signed(BASE))}`, {},
      { RetCode: 0, Data: { Status: 'Loading' } }, { recent: [{ method: 'GET', params: BASE, retCode: 0 }], ...NO_GITHUB }],
    ['a request under /repos/ with an Action in its query is a UDTS call', '/repos/o/r/check-runs?Action=GetUDTSTaskStatus',
      { method: 'POST', body: new URLSearchParams(signed(BASE)) }, { RetCode: 0 }, { requests: 1, ...NO_GITHUB }],
    ['a request under /repos/ with an Action in its JSON body is a UDTS call', '/repos/o/r/check-runs',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(signed(BASE)) }, { RetCode: 0 }, { requests: 1, ...NO_GITHUB }],
    ['a GitHub call is never counted or answered as a UDTS call', '/api/v3/repos/o/r/check-runs',
      { method: 'POST', headers: GITHUB, body: JSON.stringify({ name: 'migration', head_sha: 'abc' }) }, { name: 'migration', status: 'queued' },
      { requests: 0, recent: [], github: { requests: [{ method: 'POST', status: 201 }] } }],
    ['a request elsewhere without an Action is a UDTS call missing its Action (160)', '/check-runs', { headers: GITHUB }, { RetCode: 160 }, NO_GITHUB],
  ])('%s', async (_what, path, init, answer, stats) => {
    const emulator = await emulatorFor(SCENARIO);
    expect(await (await fetch(`${emulator.url}${path}`, init)).json()).toMatchObject(answer);
    expect(emulator.stats()).toMatchObject(stats);
  });
});
