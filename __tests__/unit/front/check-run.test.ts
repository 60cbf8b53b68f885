/**
 * The check run against the emulator's fake of GitHub's check-runs API: created with the first
 * reading, updated on a state change or 5 points at most every 30 s, concluded for each outcome,
 * one run per gate, rate limits waited out, and silent after a refusal. Time is a variable the test
 * moves; a rate limit's wait moves it too, so no test waits for one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_GITHUB_TOKEN, type GithubScript } from '../../../src/emulator/scenario.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { finalOutput, fitBytes, progressOutput } from '../../../src/action/check-output.js';
import { commitUnderTest, gateIdentity, startCheckRun, type CheckRunHandle } from '../../../src/action/check-run.js';
import type { CompletionBudget } from '../../../src/core/run-end.js';
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
const BUDGET: CompletionBudget = { callsMs: 5_000, rateLimitMs: 90_000 };
/** What a cancel leaves; a call it cuts short is cut after this much real time. */
const AFTER_CANCEL: CompletionBudget = { callsMs: 200, rateLimitMs: 200 };
const cancelling = (signal: AbortSignal) => ({ signal, budget: AFTER_CANCEL });

/** With `githubOnTestTime`, the fake GitHub's own waits (a late fault, a slow list) end when the test's time passes them. */
async function setup(script: GithubScript = {}, { githubOnTestTime = false } = {}) {
  let nowMs = 0;
  const timers: Array<{ at: number; resolve: () => void }> = [];
  const to = (ms: number) => {
    nowMs = ms;
    const due = timers.filter((each) => each.at <= nowMs);
    timers.splice(0, timers.length, ...timers.filter((each) => each.at > nowMs));
    for (const timer of due) timer.resolve();
  };
  const githubSleep = (ms: number) => new Promise<void>((resolve) => timers.push({ at: nowMs + ms, resolve }));
  emulator ??= await startEmulator({ tasks: {}, github: script }, githubOnTestTime ? { sleep: githubSleep } : {});
  const sleeps: number[] = [];
  const warnings: string[] = [];
  const infos: string[] = [];
  /** Called as each wait of the check run begins (a test may cancel there); a wait cut short moves no time. */
  const hooks: { onSleep?: () => void } = {};
  const github = () => (emulator as RunningEmulator).stats().github;
  const gate = (taskIds = ['udts-a'], envChanges: Record<string, string> = {}) => startCheckRun({
    name: 'UDTS migration',
    token: DEMO_GITHUB_TOKEN,
    taskIds,
    env: {
      GITHUB_API_URL: `${(emulator as RunningEmulator).url}/api/v3`, GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: SHA,
      GITHUB_SERVER_URL: 'https://github.example', GITHUB_RUN_ID: '42', ...envChanges,
    },
    userAgent: 'udts-wait/test',
    warn: (line) => warnings.push(line),
    info: (line) => infos.push(line),
    clock: {
      now: () => nowMs,
      sleep: async (ms, signal) => {
        sleeps.push(ms);
        hooks.onSleep?.();
        if (!signal.aborted) to(nowMs + ms);
      },
    },
  });
  const checkRun = await gate();
  const requests = () => github().requests.map((r) => `${r.method} ${r.path.replace(/\?.*/, '')} ${r.status}`);
  const runs = () => github().checkRuns.map((kept) => `${kept.run.status} ${kept.run.conclusion}`);
  return { checkRun, gate, warnings, infos, hooks, sleeps, github, requests, runs, at: to };
}

const loading = (percentage: number, status = 'Loading'): TaskRecord => taskWith('udts-a', { status, percentage });
const ended = (outcome: Outcome, task = loading(10)) => ({ result: resultWith(outcome, [task]), history: NO_HISTORY });
/** A reading, its update then on its way (a completion called in the same tick would make it moot). */
const read = async (checkRun: CheckRunHandle, task: TaskRecord) => {
  checkRun.observer.reading?.(task, true);
  await new Promise((resolve) => setImmediate(resolve));
};
/** Lets the queued updates reach the fake; a still-running end (wait: false) adds one update of its own. */
const settle = (checkRun: CheckRunHandle) => checkRun.complete(ended('pending', loading(0)), BUDGET);

