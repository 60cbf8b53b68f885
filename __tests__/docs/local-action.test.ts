/**
 * `npm run local-action` (CONTRIBUTING.md) runs the action under @github/local-action against the emulator, and exits 1 unless the
 * result is success. local-action stubs @actions/core, so these runs show the action needs nothing from the runner beyond it.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reading, scenario } from '../scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'udts-wait-local-action-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `npm run local-action` as a user would (the script itself, without npm's banner). */
async function runLocalAction(args: string[]): Promise<{ code: number | null; stdout: string }> {
  // No credentials or proxies from the outer shell: the script's .env is all the action gets.
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir };
  const child = spawn(process.execPath, ['scripts/local-action.mjs', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout };
}

const LOADING = reading('Loading', { Progress: { Percentage: 50 } });

describe.concurrent('npm run local-action', () => {
  it.each([
    ['a task done: exit 0', 'udts-local-ok', reading('Done', { Progress: { Percentage: 100 } }), 'success', '## ✅ UDTS migration gate passed', 0],
    ['a failed task: exit 1 (local-action itself exits 0)', 'udts-local-bad', reading('FailedUnrecoverable', { FailedMessage: 'source binlog purged' }), 'failure', '## ❌', 1],
  ])('%s; outputs and the job summary through its stubs, the key never printed', async (_name, taskId, last, result, headline, code) => {
    const file = join(dir, `${taskId}.json`);
    writeFileSync(file, JSON.stringify(scenario({ [taskId]: [LOADING, last] })));
    const run = await runLocalAction(['--scenario', file, '--task-id', taskId, '--interval', '100ms']);
    expect(run.stdout, run.stdout).toContain('Running Action'); // local-action's own banner
    // Printed by local-action's setOutput and summary stubs, so @actions/core really was replaced.
    expect(run.stdout).toContain(`::set-output name=result::${result}`);
    expect(run.stdout).toContain(headline);
    expect(run.stdout).not.toContain('demo-private-key');
    expect(run.code).toBe(code);
  });
});
