/**
 * The CLI as shipped: dist/cli.js run as its own process against the emulator, with the
 * credentials in UCLOUD_* variables, as another CI system would run it. Also the one thing only a
 * real process shows: SIGINT (Ctrl-C, once or twice) ends it with exit code 130.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { OUTPUT_NAMES } from '../../src/report/outputs.js';
import { reading, scenario } from '../scenario.js';

const LOADING = reading('Loading', { Progress: { Percentage: 20, CurCount: 200, TotalCount: 1000 } });

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator(
    scenario({
      'udts-sub-done': [LOADING, reading('Done', { Progress: { Percentage: 100, CurCount: 1000, TotalCount: 1000 } })],
      'udts-sub-int': [LOADING],
      'udts-sub-twice': [LOADING],
    }),
  );
});
afterAll(() => emulator.close());

/** Starts dist/cli.js with only PATH and the UCLOUD_* variables in its environment. */
function startCli(args: string[]) {
  const child = spawn(process.execPath, ['dist/cli.js', ...args], {
    env: { PATH: process.env.PATH ?? '', UCLOUD_PUBLIC_KEY: 'demo-public-key', UCLOUD_PRIVATE_KEY: 'demo-private-key', UCLOUD_API_BASE_URL: emulator.url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out.stderr += chunk));
  const done = once(child, 'close').then(([code]) => code as number | null);
  return { child, out, done };
}

describe.concurrent('dist/cli.js', () => {
  it('waits, prints progress on stderr and the result as JSON on stdout, exits 0', async () => {
    const run = startCli(['--task-id', 'udts-sub-done', '--interval', '100ms', '--json']);
    const code = await run.done;
    expect(run.out.stderr).toContain('udts-sub-done: Loading 20%, 200/1,000');
    expect(run.out.stderr).toContain('Task udts-sub-done is Done');
    expect(code, run.out.stderr).toBe(0);
    const result = JSON.parse(run.out.stdout) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual([...OUTPUT_NAMES]);
    expect(result).toMatchObject({ result: 'success', status: 'Done', percentage: 100, polls: 2 });
  });

  // Which signals cancel is the shared process wiring's, shown for SIGTERM by the action's cancel-signals.
  const SIGNALS = [['once', 'udts-sub-int', 1], ['twice (Ctrl-C, Ctrl-C)', 'udts-sub-twice', 2]] as const;
  it.each(SIGNALS)('SIGINT %s mid-wait: exits 130 by itself', async (_name, taskId, times) => {
    const run = startCli(['--task-id', taskId, '--interval', '30s', '--json']);
    // Signal once the first reading is out: the CLI is then asleep until the next poll.
    await expect.poll(() => run.out.stderr, { timeout: 10_000 }).toContain(`${taskId}: Loading`);
    for (let i = 0; i < times; i += 1) run.child.kill('SIGINT');
    // 130 from the CLI itself: a process killed by the signal would have no exit code.
    expect(await run.done).toBe(130);
    if (times === 1) {
      expect(run.out.stderr).toMatch(/Cancelled after .*; last status Loading 20%/);
      expect(JSON.parse(run.out.stdout)).toMatchObject({ result: 'cancelled', status: 'Loading' });
    }
  });
});
