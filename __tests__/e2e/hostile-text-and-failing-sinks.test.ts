/**
 * What only the bundle can show of publishing the record: a hostile API's text never commands the runner,
 * and a sink that cannot be written never silences the others.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { commands, expectEveryOutput, reading, runScenario, scenario, startAgainst } from './helpers.js';

/** Lines the runner would obey: a `::` after leading white space, or `##[` anywhere. */
const commandLines = (log: string) => log.split('\n').filter((line) => /^[\s\u0085]*::/.test(line) || line.includes('##['));

const HOSTILE = {
  Status: 'Loading\n::stop-commands::tok\n::error::pwned \x1b[32mDone ##[add-mask]Done',
  FailedMessage: 'x'.repeat(200_000),
  Progress: { Percentage: 40 },
  Sync: { BinlogName: 'b\r::add-mask::Done', BinlogPos: 4 },
};

/** The system's jq, stricter than JSON.parse about Unicode (jq 1.6 refuses a lone `\ud800`). */
const JQ = spawnSync('jq', ['--version']).status === 0;

describe.concurrent('a hostile API cannot command the runner', () => {
  // Every field and path in process: unit/front/hostile-text.property.test.ts; here, the real sinks.
  it(`only our own commands reach the log; the gate still decides; lone surrogates pass the README's jq recipe${JQ ? '' : ' [jq SKIPPED: not on the PATH]'}`, async () => {
    const sc = scenario({
      'udts-h': [reading('Loading', HOSTILE), reading('Failed', { ...HOSTILE, Status: 'Failed' })],
      'udts-u': [reading('Loading\ud800', { FailedMessage: 'x\udfff' })],
    });
    const { run } = await runScenario(sc, '', { inputs: { 'task-id': 'udts-h udts-u', timeout: '5s' } });
    for (const line of commandLines(run.stdout)) expect(line).toMatch(/^::(add-mask::demo-private-key$|(warning|error|notice)( [^:]*)?::)/);
    for (const char of ['\x1b', '\r']) expect(run.stdout).not.toContain(char);
    expect(run.stdout).toContain('udts-h: Loading\\n::stop-commands::tok\\n::error::pwned \\x1b[32mDone #\\x23[add-mask]Done');
    expect(run.stdout).toContain('binlog b\\r::add-mask::Done:4');
    // Bounded: the 200 KB FailedMessage (a status answer may hold 256 KiB) gives no log line, output or summary past its limit.
    expect(Math.max(...run.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(64 * 1024);
    expect(Buffer.byteLength(run.summary, 'utf8')).toBeLessThanOrEqual(512 * 1024);
    expect(Object.values(run.outputs).reduce((sum, value) => sum + value.length, 0)).toBeLessThanOrEqual(256 * 1024);
    expect(run.outputs.result).toBe('failure');
    expect(commands(run.stdout, 'error')).toHaveLength(1);
    expect(run.outputs['failed-message']).toMatch(/^x+… \[\d+ more characters cut\]$/);
    const recipe = '.[] | "\\(.taskId): \\(.verdict) (\\(.status // "no reading" | @json))"';
    const read = JQ ? execFileSync('jq', ['-r', recipe], { input: run.outputs.tasks, encoding: 'utf8' }) : undefined;
    if (read !== undefined) expect(read).toBe('udts-h: failure ("Failed")\nudts-u: pending ("Loading\ufffd")\n');
  });
});

describe.concurrent('one failing sink never silences the others', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator(scenario({ 'udts-s': [reading('Done', { Progress: { Percentage: 100 } })] }));
  });
  afterAll(() => emulator.close());

  it('GITHUB_OUTPUT on a full disk: the summary is written, the step fails with one error naming the file, no stack', async () => {
    const run = await startAgainst(emulator, 'udts-s', { env: { GITHUB_OUTPUT: '/dev/full' } }).done;
    expect(run.code).toBe(1);
    expect(run.summary).toMatch(/^## ✅ UDTS migration gate passed/);
    expect(commands(run.stdout, 'error')).toEqual([expect.stringMatching(/GITHUB_OUTPUT \(\/dev\/full\).*ENOSPC/)]);
    expect(commands(run.stdout, 'notice')).toHaveLength(1);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at |node:internal|^\s*\^/m);
    expect(run.stderr).toBe('');
  });

  it('GITHUB_STEP_SUMMARY unwritable: a warning says so; outputs and the verdict stand', async () => {
    const run = await startAgainst(emulator, 'udts-s', { env: { GITHUB_STEP_SUMMARY: '/nonexistent-udts-wait/summary' } }).done;
    expect(run.code).toBe(0);
    expectEveryOutput(run);
    expect(run.outputs.result).toBe('success');
    expect(commands(run.stdout, 'warning').join('\n')).toContain('GITHUB_STEP_SUMMARY (/nonexistent-udts-wait/summary)');
  });

  it('stdout closed by its reader: outputs and summary are still written, exit 0', async () => {
    const { child, done } = startAgainst(emulator, 'udts-s');
    child.stdout.destroy();
    const run = await done;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('success');
    expect(run.summary).toMatch(/^## ✅/);
  });
});
