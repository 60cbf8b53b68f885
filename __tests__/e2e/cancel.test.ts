/**
 * Issue 3, cancellation end to end: the runner's SIGINT or SIGTERM, mid-wait and mid-request (the
 * API hanging), ends the step within one second with result=cancelled, the last reading and a summary.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/server.js';
import { RUNTIMES, commands, expectEveryOutput, fault, logWatcher, reading, runtimeTitle, scenario, startAgainst, summaryRow } from './helpers.js';

const LOADING = reading('Loading', { Progress: { Percentage: 37, CurCount: 370, TotalCount: 1000 } });

/** Resolves once `predicate` holds, checking every 20 ms; rejects after `timeoutMs`. */
async function eventually(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > until) throw new Error('condition never held');
    await delay(20);
  }
}

describe.concurrent('issue 3: cancellation', () => {
  for (const runtime of RUNTIMES) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const where of ['mid-wait', 'mid-request'] as const) {
        it.skipIf(!runtime.path)(runtimeTitle(runtime, `${signal} ${where}: exits non-zero within 1s, result=cancelled with the last reading`), async () => {
          // mid-wait: the task keeps loading and the action sleeps between polls (interval 2s);
          // mid-request: the second request hangs, so the signal lands while it is in flight.
          const steps = where === 'mid-wait' ? [LOADING] : [LOADING, fault({ kind: 'hang' })];
          const emulator = await startEmulator(scenario({ 'udts-c': steps }));
          try {
            const log = logWatcher();
            const { child, done } = startAgainst(emulator, 'udts-c', {
              node: runtime.path,
              inputs: { interval: where === 'mid-wait' ? '2s' : '100ms', timeout: '30s' },
              onStdout: log.onStdout,
            });
            await log.until((text) => text.includes('udts-c: Loading 37%'));
            if (where === 'mid-request') await eventually(() => emulator.stats().requests >= 2);
            else await delay(100); // well inside the 2s pause

            const signalledAt = performance.now();
            child.kill(signal);
            const run = await done;
            const exitedAfterMs = performance.now() - signalledAt;

            expect(exitedAfterMs).toBeLessThan(1_000);
            expect(run.code).not.toBe(0);
            expect(run.code).not.toBeNull(); // it exited itself, not killed by the signal
            expect(emulator.stats().requests).toBe(where === 'mid-wait' ? 1 : 2);
            expect(run.outputs).toMatchObject({
              result: 'cancelled',
              status: 'Loading',
              percentage: '37',
              'cur-count': '370',
              polls: where === 'mid-wait' ? '1' : '2',
            });
            expectEveryOutput(run);
            const errors = commands(run.stdout, 'error');
            expect(errors).toHaveLength(1);
            expect(errors[0]).toMatch(/Cancelled after .*; last status Loading 37%/);
            expect(run.summary).toMatch(/^## 🛑 UDTS migration gate cancelled/);
            expect(summaryRow(run.summary, 'udts-c').slice(1, 3)).toEqual(['⏳ Loading', '▓▓▓▓░░░░░░ 37%']);
          } finally {
            await emulator.close();
          }
        });
      }
    }
  }
});
