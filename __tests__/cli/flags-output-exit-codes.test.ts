/**
 * The CLI's front door: runCli in-process against the emulator, on the fake clock. A table of outcomes
 * (exit code, the --json object, stderr), then the wiring: flags mirror every action input, UCLOUD_*
 * stand in for missing flags, --help, API text through the terminal's sinks, the live progress line.
 * Which values an input takes, and what each message says, are the settings' and the report's tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, runCli, type CliWorld } from '../../src/cli/run.js';
import { connectToApi } from '../../src/core/gate.js';
import { CLI_INPUTS, INPUTS } from '../../src/core/inputs.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { OUTPUT_NAMES } from '../../src/report/outputs.js';
import { VERSION, commandName } from '../../src/version.js';
import { FakeClock } from '../unit/fakes.js';
import { reading, scenario } from '../scenario.js';

const LOADING = reading('Loading', { Progress: { Percentage: 50, CurCount: 500, TotalCount: 1000, TotalDuration: 100, CurDuration: 50 } });
const DONE = reading('Done', { Progress: { Percentage: 100, CurCount: 1000, TotalCount: 1000 } });
const KEY_FLAGS = ['--public-key', 'demo-public-key', '--private-key', 'demo-private-key'];

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator(
    scenario({
      'udts-project': { projectId: 'org-ab12', steps: [DONE] },
      'udts-done': [LOADING, DONE],
      'udts-failed': [LOADING, reading('FailedUnrecoverable')],
      'udts-forever': [LOADING],
      'udts-live-tty': [LOADING, LOADING, LOADING, DONE],
      'udts-live-plain': [LOADING, LOADING, LOADING, DONE],
      'udts-usage': [DONE],
      // Each test that counts requests has its own task, so concurrent tests cannot disturb the count.
      'udts-json-text': [reading('FailedUnrecoverable', { FailedMessage: 'line one\n##[error]x \u2028 \x1b[31m' })],
      'udts-env': { projectId: 'org-env', steps: [DONE] },
      'udts-repeat-a': [DONE],
      'udts-repeat-b': [LOADING, DONE],
    }),
  );
});
afterAll(() => emulator.close());

const requestsFor = (taskId: string) => emulator.stats().recent.filter((r) => r.params.TaskId === taskId);

/** Runs the CLI with `argv` in a world with no environment, a fake clock, and stdout and stderr recorded. */
async function runWith(argv: string[], overrides: Partial<CliWorld> = {}) {
  const out = { stdout: '', stderr: '' };
  const world: CliWorld = {
    argv,
    env: {},
    stdout: (text) => (out.stdout += text),
    stderr: (text) => (out.stderr += text),
    isTTY: false,
    clock: new FakeClock(),
    signal: new AbortController().signal,
    connect: connectToApi,
    ...overrides,
  };
  const code = await runCli(world);
  return { code, ...out };
}

/** The flags of a run with the demo keys; history is off, since tests count status requests. */
const flags = (taskId: string, ...extra: string[]) => ['--task-id', taskId, ...KEY_FLAGS, '--interval', '100ms', '--history', 'false', ...extra];
/** Runs the CLI against the emulator, so that a request sent in error shows there instead of leaving the machine. */
const cli = (argv: string[], overrides: Partial<CliWorld> = {}) => runWith([...argv, '--api-url', emulator.url], overrides);

