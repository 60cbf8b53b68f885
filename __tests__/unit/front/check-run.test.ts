/**
 * Issue 11, the check run, against the emulator's fake of GitHub's check-runs API: created with the
 * first reading, updated on a state change or 5 points at most every 30 s, concluded for each outcome,
 * found again by a later run, and silent after a refusal. Time is a variable the test moves.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_GITHUB_TOKEN, type GithubScript } from '../../../src/emulator/scenario.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { fitBytes } from '../../../src/action/check-output.js';
import { commitUnderTest, gateIdentity, startCheckRun, type CheckRunHandle } from '../../../src/action/check-run.js';
import { NO_HISTORY } from '../../../src/wait/service-history.js';
import type { TaskRecord } from '../../../src/wait/task-machine.js';
import type { Outcome } from '../../../src/wait/types.js';
import { START_MS } from '../fakes.js';
import { resultWith, taskWith } from '../report/fixtures.js';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const SHA = 'a'.repeat(40);

async function setup(script: GithubScript = {}, env: Record<string, string> = {}, name = 'UDTS migration') {
  emulator = await startEmulator({ tasks: { 'udts-a': { steps: [{ data: { Status: 'Done' } }] } }, github: script });
  let nowMs = START_MS;
  const warnings: string[] = [];
  const checkRun = await startCheckRun({
    name,
    token: DEMO_GITHUB_TOKEN,
    taskIds: ['udts-a'],
    env: {
      GITHUB_API_URL: `${emulator.url}/api/v3`,
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_SHA: SHA,
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_RUN_ID: '42',
      ...env,
    },
    now: () => nowMs,
    userAgent: 'udts-wait/test',
    warn: (line) => warnings.push(line),
  });
  const github = () => (emulator as RunningEmulator).stats().github;
  const requests = () => github().requests.map((r) => `${r.method} ${r.path.replace(/\?.*/, '')} ${r.status}`);
  return { checkRun, warnings, github, requests, at: (ms: number) => (nowMs = START_MS + ms) };
}

const loading = (percentage: number, status = 'Loading'): TaskRecord => taskWith('udts-a', { status, percentage });
/** Lets the fire-and-forget updates reach the fake; a still-running end (wait: false) adds one update of its own. */
const settle = (checkRun: CheckRunHandle) => checkRun.complete({ result: resultWith('pending', [loading(0)]), history: NO_HISTORY }, 5_000);

describe('check run: created, updated, concluded', () => {
  it.each<[Outcome, string]>([
    ['success', 'success'],
    ['failure', 'failure'],
    ['error', 'failure'],
    ['timeout', 'timed_out'],
    ['cancelled', 'cancelled'],
  ])('%s concludes %s; the output carries the summary and the link to the job', async (outcome, conclusion) => {
    const { checkRun, github, requests } = await setup();
    checkRun.observer.reading?.(loading(10), true);
    await checkRun.complete({ result: resultWith(outcome, [loading(10)]), history: NO_HISTORY }, 5_000);
    expect(requests()).toEqual([
      'GET /api/v3/repos/acme/shop/commits/' + SHA + '/check-runs 200',
      'POST /api/v3/repos/acme/shop/check-runs 201',
      'PATCH /api/v3/repos/acme/shop/check-runs/1000001 200',
    ]);
    const [kept] = github().checkRuns;
    expect(kept?.run).toMatchObject({ name: 'UDTS migration', head_sha: SHA, status: 'completed', conclusion });
    expect(kept?.run.output.summary).toContain('(https://github.example/acme/shop/actions/runs/42)');
    expect(kept?.run.output.summary).toContain('| `udts-a` |');
  });

  it('updates on a state change or 5 points of progress, at most every 30 s', async () => {
    const { checkRun, at, requests } = await setup();
    checkRun.observer.reading?.(loading(10), true); // creates
    at(10_000);
    checkRun.observer.reading?.(loading(40), true); // moved, but within 30 s: no update
    at(31_000);
    checkRun.observer.reading?.(loading(12), true); // 2 points since the last sent (10): no update
    at(32_000);
    checkRun.observer.reading?.(loading(12, 'Dumping'), true); // a state change after 30 s: update
    at(70_000);
    checkRun.observer.reading?.(loading(17, 'Dumping'), true); // 5 points: update
    await settle(checkRun);
    const writes = requests().filter((r) => !r.startsWith('GET'));
    // Created, the state change, the 5 points, and the end (still running: an update, no conclusion).
    expect(writes.map((r) => r.split(' ')[0])).toEqual(['POST', 'PATCH', 'PATCH', 'PATCH']);
  });

  it('wait: false with the task still running leaves it in progress; a later run with the same name finds it and concludes it', async () => {
    const first = await setup();
    first.checkRun.observer.reading?.(loading(30), true);
    await first.checkRun.complete({ result: resultWith('pending', [loading(30)]), history: NO_HISTORY }, 5_000);
    expect(first.github().checkRuns.map((k) => k.run.status)).toEqual(['in_progress']);

    const emulatorUrl = (emulator as RunningEmulator).url;
    const laterRun = (taskIds: string[]) => startCheckRun({
      name: 'UDTS migration', token: DEMO_GITHUB_TOKEN, taskIds, now: () => START_MS, userAgent: 'udts-wait/test', warn: () => {},
      env: { GITHUB_API_URL: `${emulatorUrl}/api/v3`, GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: SHA },
    });
    // Another gate with the same name on the same commit (other tasks) keeps its own check run...
    const other = await laterRun(['udts-other']);
    other.observer.reading?.(loading(100, 'Done'), true);
    await other.complete({ result: resultWith('success', [loading(100, 'Done')]), history: NO_HISTORY }, 5_000);
    expect(first.github().checkRuns.map((k) => [k.run.status, k.run.conclusion])).toEqual([['in_progress', null], ['completed', 'success']]);
    // ...while a later run of the same gate carries the first one on and concludes it.
    const later = await laterRun(['udts-a']);
    later.observer.reading?.(loading(100, 'Done'), true);
    await later.complete({ result: resultWith('failure', [loading(100, 'Failed')]), history: NO_HISTORY }, 5_000);
    expect(first.github().checkRuns.map((k) => [k.run.status, k.run.conclusion])).toEqual([['completed', 'failure'], ['completed', 'success']]);
  });
});

describe('check run: faults never change the verdict', () => {
  it.each([401, 403, 404] as const)('%i: one warning naming checks: write, then no more GitHub calls', async (status) => {
    const { checkRun, warnings, requests } = await setup({ refuse: status });
    checkRun.observer.reading?.(loading(10), true);
    checkRun.observer.reading?.(loading(90, 'Done'), true);
    await checkRun.complete({ result: resultWith('success', [loading(100, 'Done')]), history: NO_HISTORY }, 5_000);
    expect(requests()).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^check-name .UDTS migration.: GitHub refused the check run\\. Give the job permissions: checks: write .*\\(HTTP ${status}: `));
  });

  it('a transient fault skips that update; the completion is tried again once', async () => {
    const { checkRun, github, warnings } = await setup({ faults: [{ request: 3, fault: { kind: 'http', status: 502 } }] });
    checkRun.observer.reading?.(loading(10), true);
    await checkRun.complete({ result: resultWith('success', [loading(100, 'Done')]), history: NO_HISTORY }, 5_000);
    expect(github().requests.map((r) => r.status)).toEqual([200, 201, 502, 200]);
    expect(github().checkRuns[0]?.run.conclusion).toBe('success');
    expect(warnings).toEqual([]);
  });

  it('a completion that fails twice is one warning at the end: the check run may be left in progress', async () => {
    const faults = [3, 4].map((request) => ({ request, fault: { kind: 'http' as const, status: 502 } }));
    const { checkRun, github, warnings } = await setup({ faults });
    checkRun.observer.reading?.(loading(10), true);
    await checkRun.complete({ result: resultWith('success', [loading(100, 'Done')]), history: NO_HISTORY }, 5_000);
    expect(github().checkRuns[0]?.run.status).toBe('in_progress');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^check-name 'UDTS migration': the check run could not be completed \(HTTP 502.*\); it may show an earlier state on the commit\.$/);
  });
});

