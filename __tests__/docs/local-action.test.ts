/**
 * Issue 5: the action runs under @github/local-action (GitHub's own tool for running an action on a
 * workstation): `npm run local-action` starts the emulator and runs the TypeScript action through it.
 * local-action replaces @actions/core with its own stubs, so these runs also show that the action
 * needs nothing from the runner beyond what @actions/core offers.
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

const LOADING = reading('Loading', { Progress: { Percentage: 50, CurCount: 500, TotalCount: 1000 } });

describe.concurrent('npm run local-action', () => {
  it('runs the action through local-action against the emulator: outputs, notice and job summary', async () => {
    const file = scenarioFile('done', scenario({
      'udts-local-ok': [LOADING, reading('Done', { Progress: { Percentage: 100, CurCount: 1000, TotalCount: 1000 } })],
    }));
    const run = await runLocalAction(['--scenario', file, '--task-id', 'udts-local-ok', '--interval', '100ms']);

    expect(run.stdout, run.stdout).toContain('Running Action'); // local-action's own banner
    expect(run.stdout).toContain('Action Outputs');
    // Printed by local-action's setOutput stub, so @actions/core really was replaced.
    expect(run.stdout).toContain('::set-output name=result::success');
    expect(run.stdout).toContain('::set-output name=status::Done');
    expect(run.stdout).toContain('::set-output name=polls::2');
    expect(run.stdout).toMatch(/::notice title=udts-local-ok finished in [^:]+::Task udts-local-ok is Done/);
    expect(run.stdout).toContain('udts-local-ok: Loading 50%');
    // The job summary, written through local-action's summary stub.
    expect(run.stdout).toContain('## ✅ UDTS migration gate passed');
    expect(run.stdout).toContain('| `udts-local-ok` | ✅ Done |');
    // The private key is masked in the log and never printed in clear.
    expect(run.stdout).not.toContain('demo-private-key');
    expect(run.code).toBe(0);
  });

  it('reports a failed task: setFailed through the stub, result failure, exit code 1', async () => {
    const file = scenarioFile('failed', scenario({
      'udts-local-bad': [LOADING, reading('FailedUnrecoverable', { FailedMessage: 'source binlog purged' })],
    }));
    const run = await runLocalAction(['--scenario', file, '--task-id', 'udts-local-bad', '--interval', '100ms']);

    expect(run.stdout, run.stdout).toContain('::set-output name=result::failure');
    expect(run.stdout).toContain('::set-output name=failed-message::source binlog purged');
    expect(run.stdout).toMatch(/::error::.*udts-local-bad.*FailedUnrecoverable.*source binlog purged/);
    expect(run.stdout).toContain('the action\'s result output: failure');
    expect(run.code).toBe(1);
  });
});