describe('check run: created, updated, concluded', () => {
  const CONCLUSIONS: Array<[Outcome, string]> = [['success', 'success'], ['failure', 'failure'], ['error', 'failure'], ['timeout', 'timed_out'], ['cancelled', 'cancelled']];
  it.each(CONCLUSIONS)('%s concludes %s; the output carries the summary and the link to the job', async (outcome, conclusion) => {
    const { checkRun, github, requests } = await setup();
    await read(checkRun, loading(10));
    await checkRun.complete(ended(outcome), BUDGET);
    expect(requests()).toEqual([
      'GET /api/v3/repos/acme/shop/commits/' + SHA + '/check-runs 200',
      'POST /api/v3/repos/acme/shop/check-runs 201',
      'PATCH /api/v3/repos/acme/shop/check-runs/1000001 200',
    ]);
    expect(github().requests[0]?.path).toMatch(/[?&]per_page=100(&|$)/);
    const [kept] = github().checkRuns;
    expect(kept?.run).toMatchObject({ name: 'UDTS migration', head_sha: SHA, status: 'completed', conclusion });
    expect(kept?.run.output.summary).toContain('(https://github.example/acme/shop/actions/runs/42)');
    expect(kept?.run.output.summary).toContain('| `udts-a` |');
  });

  it('updates on a state change or 5 points of progress, at most every 30 s', async () => {
    const { checkRun, at, github } = await setup();
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
    const writes = github().requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.body?.title}`);
    // Created, the state change, the 5 points, and the end (still running: an update, no conclusion).
    const shown = (task: TaskRecord) => progressOutput([task], undefined).title;
    expect(writes).toEqual([`POST ${shown(loading(10))}`, `PATCH ${shown(loading(12, 'Dumping'))}`, `PATCH ${shown(loading(17, 'Dumping'))}`, expect.stringMatching(/^PATCH /)]);
  });

  it('a summary cut to fit keeps its details block balanced', () => {
    const timeline = Array.from({ length: 60 }, (_, i) => ({ status: `State${i}`, at: START_MS + i * 1_000 }));
    const tasks = Array.from({ length: 200 }, (_, i) => taskWith(`udts-${i}`, { status: 'Loading', percentage: 10 }, { timeline }));
    const { summary } = finalOutput({ result: resultWith('timeout', tasks), history: NO_HISTORY }, 'https://github.example/run');
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(65_535);
    expect(summary).toContain('summary cut');
    expect(summary.split('<details>').length).toBe(summary.split('</details>').length);
  });
});

describe('check run: one per gate', () => {
  it('a later run of the gate carries its run on, leaves one with the same conclusion as it is, adds one with another; another gate keeps its own', async () => {
    const { checkRun, gate, runs, requests } = await setup();
    await read(checkRun, loading(30));
    await checkRun.complete(ended('pending', loading(30)), BUDGET); // wait: false, still running
    expect(runs()).toEqual(['in_progress null']);
    // Another gate with the same name on the same commit (other tasks) keeps a run of its own...
    const other = await gate(['udts-other']);
    await other.complete(ended('success', loading(100, 'Done')), BUDGET);
    expect(runs()).toEqual(['in_progress null', 'completed success']);
    // ...a later run of this gate concludes the first; a run after it with the same verdict adds none...
    for (const each of [await gate(), await gate()]) {
      each.observer.reading?.(loading(100, 'Done'), true); // decided at once: no progress update
      await each.complete(ended('success', loading(100, 'Done')), BUDGET);
    }
    expect(runs()).toEqual(['completed success', 'completed success']);
    expect(requests().slice(-3).map((r) => r.split(' ')[0])).toEqual(['GET', 'PATCH', 'GET']);
    // ...and one with another verdict adds a new run, the latest GitHub shows.
    await (await gate()).complete(ended('failure', loading(100, 'Failed')), BUDGET);
    expect(runs()).toEqual(['completed success', 'completed success', 'completed failure']);
  });

  it('a create that hangs is cut after half the calls\' budget: the completion, with the whole budget of its own, lists again (slowly) and concludes', async () => {
    const { checkRun, runs, requests } = await setup({ slowListMs: 300, faults: [{ request: 2, fault: { kind: 'hang' } }] });
    await read(checkRun, loading(10));
    await checkRun.complete(ended('success'), { callsMs: 1_000, rateLimitMs: 90_000 });
    expect(runs()).toEqual(['completed success']);
    expect(requests().filter((r) => !r.startsWith('POST') || r.endsWith('201')).map((r) => r.split(' ')[0])).toEqual(['GET', 'GET', 'POST']);
  });

  it('a create GitHub stores after the gate gave up on its answer is found: the completion lists again once it would be stored', async () => {
    // The progress update's create is stored 7 s after it arrived and never answered; it is cut first.
    const { checkRun, at, runs, requests, sleeps } = await setup({ faults: [{ request: 2, fault: { kind: 'late', storeMs: 7_000 } }] }, { githubOnTestTime: true });
    await read(checkRun, loading(10));
    await checkRun.complete(ended('success'), { callsMs: 400, rateLimitMs: 90_000 });
    at(60_000); // long after the step, GitHub has done all it was asked
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs()).toEqual(['completed success']);
    expect(requests().map((r) => r.replace(/ \/.* /, ' '))).toEqual(['GET 200', 'POST fault', 'GET 200', 'PATCH 200']);
    expect(sleeps).toEqual([12_000]);
  });

  it('a progress update GitHub carries out late is waited for, so the result is the last word; the wait is said', async () => {
    // The second progress update (request 3) is carried out 7 s after it arrived and never answered.
    const { checkRun, at, github, infos, sleeps } = await setup({ faults: [{ request: 3, fault: { kind: 'late', storeMs: 7_000 } }] }, { githubOnTestTime: true });
    await read(checkRun, loading(10));
    at(31_000);
    await read(checkRun, loading(60, 'Dumping'));
    const record = ended('success', loading(100, 'Done'));
    await checkRun.complete(record, { callsMs: 400, rateLimitMs: 90_000 });
    at(100_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(github().checkRuns.map((kept) => [kept.run.status, kept.run.conclusion, kept.run.output.title])).toEqual([['completed', 'success', finalOutput(record, '').title]]);
    expect(sleeps).toEqual([12_000]);
    expect(infos).toEqual(["check-name 'UDTS migration': GitHub left a call unanswered that it may still carry out; waiting 12s before the check run is completed."]);
  });
});

describe('check run: a rate limit', () => {
  it('pauses progress updates while the limit holds', async () => {
    const { checkRun, at, requests } = await setup({ rateLimits: [{ request: 1, limit: 'secondary', seconds: 60 }] });
    await read(checkRun, loading(10));
    at(45_000);
    checkRun.observer.reading?.(loading(40, 'Dumping'), true); // due, but limited
    at(61_000);
    checkRun.observer.reading?.(loading(50, 'Dumping'), true);
    await checkRun.complete(ended('success'), BUDGET);
    expect(requests().map((r) => r.replace(/ \/.* /, ' '))).toEqual(['GET 403', 'GET 200', 'POST 201', 'PATCH 200']);
  });

  it('a completion whose create GitHub left unanswered at the end of a long rate limit has no time to wait for it: said', async () => {
    const { checkRun, runs, warnings } = await setup({ rateLimits: [{ request: 1, limit: 'secondary', seconds: 89 }], faults: [{ request: 3, fault: { kind: 'hang' } }] });
    await checkRun.complete(ended('success', loading(100, 'Done')), { callsMs: 400, rateLimitMs: 90_000 });
    expect(runs()).toEqual(['completed success']);
    expect(warnings).toEqual([expect.stringMatching(/creation unanswered and there is no time to wait for it; if it is carried out late, it is a second run with the same result\.$/)]);
  });
});

describe('check run: a cancel', () => {
  it('a cancel that came before the completion (during the history) leaves it what a cancelled run gets: no minute-long wait', async () => {
    const { checkRun, requests, sleeps, warnings } = await setup({ rateLimits: [{ request: 3, limit: 'secondary', seconds: 60 }] });
    await read(checkRun, loading(10));
    await checkRun.complete(ended('success'), BUDGET, cancelling(AbortSignal.abort()));
    expect({ requests: requests().map((r) => r.replace(/ \/.* /, ' ')), sleeps }).toEqual({ requests: ['GET 200', 'POST 201', 'PATCH 403'], sleeps: [] });
    expect(warnings).toEqual([expect.stringMatching(/GitHub's rate limit \(HTTP 403: .*\) lasts until/)]);
  });

  it('a cancel during the wait for a rate limit ends it: one warning naming the limit, no call into it', async () => {
    const { checkRun, hooks, requests, warnings } = await setup({ rateLimits: [{ request: 3, limit: 'secondary', seconds: 30 }] });
    await read(checkRun, loading(10));
    const cancel = new AbortController();
    hooks.onSleep = () => cancel.abort();
    await checkRun.complete(ended('success'), BUDGET, cancelling(cancel.signal));
    expect(requests().map((r) => r.replace(/ \/.* /, ' '))).toEqual(['GET 200', 'POST 201', 'PATCH 403']);
    expect(warnings).toEqual([expect.stringMatching(/GitHub's rate limit \(HTTP 403: .*\) lasts until \d\d:\d\d:\d\d UTC, past the time/)]);
  });

  it('a cancel during the wait for a call GitHub left unanswered ends it: the run is completed at once, and what may still show is said', async () => {
    const { checkRun, hooks, at, runs, sleeps, warnings } = await setup({ faults: [{ request: 2, fault: { kind: 'late', storeMs: 7_000 } }] }, { githubOnTestTime: true });
    await read(checkRun, loading(10));
    const cancel = new AbortController();
    hooks.onSleep = () => cancel.abort();
    await checkRun.complete(ended('success'), { callsMs: 400, rateLimitMs: 90_000 }, cancelling(cancel.signal));
    expect(sleeps).toEqual([12_000]); // begun, cut at once
    expect(warnings).toEqual([expect.stringMatching(/GitHub left a check run's creation unanswered and there is no time to wait for it; if it is carried out late, it shows in progress until the gate runs again\.$/)]);
    at(60_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs()).toEqual(['completed success', 'in_progress null']);
  });

  it('a cancel during that wait lets it end when it fits in the time the cancel leaves', async () => {
    const { checkRun, hooks, at, runs, sleeps, warnings } = await setup({ faults: [{ request: 2, fault: { kind: 'late', storeMs: 7_000 } }] }, { githubOnTestTime: true });
    await read(checkRun, loading(10));
    const cancel = new AbortController();
    hooks.onSleep = () => cancel.abort();
    await checkRun.complete(ended('success'), { callsMs: 400, rateLimitMs: 90_000 }, { signal: cancel.signal, budget: { callsMs: 20_000, rateLimitMs: 20_000 } });
    at(60_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect({ sleeps, warnings, runs: runs() }).toEqual({ sleeps: [12_000], warnings: [], runs: ['completed success'] });
  });

  it('a cancel during a completion call that hangs cuts it when the time it leaves is up: said, not killed unsaid', async () => {
    const { checkRun, requests, warnings } = await setup({ faults: [{ request: 3, fault: { kind: 'hang' } }] });
    await read(checkRun, loading(10));
    const cancel = new AbortController();
    setTimeout(() => cancel.abort(), 50);
    // With 20 s of calls, the hanging call alone would take 10 s, past the test's own time.
    await checkRun.complete(ended('success'), { callsMs: 20_000, rateLimitMs: 90_000 }, cancelling(cancel.signal));
    expect(requests().map((r) => r.replace(/ \/.* /, ' '))).toEqual(['GET 200', 'POST 201', 'PATCH fault']);
    expect(warnings).toEqual(["check-name 'UDTS migration': the check run could not be completed (no answer in time); it may show an earlier state on the commit."]);
  });
});

describe('check run: a completion after one reading, GitHub scripted', () => {
  // What each limit asks for and which answers are refusals is callFault's table (check-run-api.test.ts).
  const http502 = (...requests: number[]) => ({ faults: requests.map((request) => ({ request, fault: { kind: 'http' as const, status: 502 } })) });
  const limited = (seconds: number) => ({ rateLimits: [{ request: 3, limit: 'secondary' as const, seconds }] });
  it.each<[string, GithubScript, { requests: string[]; runs: string[]; warnings: unknown[]; sleeps: number[] }]>([
    ['a completion waits for the call in flight (a slow list): one run, concluded', { slowListMs: 1_000 },
      { requests: ['GET 200', 'POST 201', 'PATCH 200'], runs: ['completed success'], warnings: [], sleeps: [] }],
    ['a create a gateway gave up on (502) may be carried out late: waited for, then listed again before creating', http502(2),
      { requests: ['GET 200', 'POST 502', 'GET 200', 'POST 201'], runs: ['completed success'], warnings: [], sleeps: [12_000] }],
    ["a create GitHub answered 500: its work is over, so it is listed again at once", { faults: [{ request: 2, fault: { kind: 'http', status: 500 } }] },
      { requests: ['GET 200', 'POST 500', 'GET 200', 'POST 201'], runs: ['completed success'], warnings: [], sleeps: [] }],
    ['a rate limit on the completion within the budget is slept out, then the run is concluded', limited(30),
      { requests: ['GET 200', 'POST 201', 'PATCH 403', 'PATCH 200'], runs: ['completed success'], warnings: [], sleeps: [30_000] }],
    ['a rate limit on the completion past the budget is not waited for: one warning naming the limit and its end', limited(3_600), {
      requests: ['GET 200', 'POST 201', 'PATCH 403'], runs: ['in_progress null'], sleeps: [],
      warnings: [expect.stringMatching(/^check-name 'UDTS migration': GitHub's rate limit \(HTTP 403: .*\) lasts until \d\d:\d\d:\d\d UTC, past the time/)],
    }],
    ['an answer past the cap is not read: a warning naming the size, the call skipped', { faults: [{ request: 1, fault: { kind: 'endless' } }] }, {
      requests: ['GET fault', 'GET 200', 'POST 201'], runs: ['completed success'], sleeps: [],
      warnings: ["check-name 'UDTS migration': GitHub's answer is larger than the 1048576 bytes read of one (it went on past them); not read, that call skipped."],
    }],
    ['a transient fault skips that update; the completion is tried again once', http502(3),
      { requests: ['GET 200', 'POST 201', 'PATCH 502', 'PATCH 200'], runs: ['completed success'], warnings: [], sleeps: [] }],
    ['a completion that fails twice is one warning at the end: the check run may be left in progress', http502(3, 4), {
      requests: ['GET 200', 'POST 201', 'PATCH 502', 'PATCH 502'], runs: ['in_progress null'], sleeps: [],
      warnings: ["check-name 'UDTS migration': the check run could not be completed (HTTP 502); it may show an earlier state on the commit."],
    }],
  ])('%s', async (_name, script, expected) => {
    const { checkRun, runs, requests, sleeps, warnings } = await setup(script);
    await read(checkRun, loading(10));
    await checkRun.complete(ended('success'), { callsMs: 7_999, rateLimitMs: 90_000 }); // an odd budget: halves that are no whole number
    expect({ requests: requests().map((r) => r.replace(/ \/.* /, ' ')), runs: runs(), warnings, sleeps }).toEqual(expected);
  });
});

describe('check run: a refusal', () => {
  it('a refusal: one warning naming checks: write, then no more GitHub calls', async () => {
    const { checkRun, warnings, requests } = await setup({ refuse: 403 });
    checkRun.observer.reading?.(loading(10), true);
    await read(checkRun, loading(90));
    await checkRun.complete(ended('success', loading(100, 'Done')), BUDGET);
    expect(requests()).toHaveLength(1);
    expect(warnings).toEqual([expect.stringMatching(/^check-name 'UDTS migration': GitHub refused the check run\. Give the job permissions: checks: write .*\(HTTP 403: /)]);
  });
});

describe('check run: nowhere to put it', () => {
  it.each([['GITHUB_REPOSITORY', { GITHUB_REPOSITORY: '' }], ['the commit', { GITHUB_SHA: '' }], ['a repository without its owner', { GITHUB_REPOSITORY: 'shop' }]])(
    'without %s: one warning, and no GitHub call at all', async (_name, envChanges) => {
      const { gate, warnings, requests } = await setup();
      const checkRun = await gate(['udts-a'], envChanges);
      await read(checkRun, loading(10));
      await checkRun.complete(ended('success'), BUDGET);
      expect(requests()).toEqual([]);
      expect(warnings).toEqual(["check-name 'UDTS migration': no check run, GITHUB_REPOSITORY or the commit (GITHUB_SHA) is not set."]);
    },
  );

  it('after the completion, a reading sends nothing (a second completion, which waits for the queue, shows it)', async () => {
    const { checkRun, requests } = await setup();
    await checkRun.complete(ended('success', loading(100, 'Done')), BUDGET);
    await read(checkRun, loading(50, 'Dumping'));
    await checkRun.complete(ended('success', loading(100, 'Done')), BUDGET);
    expect(requests().map((r) => r.split(' ')[0])).toEqual(['GET', 'POST']);
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

describe('gateIdentity: the workflow file, the job and the tasks', () => {
  const ref = (file: string, branch = 'main') => ({ GITHUB_WORKFLOW_REF: `acme/shop/.github/workflows/${file}@refs/heads/${branch}`, GITHUB_WORKFLOW: 'Release', GITHUB_JOB: 'gate' });
  it.each<[string, Record<string, string>, string[], Record<string, string>, string[], boolean]>([
    ['tasks in any order', ref('a.yml'), ['b', 'a'], ref('a.yml'), ['a', 'b'], true],
    ['another branch, even one with an @', ref('a.yml', 'fix@refs/x'), ['a'], ref('a.yml'), ['a'], true],
    ['two files with the same display name', ref('a.yml'), ['a'], ref('b.yml'), ['a'], false],
    ['another job', ref('a.yml'), ['a'], { ...ref('a.yml'), GITHUB_JOB: 'gate-2' }, ['a'], false],
    ['other tasks', ref('a.yml'), ['a'], ref('a.yml'), ['a', 'c'], false],
    ['without the ref: the display name', { GITHUB_WORKFLOW: 'Release' }, ['a'], { GITHUB_WORKFLOW: 'Nightly' }, ['a'], false],
  ])('%s', (_name, env, tasks, otherEnv, otherTasks, same) => {
    expect(gateIdentity(env, tasks)).toMatch(/^udts-wait:[0-9a-f]{24}$/);
    expect(gateIdentity(env, tasks) === gateIdentity(otherEnv, otherTasks)).toBe(same);
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
