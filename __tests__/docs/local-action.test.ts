/**
 * `npm run local-action` (CONTRIBUTING.md) runs: it starts the emulator and runs the TypeScript action
 * under @github/local-action, GitHub's own tool for running an action on a workstation, and exits 1
 * unless the result output is success. local-action replaces @actions/core with its own stubs, so
 * these runs also show that the action needs nothing from the runner beyond what @actions/core offers.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/emulator/scenario.js';
import { reading, scenario } from '../scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'udts-wait-local-action-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scenarioFile(name: string, script: Scenario): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(script));
  return file;
}

/** Runs `npm run local-action` as a user would (the script itself, without npm's banner). */
async function runLocalAction(args: string[]): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, ['scripts/local-action.mjs', ...args], {
    // No credentials or proxies from the outer shell: the script's .env is all the action gets.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
    const file = scenarioFile(taskId, scenario({ [taskId]: [LOADING, last] }));
    const run = await runLocalAction(['--scenario', file, '--task-id', taskId, '--interval', '100ms']);
    expect(run.stdout, run.stdout).toContain('Running Action'); // local-action's own banner
    // Printed by local-action's setOutput and summary stubs, so @actions/core really was replaced.
    expect(run.stdout).toContain(`::set-output name=result::${result}`);
    expect(run.stdout).toContain(headline);
    expect(run.stdout).not.toContain('demo-private-key');
    expect(run.code).toBe(code);
  });
});