describe.concurrent('outcomes: the exit code, what --json prints, what stderr says', () => {
  // json: what the one object on stdout holds (undefined: stdout stays empty). No request is ever sent for udts-usage.
  it.each<[string, string[], number, Record<string, unknown> | undefined, RegExp]>([
    // Typed for scripts: numbers as numbers, null for what the API did not say, tasks as an array; progress on stderr.
    ['0: the task finished', flags('udts-done', '--json'), EXIT.success, {
      result: 'success', status: 'Done', percentage: 100, 'cur-count': 1000, 'total-count': 1000, polls: 2, elapsed: expect.any(Number),
      'failed-message': null, 'binlog-pos': null, 'redis-delay-time': null,
      tasks: [{ taskId: 'udts-done', verdict: 'success', status: 'Done', percentage: 100 }],
    }, /udts-done: Loading 50%[\s\S]*Task udts-done is Done/],
    ['1: the task failed', flags('udts-failed', '--json'), EXIT.failure, { result: 'failure' }, /udts-failed/],
    ['2: timeout', flags('udts-forever', '--timeout', '2s', '--json'), EXIT.timeout, { result: 'timeout' }, /Timed out after 2s/],
    ['0: timeout with --fail-on-timeout false', flags('udts-forever', '--timeout', '2s', '--fail-on-timeout', 'false', '--json'), EXIT.success, { result: 'timeout' }, /Timed out/],
    ['0: still running with --wait false', flags('udts-forever', '--wait', 'false', '--json'), EXIT.success, { result: 'pending' }, /Still running: udts-forever/],
    ['3: an API error (unknown task, RetCode 230)', flags('udts-no-such-task', '--json'), EXIT.usage, { result: 'error' }, /RetCode 230/],
    ['--task-id given more than once waits for every task named, as commas would', flags('udts-repeat-a', '--task-id', 'udts-repeat-b', '--json'), EXIT.success,
      { tasks: [{ taskId: 'udts-repeat-a', verdict: 'success' }, { taskId: 'udts-repeat-b', verdict: 'success' }] }, /All 2 tasks are finished/],
    ['without --json, stdout stays empty; the closing line counts one poll as "1 status poll"', flags('udts-repeat-a'), EXIT.success, undefined,
      /Task udts-repeat-a is Done \(\S+\)\. \(1 status poll, /],
    ['3: a bad flag value with --json still prints one object', flags('udts-usage', '--timeout', 'soon', '--json'), EXIT.usage,
      { result: 'error', status: null, polls: null, tasks: [] }, /Invalid --timeout 'soon'/],
    ['3: an unknown flag', ['--task-id', 'udts-usage', '--nope'], EXIT.usage, undefined, /Unknown option '--nope'[\s\S]*Try --help/],
    ['3: a positional argument', ['udts-usage'], EXIT.usage, undefined, /udts-wait: .*udts-usage/],
    ['3: a bad duration', [...flags('udts-usage'), '--timeout', '5 parsecs'], EXIT.usage, undefined, /Invalid --timeout '5 parsecs'/],
    ['3: no key anywhere', ['--task-id', 'udts-usage'], EXIT.usage, undefined, /Missing --public-key: .*UCLOUD_PUBLIC_KEY/],
    // Not a silent pick of one; neither value is echoed.
    ['3: any flag but --task-id given twice', [...flags('udts-usage'), '--private-key', 'demo-private-key-2'], EXIT.usage, undefined, /--private-key is given 2 times/],
  ])('%s', async (_name, argv, code, json, stderr) => {
    const run = await cli(argv);
    expect(run.code, run.stderr).toBe(code);
    if (json === undefined) expect(run.stdout).toBe('');
    else {
      expect(run.stdout.trimEnd()).not.toContain('\n');
      const result = JSON.parse(run.stdout) as Record<string, unknown>;
      expect(Object.keys(result)).toEqual([...OUTPUT_NAMES]);
      expect(result).toMatchObject(json);
    }
    expect(run.stderr).toMatch(stderr);
    expect(run.stderr).not.toContain('{');
    expect(run.stdout + run.stderr).not.toContain('demo-private-key');
    expect(requestsFor('udts-usage')).toEqual([]);
  });

  it('4: an unexpected error says it is a bug, with its message and no stack; --json still gets one object', async () => {
    const run = await runWith(['--task-id', 'udts-a', ...KEY_FLAGS, '--json'], {
      connect: () => {
        throw new TypeError('cannot read properties of undefined');
      },
    });
    expect([run.code, EXIT.internal]).toEqual([4, 4]);
    expect(run.stderr).toBe('udts-wait: unexpected error: cannot read properties of undefined. This is a bug; please report it.\n');
    expect(JSON.parse(run.stdout)).toMatchObject({ result: 'error', tasks: [] });
  });
});

describe.concurrent('flags and the environment', () => {
  it('accepts every input as a --flag and sends what they say', async () => {
    const values: Record<string, string> = {
      'task-id': 'udts-project', 'public-key': 'demo-public-key', 'private-key': 'demo-private-key', 'project-id': 'org-ab12',
      type: 'transfer', 'api-url': emulator.url, timeout: '30s', interval: '200ms', 'fail-on-timeout': 'true',
      'success-states': 'Done, Success', 'failure-states': 'Failed, FailedUnrecoverable', 'max-lag': '10', 'stable-polls': '1',
      'tolerate-retries': 'false', wait: 'true', 'fail-fast': 'true', 'appear-timeout': '0', history: 'true',
    };
    // A new input must be added here too: the CLI is to take every one of them but the action-only ones.
    expect(Object.keys(values).sort()).toEqual(CLI_INPUTS.map((input) => input.name).sort());
    expect(INPUTS.filter((input) => !CLI_INPUTS.includes(input)).map((input) => input.name)).toEqual(['check-name', 'github-token']);
    const run = await runWith(Object.entries(values).flatMap(([name, value]) => [`--${name}`, value]));
    expect(run.stderr).toContain('Task udts-project is Done');
    expect(run.code).toBe(EXIT.success);
    const sent = requestsFor('udts-project').at(-1);
    expect(sent?.params).toMatchObject({ TaskId: 'udts-project', PublicKey: 'demo-public-key', ProjectId: 'org-ab12', Type: 'transfer' });
    expect(sent?.userAgent).toContain(`udts-wait/${VERSION} (cli;`);
  });

  it('takes the keys, project and endpoint from UCLOUD_* when the flags are left out', async () => {
    const env = { UCLOUD_PUBLIC_KEY: 'demo-public-key', UCLOUD_PRIVATE_KEY: 'demo-private-key', UCLOUD_PROJECT_ID: 'org-env', UCLOUD_API_BASE_URL: emulator.url };
    const run = await runWith(['--task-id', 'udts-env', '--interval', '100ms'], { env });
    expect(run.code, run.stderr).toBe(EXIT.success);
    expect(requestsFor('udts-env').at(-1)?.params).toMatchObject({ PublicKey: 'demo-public-key', ProjectId: 'org-env' });
  });
});

describe.concurrent('--help and --version', () => {
  it('--help lists every input as a flag with its description and default, the env fallbacks and the exit codes', async () => {
    const { code, stdout: help, stderr } = await runWith(['--help']);
    expect(code).toBe(EXIT.success);
    for (const input of CLI_INPUTS) {
      expect(help).toContain(`--${input.name} VALUE`);
      expect(help).toContain(input.description);
      if (input.default) expect(help).toContain(`(default: ${input.default})`);
    }
    expect(help).not.toMatch(/--check-name|--github-token/);
    for (const variable of ['UCLOUD_PUBLIC_KEY', 'UCLOUD_PRIVATE_KEY', 'UCLOUD_PROJECT_ID', 'UCLOUD_API_BASE_URL']) expect(help).toContain(`[env ${variable}]`);
    expect(help).toContain('--json');
    expect(help).toMatch(/0 success.*1 a task failed.*2 timeout.*\n3 usage, configuration or API error, 4 unexpected error.*130 cancelled/s);
    expect(stderr).toBe('');
  });

  it.each([
    ['the bin on the PATH', '/usr/local/bin/udts-wait', 'udts-wait'],
    ['a script below the working directory', '/home/ci/udts-wait/dist/cli.js', 'node dist/cli.js'],
    ['a script elsewhere', '/opt/udts-wait/dist/emulator.js', 'node /opt/udts-wait/dist/emulator.js'],
    ['nothing known', undefined, 'udts-wait'],
  ])('--help names the command it was started as: %s', async (_what, script, command) => {
    expect(commandName(script, 'udts-wait', '/home/ci/udts-wait')).toBe(command);
    expect((await runWith(['--help'], { command })).stdout).toContain(`usage: ${command} --task-id ID`);
  });

  it.each([
    ['-h is --help', '-h', expect.stringContaining('usage: udts-wait --task-id ID')],
    ['--version prints the version', '--version', `${VERSION}\n`],
  ])('%s', async (_name, flag, stdout) => {
    expect(await runWith([flag])).toMatchObject({ code: EXIT.success, stdout });
  });
});

describe.concurrent('API text on stdout and stderr', () => {
  it("API text keeps JSON's own escaping: it reads back unchanged, and no raw control, separator or ##[ reaches stdout", async () => {
    const run = await cli(flags('udts-json-text', '--json'));
    expect(run.code).toBe(EXIT.failure);
    const result = JSON.parse(run.stdout) as { 'failed-message': string; tasks: Array<{ failedMessage: string }> };
    expect([result['failed-message'], result.tasks[0]?.failedMessage]).toEqual(Array(2).fill('line one\n##[error]x \u2028 \x1b[31m'));
    for (const raw of ['##[', '\u2028', '\x1b']) expect(run.stdout).not.toContain(raw);
    expect(run.stdout.trimEnd()).not.toContain('\n');
    // On stderr, for people, the same text is sanitised: visible escapes.
    expect(run.stderr).toContain('line one\\n#\\x23[error]x \\u2028 \\x1b[31m');
  });
});

describe.concurrent('progress on a terminal', () => {
  // Carriage return and "erase line": the live line is drawn over itself.
  const REWRITE = '\r\x1b[K';

  it('with isTTY, a live line is rewritten in place (\\r\\x1b[K) while the reading does not change', async () => {
    const run = await cli(flags('udts-live-tty'), { isTTY: true });
    expect(run.code).toBe(EXIT.success);
    const [, ...drawn] = run.stderr.split(REWRITE);
    // Two unchanged readings: each drawn as a live line with the time waited, and no newline.
    const live = drawn.filter((part) => part.startsWith('udts-live-tty: Loading 50%'));
    expect(live).toHaveLength(2);
    for (const part of live) expect(part).toMatch(/^udts-live-tty: Loading 50%.*, \d+ms waited$/);
    // The live line is cleared before the next whole line, which ends with a newline.
    expect(drawn.at(-1)).toMatch(/^udts-live-tty: Done 100%.*\nTask udts-live-tty is Done/);
  });

  it('without a terminal, only whole lines: no carriage returns or escape codes', async () => {
    const run = await cli(flags('udts-live-plain'));
    expect(run.code).toBe(EXIT.success);
    for (const control of ['\r', '\x1b']) expect(run.stderr).not.toContain(control);
    expect(run.stderr.split('\n').filter((line) => line.startsWith('udts-live-plain: Loading'))).toHaveLength(1);
  });
});
