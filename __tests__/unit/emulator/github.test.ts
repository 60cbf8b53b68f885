/** The fake of GitHub's check-runs API: its endpoints under any prefix, GitHub's validation, tokens, refusals, faults, the record. */
import { describe, expect, it } from 'vitest';
import { validationError } from '../../../src/emulator/check-runs.js';
import { DEMO_GITHUB_TOKEN, type GithubScript } from '../../../src/emulator/scenario.js';
import type { RunningEmulator } from '../../../src/emulator/server.js';
import { FakeClock } from '../fakes.js';
import { emulatorFor } from './helpers.js';

/** Where the clock starts in the tests that check absolute times. */
const NOON = Date.UTC(2026, 0, 1, 12);

const SHA = '0123456789abcdef0123456789abcdef01234567';
const NO_TASKS = { tasks: {} };

/** A GitHub client of the emulator: `prefix` stands for GITHUB_API_URL's path ('' or '/api/v3'). */
function github(emulator: RunningEmulator, prefix = '', authorization = `token ${DEMO_GITHUB_TOKEN}`) {
  const headers = { authorization, accept: 'application/vnd.github+json', 'content-type': 'application/json' };
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${emulator.url}${prefix}/repos/octo/app${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
}

/** A request to the emulator as it is sent, with the demo token unless `headers` give another. */
const raw = (emulator: RunningEmulator, path: string, init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> } = {}) =>
  fetch(`${emulator.url}${path}`, { ...init, headers: { authorization: `token ${DEMO_GITHUB_TOKEN}`, ...init.headers } });

async function fakeWith(script: GithubScript = {}, prefix = '') {
  const clock = new FakeClock(undefined, undefined, NOON);
  const emulator = await emulatorFor({ ...NO_TASKS, github: script }, { now: clock.now });
  return { emulator, clock, api: github(emulator, prefix) };
}

