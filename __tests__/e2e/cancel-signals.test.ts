/**
 * Cancellation end to end: the runner's SIGINT or SIGTERM, mid-wait and mid-request (the API
 * hanging), ends the step by itself with result=cancelled, the last reading and a summary. Each signal,
 * each moment and each Node runs at least once with each of the others (4 runs, not all 8); in one run
 * a burst of further signals, 1 ms apart, lands while the record is being written and never kills it.
 * A cancel after the verdict, while the check run waits on GitHub, ends that wait and leaves the verdict.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { describe, it } from 'vitest';
import { DEMO_GITHUB_TOKEN } from '../../src/emulator/scenario.js';
import { startEmulator } from '../../src/emulator/server.js';
import { NODE20, NODE24, commands, expectEveryOutput, fault, reading, runtimeTitle, scenario, startAgainst } from './helpers.js';

const PROGRESS = { Percentage: 37, CurCount: 370, TotalCount: 1000 };
/** No estimate: the next poll is an interval away. */
const LOADING = reading('Loading', { Progress: PROGRESS });
/** 37% in its first second: the finish is due in under 2 s, and the next poll aims at it, well inside the interval. */
const FINISHING = reading('Loading', { Progress: { ...PROGRESS, CurDuration: 1 } });

const CASES = [
  { runtime: NODE20, signal: 'SIGINT', where: 'mid-wait', burst: false },
  { runtime: NODE20, signal: 'SIGTERM', where: 'mid-request', burst: false },
  { runtime: NODE24, signal: 'SIGINT', where: 'mid-request', burst: false },
  { runtime: NODE24, signal: 'SIGTERM', where: 'mid-wait', burst: true },
] as const;

describe.concurrent('cancellation', () => {
  for (const { runtime, signal, where, burst } of CASES) {
    const title = `${signal}${burst ? ', SIGINT, SIGTERM, ... 1 ms apart,' : ''} ${where}`;
    it.skipIf(!runtime.path)(runtimeTitle(runtime, `${title}: the step ends by itself, result=cancelled with the last reading`), async ({ expect }) => {
      // Only the signal can end either: mid-wait, the action sleeps 10 minutes between polls; mid-request, the second
      // request (aimed at the finish, a second or so later) hangs, 30 s (the interval) before its own timeout.
      const steps = where === 'mid-wait' ? [LOADING] : [FINISHING, fault({ kind: 'hang' })];
      const emulator = await startEmulator(scenario({ 'udts-c': steps }));
      let log = '';
      const { child, done } = startAgainst(emulator, 'udts-c', {
        node: runtime.path,
        inputs: { interval: where === 'mid-wait' ? '10m' : '30s', timeout: '1h' },
        onStdout: (chunk) => (log += chunk),
      });
      try {
        await expect.poll(() => log, { timeout: 10_000 }).toContain('udts-c: Loading 37%');
        if (where === 'mid-request') await expect.poll(() => emulator.stats().requests, { timeout: 10_000 }).toBe(2);
        child.kill(signal);
        for (let i = 0; burst && i < 40 && child.exitCode === null; i += 1) {
          await delay(1);
          child.kill(i % 2 ? signal : 'SIGINT');
        }
        const run = await done;

        expect(run.code).toBe(1); // it exited itself: a process killed by the signal has no exit code
        expect(emulator.stats().requests).toBe(where === 'mid-wait' ? 1 : 2);
        expect(commands(run.stdout, 'warning')).toEqual([]);
        expect(run.outputs).toMatchObject({ result: 'cancelled', status: 'Loading', percentage: '37', 'cur-count': '370', polls: where === 'mid-wait' ? '1' : '2' });
        expectEveryOutput(run);
        expect(commands(run.stdout, 'error')).toEqual([expect.stringMatching(/^Cancelled after .*; last status Loading 37%/)]);
        expect(run.summary).toMatch(/^## 🛑 UDTS migration gate cancelled/);
      } finally {
        // A test that failed before its signal leaves no action waiting an hour.
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await emulator.close();
      }
    });
  }

  it('SIGINT while the check run waits for a create GitHub left unanswered: it is completed at once, the verdict stands', async ({ expect }) => {
    // The progress update's create is carried out 7 s after it arrives and never answered: after the
    // verdict the completion waits for it, 12 s from its sending, unless a cancel ends that wait.
    const emulator = await startEmulator({ ...scenario({ 'udts-c': [LOADING, reading('Done')] }), github: { faults: [{ request: 2, fault: { kind: 'late', storeMs: 7_000 } }] } });
    let log = '';
    const { child, done } = startAgainst(emulator, 'udts-c', {
      inputs: { 'check-name': 'Migration', 'github-token': DEMO_GITHUB_TOKEN },
      env: { GITHUB_API_URL: emulator.url, GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'c'.repeat(40) },
      onStdout: (chunk) => (log += chunk),
    });
    try {
      await expect.poll(() => log, { timeout: 15_000 }).toContain('before the check run is completed');
      child.kill('SIGINT');
      const run = await done;
      expect(run.code).toBe(0);
      expect(run.outputs.result).toBe('success');
      expect(emulator.stats().github.checkRuns.map((kept) => `${kept.run.status} ${kept.run.conclusion}`)).toEqual(['completed success']);
      expect(commands(run.stdout, 'warning')).toEqual([expect.stringMatching(/creation unanswered and there is no time to wait for it/)]);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await emulator.close();
    }
  });
});
