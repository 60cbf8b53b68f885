/**
 * dist/index.js run as the runner runs it, against the emulator, under Node 20 and Node 24: the runner
 * contract (INPUT_*, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, annotations, exit code), what goes on the
 * wire, requests side by side over sockets, and the emulator as its own process. How each outcome ends
 * the step is unit/front/action.test.ts, through the same @actions/core; the bundle ends a step with
 * exit 1 in cancel-signals, network-faults and bad-input-and-secrets. The rules (states, schedule, log
 * lines, the summary's content) are the unit tests'.
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

describe.concurrent('the action end to end', () => {
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
        // How the client sends (POST form, the signature in the body) is client.test.ts's; here, the bundle's.
        expect(request.url).toBe('/?Action=GetUDTSTaskStatus');
        expect(request.userAgent).toContain(`udts-wait/${VERSION}`);
        expect(request.params).toEqual({ Action: 'GetUDTSTaskStatus', PublicKey: DEMO_KEYS.publicKey, TaskId: 'udts-full' });
        expect(request.retCode).toBe(0); // the emulator verified every signature
      }

      expect(run.summary).toMatch(/^## ✅ UDTS migration gate passed/);
      expect(run.summary).toContain('| `udts-full` |');
      // The annotation: one notice naming the task and the time taken.
      const notices = commands(run.stdout, 'notice');
      expect(notices).toHaveLength(1);
      expect(run.stdout).toMatch(/::notice title=udts-full finished in [^:]+::Task udts-full is Done/);
    });
  }

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