describe('fake GitHub: a check run from creation to conclusion', () => {
  it.each(['', '/api/v3'])('creates, updates, reads and lists under the prefix %j', async (prefix) => {
    const { emulator, clock, api } = await fakeWith({}, prefix);
    const output = { title: 'Loading 40%', summary: 'first reading' };
    const created = await api('POST', '/check-runs', { name: 'UDTS migration', head_sha: SHA, status: 'in_progress', output });
    expect(created.status).toBe(201);
    const id = created.json.id as number;
    expect(created.json).toMatchObject({
      name: 'UDTS migration', head_sha: SHA, status: 'in_progress', conclusion: null, started_at: '2026-01-01T12:00:00Z', completed_at: null,
      url: `${emulator.url}${prefix}/repos/octo/app/check-runs/${id}`, html_url: `${emulator.url}/octo/app/runs/${id}`, output: { ...output, text: null },
    });
    clock.advance(90_000);
    const done = await api('PATCH', `/check-runs/${id}`, { conclusion: 'success', output: { title: 'Done', summary: 's', text: 't' } });
    expect(done).toMatchObject({ status: 200, json: { status: 'completed', conclusion: 'success', completed_at: '2026-01-01T12:01:30Z' } });
    expect(await api('GET', `/check-runs/${id}`)).toMatchObject({ status: 200, json: { id, conclusion: 'success', output: { text: 't' } } });
    const listed = await api('GET', `/commits/${SHA}/check-runs?check_name=${encodeURIComponent('UDTS migration')}`);
    expect(listed).toMatchObject({ status: 200, json: { total_count: 1, check_runs: [{ id, status: 'completed' }] } });
    expect(emulator.stats().github.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 201', 'PATCH 200', 'GET 200', 'GET 200']);
    const body = { conclusion: 'success', title: 'Done', summaryLength: 1, textLength: 1 };
    expect(emulator.stats().github.requests[1]).toMatchObject({ path: `${prefix}/repos/octo/app/check-runs/${id}`, auth: 'token', checkRunId: id, body });
    expect(emulator.stats().github.checkRuns).toEqual([{ repository: 'octo/app', run: done.json }]);
  });

  it('never reopens a completed run: a later update changes its output, not its status or conclusion', async () => {
    const { api } = await fakeWith();
    const { json } = await api('POST', '/check-runs', { name: 'n', head_sha: SHA, conclusion: 'success', output: { title: 'Done', summary: 's' } });
    const late = await api('PATCH', `/check-runs/${String(json.id)}`, { status: 'in_progress', output: { title: 'Loading 40%', summary: 's' } });
    expect(late).toMatchObject({ status: 200, json: { status: 'completed', conclusion: 'success', output: { title: 'Loading 40%' } } });
  });

  it('lists the latest run per name on that commit in that repository, all with filter=all', async () => {
    const { emulator, api } = await fakeWith();
    const first = await api('POST', '/check-runs', { name: 'gate', head_sha: SHA });
    const second = await api('POST', '/check-runs', { name: 'gate', head_sha: SHA });
    await api('POST', '/check-runs', { name: 'other', head_sha: SHA });
    await api('POST', '/check-runs', { name: 'gate', head_sha: 'another-sha' });
    const fork = await raw(emulator, `/repos/octo/fork/commits/${SHA}/check-runs?check_name=gate`);
    expect(await fork.json()).toEqual({ total_count: 0, check_runs: [] });
    const ids = async (query: string) => {
      const { json } = await api('GET', `/commits/${SHA}/check-runs?${query}`);
      return (json.check_runs as Array<{ id: number }>).map((run) => run.id);
    };
    expect(await ids('check_name=gate')).toEqual([second.json.id]);
    expect(await ids('check_name=gate&filter=all')).toEqual([second.json.id, first.json.id]);
    expect(await ids('filter=all&per_page=1&page=2')).toEqual([second.json.id]);
  });

  it('a run of another repository or an unknown id is 404', async () => {
    const { emulator, api } = await fakeWith();
    const { json } = await api('POST', '/check-runs', { name: 'gate', head_sha: SHA });
    expect((await api('PATCH', '/check-runs/42', { status: 'in_progress' })).status).toBe(404);
    expect((await raw(emulator, `/repos/octo/fork/check-runs/${String(json.id)}`)).status).toBe(404);
    expect((await api('DELETE', `/check-runs/${String(json.id)}`)).status).toBe(404);
  });
});

describe("fake GitHub: GitHub's validation (422)", () => {
  const long = (characters: number, unit = 'a') => unit.repeat(characters);
  const run = (more: Record<string, unknown>) => ({ name: 'n', head_sha: SHA, ...more });
  const invalid = (detail: RegExp) => ({ message: expect.stringMatching(detail) });
  it.each<[string, Record<string, unknown>, unknown]>([
    ['no name', { head_sha: SHA }, invalid(/"name" wasn't supplied/)],
    ['an unknown status', run({ status: 'running' }), invalid(/"running" is not a member of/)],
    ['an unknown conclusion', run({ conclusion: 'passed' }), invalid(/"passed" is not a member of/)],
    ['a conclusion only GitHub sets', run({ conclusion: 'stale' }), invalid(/"stale" is not a member of/)],
    ['completed without a conclusion', run({ status: 'completed' }), invalid(/"conclusion" wasn't supplied/)],
    ['completed_at without a conclusion', run({ completed_at: '2026-01-01T12:00:00Z' }), invalid(/"conclusion" wasn't supplied/)],
    ['output without a summary', run({ output: { title: 't' } }), invalid(/"summary" wasn't supplied/)],
    ['a summary over 65535 characters', run({ output: { title: 't', summary: long(65_536) } }), invalid(/Only 65535 characters are allowed; 65536 were supplied/)],
    ['a text over 65535 characters', run({ output: { title: 't', summary: 's', text: long(70_000) } }), invalid(/70000 were supplied/)],
    ['a title over 65535 characters', run({ output: { title: long(65_536), summary: 's' } }), invalid(/65536 were supplied/)],
    ['51 annotations', run({ output: { title: 't', summary: 's', annotations: Array(51).fill({}) } }), invalid(/51 items are more than the maximum of 50/)],
    ['4 actions', run({ actions: Array(4).fill({}) }), invalid(/4 items are more than the maximum of 3/)],
    ['a started_at that is no ISO 8601 time', run({ started_at: 'yesterday' }), invalid(/"yesterday" is not a date-time/)],
    // GitHub counts the summary in UTF-8 bytes too, since 2024: 40,000 characters, 80,000 bytes.
    ['a summary over 65535 bytes', run({ output: { title: 't', summary: long(40_000, 'é') } }),
      { message: 'Validation Failed', errors: [{ resource: 'CheckRun', code: 'custom', field: 'summary', message: 'summary exceeds a maximum bytesize of 65535' }] }],
    ['nothing: a summary of 65535 characters is taken', run({ output: { title: 't', summary: long(65_535) } }), undefined],
  ])('refuses a check run with %s', (_name, body, refusal) => {
    expect(validationError(body, true)).toEqual(refusal);
  });

  it('answers an invalid create with 422 and keeps nothing, an invalid update leaves the run as it was, a body not JSON is 400', async () => {
    const { emulator, api } = await fakeWith();
    const notJson = await raw(emulator, '/repos/octo/app/check-runs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' });
    expect(notJson.status).toBe(400);
    expect(await api('POST', '/check-runs', { head_sha: SHA })).toMatchObject({ status: 422, json: { message: expect.stringMatching(/"name" wasn't supplied/) } });
    expect(emulator.stats().github.checkRuns).toEqual([]);
    const { json } = await api('POST', '/check-runs', { name: 'n', head_sha: SHA, status: 'in_progress' });
    expect((await api('PATCH', `/check-runs/${String(json.id)}`, { status: 'completed' })).status).toBe(422);
    expect((await api('GET', `/check-runs/${String(json.id)}`)).json).toMatchObject({ status: 'in_progress', conclusion: null });
  });

});

describe('fake GitHub: tokens, refusals and faults', () => {
  it.each<[string, number, string | undefined, string | undefined, object, string]>([
    ['no Authorization header', 401, undefined, undefined, { message: 'Requires authentication' }, 'none'],
    ['another token', 401, undefined, 'token not-the-token', { message: 'Bad credentials' }, 'wrong'],
    ['the token in another scheme', 401, undefined, `Basic ${DEMO_GITHUB_TOKEN}`, { message: 'Bad credentials' }, 'wrong'],
    ["the scenario's token as Bearer", 200, 'ghs_scenario', 'Bearer ghs_scenario', { total_count: 0 }, 'bearer'],
    ["the scenario's token as token", 200, 'ghs_scenario', 'token ghs_scenario', { total_count: 0 }, 'token'],
    ['the demo token when the scenario names another', 401, 'ghs_scenario', `token ${DEMO_GITHUB_TOKEN}`, { message: 'Bad credentials' }, 'wrong'],
  ])('%s: HTTP %s', async (_name, status, token, authorization, body, auth) => {
    const { emulator } = await fakeWith(token === undefined ? {} : { token });
    // Not raw(), which would add the demo token.
    const response = await fetch(`${emulator.url}/repos/octo/app/commits/${SHA}/check-runs`, { headers: authorization ? { authorization } : {} });
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject(body);
    expect(emulator.stats().github.requests[0]?.auth).toBe(auth);
  });

  it.each<[401 | 403 | 404, string]>([
    [401, 'Bad credentials'],
    [403, 'Resource not accessible by integration'],
    [404, 'Not Found'],
  ])('refuse: %s answers every request so', async (status, message) => {
    const { emulator, api } = await fakeWith({ refuse: status });
    expect(await api('POST', '/check-runs', { name: 'n', head_sha: SHA })).toMatchObject({ status, json: { message } });
    expect(await api('GET', `/commits/${SHA}/check-runs`)).toMatchObject({ status });
    expect(emulator.stats().github.checkRuns).toEqual([]);
  });

  it('a fault on a chosen request answers it alone, and changes nothing', async () => {
    const { emulator, api } = await fakeWith({ faults: [{ request: 2, fault: { kind: 'http', status: 502 } }] });
    const { json } = await api('POST', '/check-runs', { name: 'n', head_sha: SHA, status: 'in_progress' });
    const patch = { conclusion: 'failure' };
    // Sent raw: the body of a faulted answer is no JSON.
    expect((await raw(emulator, `/repos/octo/app/check-runs/${String(json.id)}`, { method: 'PATCH', body: JSON.stringify(patch) })).status).toBe(502);
    expect((await api('GET', `/check-runs/${String(json.id)}`)).json).toMatchObject({ status: 'in_progress' });
    expect((await api('PATCH', `/check-runs/${String(json.id)}`, patch)).status).toBe(200);
    expect(emulator.stats().github.requests.map((r) => r.status)).toEqual([201, 502, 200, 200]);
  });

  it.each<[string, NonNullable<GithubScript['rateLimits']>[number], Record<string, string | undefined>, RegExp]>([
    ['primary', { request: 1, limit: 'primary', seconds: 90 }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOON / 1_000 + 90), 'retry-after': undefined }, /^API rate limit exceeded/],
    ['secondary with retry-after', { request: 1, limit: 'secondary', seconds: 30 }, { 'retry-after': '30', 'x-ratelimit-remaining': undefined }, /secondary rate limit/],
    ['secondary with neither header', { request: 1, limit: 'secondary' }, { 'retry-after': undefined, 'x-ratelimit-remaining': undefined }, /secondary rate limit/],
  ])('plays a %s rate limit on the chosen request, with its Date', async (_name, limit, headers, message) => {
    const { emulator, api } = await fakeWith({ rateLimits: [limit] });
    const limited = await raw(emulator, `/repos/octo/app/commits/${SHA}/check-runs`);
    expect(limited.status).toBe(403);
    expect(((await limited.json()) as { message: string }).message).toMatch(message);
    for (const [name, value] of Object.entries({ ...headers, date: new Date(NOON).toUTCString() })) expect(limited.headers.get(name) ?? undefined).toBe(value);
    expect((await api('GET', `/commits/${SHA}/check-runs`)).status).toBe(200);
  });

  it('an endless fault streams JSON until the client stops reading; scenario headers come on every answer', async () => {
    const { emulator, api } = await fakeWith({ faults: [{ request: 1, fault: { kind: 'endless' } }], headers: { deprecation: 'true' } });
    const endless = await raw(emulator, `/repos/octo/app/commits/${SHA}/check-runs`);
    const reader = (endless.body as ReadableStream<Uint8Array>).getReader();
    let bytes = 0;
    while (bytes < 4 * 1024 * 1024) bytes += (await reader.read()).value?.byteLength ?? 0;
    await reader.cancel();
    const next = await raw(emulator, `/repos/octo/app/commits/${SHA}/check-runs`, { headers: { 'x-github-api-version': '2022-11-28' } });
    expect(next.headers.get('deprecation')).toBe('true');
    expect((await api('GET', `/commits/${SHA}/check-runs`)).status).toBe(200);
    expect(emulator.stats().github.requests.map((r) => r.apiVersion)).toEqual([undefined, '2022-11-28', undefined]);
  });

  it('holds every list call back by slowListMs', async () => {
    const sleeps: number[] = [];
    const emulator = await emulatorFor({ ...NO_TASKS, github: { slowListMs: 4_500 } }, { sleep: async (ms) => void sleeps.push(ms) });
    await github(emulator)('POST', '/check-runs', { name: 'n', head_sha: SHA });
    await github(emulator)('GET', `/commits/${SHA}/check-runs`);
    expect(sleeps).toEqual([4_500]);
  });

  it('a late fault carries the request out after storeMs, whether the client waits or not, and answers answerMs after that', async () => {
    const waits: Array<{ ms: number; resolve: () => void }> = [];
    const emulator = await emulatorFor({ ...NO_TASKS, github: { faults: [{ request: 1, fault: { kind: 'late', storeMs: 7_000, answerMs: 5_000 } }] } }, {
      sleep: (ms) => new Promise<void>((resolve) => waits.push({ ms, resolve })),
    });
    const created = github(emulator)('POST', '/check-runs', { name: 'n', head_sha: SHA });
    const held = () => new Promise((resolve) => setTimeout(resolve, 50));
    await held();
    expect(emulator.stats().github).toMatchObject({ checkRuns: [], requests: [{ status: 'fault' }] });
    waits.shift()?.resolve(); // 7 s: stored, not answered yet
    await held();
    expect(emulator.stats().github).toMatchObject({ checkRuns: [{ run: { name: 'n' } }], requests: [{ status: 'fault' }] });
    waits.shift()?.resolve(); // 5 s later: answered
    expect(await created).toMatchObject({ status: 201, json: { name: 'n' } });
    expect(emulator.stats().github.requests.map((r) => r.status)).toEqual([201]);
    expect(waits).toEqual([]);
  });

  it('a reset fault cuts the connection', async () => {
    const { api } = await fakeWith({ faults: [{ request: 1, fault: { kind: 'reset' } }] });
    await expect(api('POST', '/check-runs', { name: 'n', head_sha: SHA })).rejects.toThrow();
  });
});
