/**
 * Issue 2 end to end: dist/index.js run as the runner runs it, against the emulator, under Node 20
 * and Node 24: the runner contract for success, failure and timeout (outputs, job summary, annotation,
 * exit code), what goes on the wire, requests side by side, and the emulator as its own process. The
 * rules (states, schedule, several tasks) are the unit tests'; how each outcome ends the step too
 * (unit/front/action.test.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction, startEmulatorProcess } from '../../scripts/runner.mjs';
import { DEMO_KEYS } from '../../src/emulator/scenario.js';
import {
  BUNDLE,
  DEFAULT_NODE,
  RUNTIMES,
  commands,
  expectEveryOutput,
  reading,
  runScenario,
  runtimeTitle,
  scenario,
  summaryRow,
  summaryTimeline,
} from './helpers.js';

const VERSION = (JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string }).version;

const PROGRESS = (percentage: number, cur: number) => ({
  CurRetryCount: 0,
  MaxRetryCount: 3,
  Progress: { TotalCount: 1000, CurCount: cur, TotalDuration: 40, CurDuration: percentage / 2.5, Percentage: percentage },
  Sync: { BinlogName: 'mysql-bin.000042', BinlogPos: 4000000 + cur, BinlogGTID: 'gtid:1-9' },
});

/** Created -> Checking -> Dumping -> Loading (three identical readings) -> Done. */
const FULL_MIGRATION = scenario({
  'udts-full': [
    reading('Created'),
    reading('Checking'),
    reading('Dumping', PROGRESS(10, 100)),
    reading('Loading', PROGRESS(50, 500), 3),
    reading('Done', PROGRESS(100, 1000)),
  ],
});

