/**
 * dist/index.js run as the runner runs it, against the emulator, under Node 20 and Node 24: the runner
 * contract (INPUT_*, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, annotations, exit code), what goes on the
 * wire, the private key and request signatures kept out of everything visible (debug on), a run refused
 * at its inputs, requests side by side over sockets, and the emulator as its own process. How each
 * outcome ends the step is unit/front/action.test.ts; which values are refused is unit/settings.test.ts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction, startEmulatorProcess, type ActionRun } from '../../scripts/runner.mjs';
import { OUTPUT_NAMES } from '../../src/report/outputs.js';
import { sign } from '../../src/udts/signature.js';
import { BUNDLE, DEFAULT_NODE, RUNTIMES, baseInputs, commands, expectEveryOutput, fault, reading, runScenario, runtimeTitle, scenario } from './helpers.js';

const VERSION = (JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string }).version;
const KEYS = { publicKey: 'pk-e2e-public', privateKey: 'SK-e2e-7f3a9c1d-very-secret' };
const SECRET_INPUTS = { 'public-key': KEYS.publicKey, 'private-key': KEYS.privateKey };

const PROGRESS = (percentage: number, cur: number) => ({
  CurRetryCount: 0,
  MaxRetryCount: 3,
  Progress: { TotalCount: 1000, CurCount: cur, TotalDuration: 40, CurDuration: percentage / 2.5, Percentage: percentage },
  Sync: { BinlogName: 'mysql-bin.000042', BinlogPos: 4000000 + cur, BinlogGTID: 'gtid:1-9' },
});

/** Created -> Checking -> a 502 -> Dumping -> Loading (three identical readings) -> Done, with keys of its own. */
const FULL_MIGRATION = scenario(
  {
    'udts-full': [
      reading('Created'),
      reading('Checking'),
      fault({ kind: 'http', status: 502 }),
      reading('Dumping', PROGRESS(10, 100)),
      reading('Loading', PROGRESS(50, 500), 3),
      reading('Done', PROGRESS(100, 1000)),
    ],
  },
  { keys: [KEYS] },
);

/** The key is masked before anything else is written, and shows nowhere but in that one mask command. */
function expectMaskedFirst(run: ActionRun): void {
  const lines = run.stdout.split('\n');
  expect(lines[0]).toBe(`::add-mask::${KEYS.privateKey}`);
  expect([...lines.slice(1), run.stderr, JSON.stringify(run.outputs), run.summary].filter((text) => text.includes(KEYS.privateKey))).toEqual([]);
}

describe.concurrent('the action end to end', () => {
  for (const runtime of RUNTIMES) {
    it.skipIf(!runtime.path)(runtimeTitle(runtime, 'waits through Created..Loading to Done: outputs, requests, no key or signature shown'), async () => {
      const { run, emulator } = await runScenario(FULL_MIGRATION, 'udts-full', {
        node: runtime.path,
        inputs: { ...SECRET_INPUTS, 'project-id': 'org-e2e' },
        env: { RUNNER_DEBUG: '1' },
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.outputs).toMatchObject({
        result: 'success', status: 'Done', percentage: '100', 'cur-count': '1000', 'total-count': '1000', 'cur-duration': '40',
        'total-duration': '40', 'failed-message': '', 'cur-retry-count': '0', 'max-retry-count': '3', 'binlog-name': 'mysql-bin.000042',
        'binlog-pos': '4001000', 'binlog-gtid': 'gtid:1-9', 'redis-delay-time': '', 'mongo-delay-time': '', polls: '8',
      });
      expectEveryOutput(run);
      expect(JSON.parse(run.outputs.tasks ?? '')).toEqual([expect.objectContaining({ taskId: 'udts-full', status: 'Done', verdict: 'success' })]);

      // Eight requests: one per step, three for the Loading step; the finished task is not polled again.
      const requests = emulator.stats().recent;
      expect(requests.map((request) => request.retCode)).toEqual([0, 0, 'fault', 0, 0, 0, 0, 0]); // every signature verified
      for (const request of requests) {
        // How the client sends (POST form, the signature in the body) is client.test.ts's; here, the bundle's.
        expect(request.url).toBe('/?Action=GetUDTSTaskStatus');
        expect(request.userAgent).toContain(`udts-wait/${VERSION}`);
        expect(request.params).toEqual({ Action: 'GetUDTSTaskStatus', PublicKey: KEYS.publicKey, ProjectId: 'org-e2e', TaskId: 'udts-full' });
      }
      // Debug shows each request's parameters, the signature left out; no signature sent shows anywhere.
      const debug = commands(run.stdout, 'debug').filter((line) => line.startsWith('POST '));
      expect(debug).toHaveLength(8);
      for (const line of debug) {
        expect(line).toContain('"TaskId":"udts-full"');
        expect(line).not.toMatch(/signature/i);
      }
      expectMaskedFirst(run);
      const visible = [run.stdout, run.stderr, JSON.stringify(run.outputs), run.summary].join('\n');
      for (const signature of new Set(requests.map((request) => sign(request.params, KEYS.privateKey)))) expect(visible).not.toContain(signature);

      expect(run.summary).toMatch(/^## ✅ UDTS migration gate passed/);
      expect(run.summary).toContain('| `udts-full` |');
      expect(commands(run.stdout, 'warning')).toEqual([expect.stringMatching(/^udts-full: HTTP 502 from the API/)]);
      expect(commands(run.stdout, 'notice')).toEqual([expect.stringMatching(/^Task udts-full is Done/)]);
      expect(run.stdout).toMatch(/::notice title=udts-full passed the gate after [^:]+::Task udts-full is Done/);
    });
  }

  it('bad input: exit 1, the key masked before the one error naming the input, every output set (result=error), a summary, zero requests', async () => {
    const { run, emulator } = await runScenario(scenario({ 'udts-s': [reading('Done')] }), 'udts-s', {
      inputs: { ...SECRET_INPUTS, interval: 'often' },
      env: { RUNNER_DEBUG: '1' },
    });
    expect(run.code).toBe(1);
    expect(emulator.stats().requests).toBe(0);
    expectMaskedFirst(run);
    expect(commands(run.stdout, 'error')).toEqual([expect.stringContaining("Invalid interval 'often'")]);
    expect(run.outputs).toEqual({ ...Object.fromEntries(OUTPUT_NAMES.map((name) => [name, ''])), result: 'error' });
    expect(run.summary).toMatch(/^## ⚠️ UDTS migration gate could not start[\s\S]*interval/);
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
      const run = await runAction({ inputs: { ...baseInputs(emulator, 'udts-quick'), history: 'true' }, node: DEFAULT_NODE, script: BUNDLE });
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

  it("finds Node 20, the machine's node", () => {
    expect(RUNTIMES.find((r) => r.name === 'node20')?.path, RUNTIMES[0]?.missing).toBeDefined();
  });
});