describe('the commit under test', () => {
  it.each([
    ['push', { GITHUB_EVENT_NAME: 'push', GITHUB_SHA: 'push-sha' }, {}, 'push-sha'],
    ['pull_request: the head, not the merge commit', { GITHUB_EVENT_NAME: 'pull_request', GITHUB_SHA: 'merge' }, { pull_request: { head: { sha: 'head' } } }, 'head'],
    ['pull_request_target', { GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_SHA: 'base' }, { pull_request: { head: { sha: 'head' } } }, 'head'],
    ['a payload without a head', { GITHUB_EVENT_NAME: 'pull_request', GITHUB_SHA: 'merge' }, {}, 'merge'],
  ])('%s', (_name, env, payload, sha) => {
    expect(commitUnderTest(env, payload)).toBe(sha);
  });
});

describe('gateIdentity', () => {
  it('is the same for the same workflow, job and tasks in any order, and differs otherwise', () => {
    const env = { GITHUB_WORKFLOW: 'Release', GITHUB_JOB: 'gate' };
    expect(gateIdentity(env, ['b', 'a'])).toBe(gateIdentity(env, ['a', 'b']));
    expect(gateIdentity(env, ['a'])).toMatch(/^udts-wait:[0-9a-f]{24}$/);
    for (const other of [gateIdentity(env, ['a', 'c']), gateIdentity({ ...env, GITHUB_JOB: 'gate-2' }, ['a', 'b']), gateIdentity({ ...env, GITHUB_WORKFLOW: 'Nightly' }, ['a', 'b'])]) {
      expect(other).not.toBe(gateIdentity(env, ['a', 'b']));
    }
  });
});

describe('fitBytes', () => {
  it('cuts text until its UTF-8 form fits, with the marker', () => {
    const text = '✅'.repeat(30_000); // 90,000 bytes
    const fitted = fitBytes(text, 65_535);
    expect(Buffer.byteLength(fitted, 'utf8')).toBeLessThanOrEqual(65_535);
    expect(Buffer.byteLength(fitted, 'utf8')).toBeGreaterThan(60_000);
    expect(fitted).toMatch(/more characters cut\]$/);
  });
});