describe.concurrent('issue 2: the action end to end', () => {
  for (const runtime of RUNTIMES) {
    it.skipIf(!runtime.path)(runtimeTitle(runtime, 'waits through Created..Loading to Done: success, outputs, requests'), async () => {
      const { run, emulator } = await runScenario(FULL_MIGRATION, 'udts-full', { node: runtime.path });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.outputs).toMatchObject({
        result: 'success',
        status: 'Done',
        percentage: '100',
        'cur-count': '1000',
        'total-count': '1000',
        'cur-duration': '40',
        'total-duration': '40',
        'failed-message': '',
        'cur-retry-count': '0',
        'max-retry-count': '3',
        'binlog-name': 'mysql-bin.000042',
        'binlog-pos': '4001000',
        'binlog-gtid': 'gtid:1-9',
        'redis-delay-time': '',
        'mongo-delay-time': '',
        polls: '7',
      });
      expectEveryOutput(run);
      const tasks = JSON.parse(run.outputs.tasks ?? '') as Array<Record<string, unknown>>;
      expect(tasks).toEqual([expect.objectContaining({ taskId: 'udts-full', status: 'Done', verdict: 'success' })]);

      // Seven requests: one per step, three for the Loading step; the finished task is not polled again.
      const stats = emulator.stats();
      expect(stats.requests).toBe(7);
      for (const request of stats.recent) {
        expect(request.method).toBe('POST');
        expect(request.url).toBe('/?Action=GetUDTSTaskStatus');
        expect(request.url).not.toMatch(/Signature|PublicKey|TaskId/);
        expect(request.contentType).toMatch(/^application\/x-www-form-urlencoded/);
        expect(request.userAgent).toContain(`udts-wait/${VERSION}`);
        expect(request.params).toEqual({ Action: 'GetUDTSTaskStatus', PublicKey: DEMO_KEYS.publicKey, TaskId: 'udts-full' });
        expect(request.retCode).toBe(0); // the emulator verified every signature
      }

      // A log line per change, not per poll: Loading 50% was read three times, logged once.
      const lines = run.stdout.split('\n');
      for (const status of ['Created', 'Checking', 'Dumping', 'Loading', 'Done']) {
        expect(lines.filter((line) => line.startsWith(`udts-full: ${status}`))).toHaveLength(1);
      }
      // The job summary: headline, the task's row with its progress bar, the status timeline.
      expect(run.summary).toMatch(/^## ✅ UDTS migration gate passed/);
      const row = summaryRow(run.summary, 'udts-full');
      expect(row[1]).toBe('✅ Done');
      expect(row[2]).toBe('▓▓▓▓▓▓▓▓▓▓ 100%');
      expect(summaryTimeline(run.summary)).toEqual(['Created', 'Checking', 'Dumping', 'Loading', 'Done']);
      // The annotation: one notice naming the task and the time taken.
      const notices = commands(run.stdout, 'notice');
      expect(notices).toHaveLength(1);
      expect(run.stdout).toMatch(/::notice title=udts-full finished in [^:]+::Task udts-full is Done/);
    });
  }

  it('Failed: setFailed names task, status and FailedMessage; exit 1', async () => {
    const sc = scenario({
      'udts-bad': [reading('Loading', PROGRESS(30, 300)), reading('Failed', { ...PROGRESS(31, 310), FailedMessage: 'Duplicate entry 42 for key PRIMARY' })],
    });
    const { run, emulator } = await runScenario(sc, 'udts-bad');
    expect(run.code).toBe(1);
    const errors = commands(run.stdout, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('udts-bad');
    expect(errors[0]).toContain('Failed');
    expect(errors[0]).toContain('Duplicate entry 42 for key PRIMARY');
    expect(run.outputs).toMatchObject({
      result: 'failure',
      status: 'Failed',
      'failed-message': 'Duplicate entry 42 for key PRIMARY',
      percentage: '31',
      polls: '2',
      'failed-tasks': 'udts-bad',
      'pending-tasks': '',
    });
    expectEveryOutput(run);
    expect(emulator.stats().requests).toBe(2);
    expect(run.summary).toMatch(/^## ❌ UDTS migration gate failed/);
    expect(run.summary).toContain('> [!CAUTION]\n> **udts-bad** failed: Duplicate entry 42 for key PRIMARY');
    expect(summaryRow(run.summary, 'udts-bad').slice(1, 3)).toEqual(['❌ Failed', '▓▓▓░░░░░░░ 31%']);
    expect(summaryTimeline(run.summary)).toEqual(['Loading', 'Failed']);
  });

  it('timeout: fails naming the last status and how long it waited', async () => {
    const sc = scenario({ 'udts-slow': [reading('Loading', PROGRESS(40, 400))] });
    const { run, emulator } = await runScenario(sc, 'udts-slow', { inputs: { timeout: '1s', interval: '200ms' } });
    expect(run.code).toBe(1);
    const errors = commands(run.stdout, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Timed out after 1s/);
    expect(errors[0]).toContain('Loading 40%');
    expect(run.outputs).toMatchObject({ result: 'timeout', status: 'Loading', percentage: '40', elapsed: '1', 'failed-tasks': '', 'pending-tasks': 'udts-slow' });
    expect(Number(run.outputs.polls)).toBe(emulator.stats().requests);
    // Polls at most every 200ms within 1s, the last at the deadline: a few, never a burst (at least the
    // first and the last, however slow this machine is).
    expect(emulator.stats().requests).toBeGreaterThanOrEqual(2);
    expect(emulator.stats().requests).toBeLessThanOrEqual(8);
    expectEveryOutput(run);
    expect(run.summary).toMatch(/^## ⏱️ UDTS migration gate timed out/);
    expect(run.summary).toContain('Waited **1s**; the last reading of each task is below.');
    expect(summaryRow(run.summary, 'udts-slow').slice(1, 3)).toEqual(['⏳ Loading', '▓▓▓▓░░░░░░ 40%']);
  });

  it('polls tasks side by side over real sockets, at most 8 requests in flight', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `udts-p${i}`);
    const sc = scenario(Object.fromEntries(ids.map((id) => [id, [reading('Done')]])), { latencyMs: 150 });
    const { run, emulator } = await runScenario(sc, '', { inputs: { 'task-id': ids.join(',') } });
    expect(run.code).toBe(0);
    expect(emulator.stats().requests).toBe(12);
    expect(emulator.stats().maxInFlight).toBeGreaterThan(1);
    expect(emulator.stats().maxInFlight).toBeLessThanOrEqual(8);
  });

  it('runs against dist/emulator.js started as its own process: a scenario file to Done', async () => {
    const emulator = await startEmulatorProcess('__tests__/e2e/scenarios/quick-migration.json', { node: DEFAULT_NODE });
    try {
      const run = await runAction({
        inputs: {
          'task-id': 'udts-quick',
          'public-key': DEMO_KEYS.publicKey,
          'private-key': DEMO_KEYS.privateKey,
          'api-url': emulator.url,
          timeout: '10s',
          interval: '100ms',
        },
        node: DEFAULT_NODE,
        script: BUNDLE,
      });
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs).toMatchObject({
        result: 'success', status: 'Done', 'cur-count': '5000', 'binlog-pos': '4096', 'binlog-gtid': 'uuid:1-77', polls: '5',
      });
      expect(commands(run.stdout, 'warning')).toEqual([expect.stringMatching(/^udts-quick: HTTP 503 from the API/)]);
      // The emulator process counts what it answered, as the in-process one does.
      expect((await emulator.stats()).byTask).toEqual({ 'udts-quick': 5 });
    } finally {
      await emulator.stop();
    }
  });
});

describe('the Node runtimes', () => {
  it('Node 20, the machine\'s node, is found', () => {
    expect(RUNTIMES.find((r) => r.name === 'node20')?.path, RUNTIMES[0]?.missing).toBeDefined();
  });
});
