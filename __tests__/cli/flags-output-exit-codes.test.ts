/**
 * The CLI's front door: runCli in-process against the emulator. Flags mirror every action input, the
 * UCLOUD_* variables stand in for missing flags, --help lists every input, --json prints one object
 * with the action's output names, a terminal gets a live progress line, and each way a run can end
 * has its exit code. Which values an input takes, and what each message says, are the settings' and
 * the report's tests. Time is the fake clock's: the waiter's sleeps end at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../src/cli/run.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { CLI_INPUTS, INPUTS } from '../../src/core/inputs.js';
import { OUTPUT_NAMES } from '../../src/report/outputs.js';
import { VERSION, commandName } from '../../src/version.js';
import { reading, scenario } from '../scenario.js';
import { DEMO_KEY_FLAGS, recordedWorld } from './helpers.js';

const LOADING = reading('Loading', { Progress: { Percentage: 50, CurCount: 500, TotalCount: 1000, TotalDuration: 100, CurDuration: 50 } });
const DONE = reading('Done', { Progress: { Percentage: 100, CurCount: 1000, TotalCount: 1000 } });

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
      'udts-json': [LOADING, DONE],
      'udts-json-text': [reading('FailedUnrecoverable', { FailedMessage: 'line one\n##[error]x \u2028 \x1b[31m' })],
      'udts-env': { projectId: 'org-env', steps: [DONE] },
      'udts-repeat-a': [DONE],
      'udts-repeat-b': [LOADING, DONE],
    }),
  );
});
afterAll(() => emulator.close());

const requestsFor = (taskId: string) => emulator.stats().recent.filter((r) => r.params.TaskId === taskId);

/** Runs the CLI against the emulator with the demo keys; `extra` flags come after. */
async function cli(taskId: string, extra: string[] = [], overrides: Parameters<typeof recordedWorld>[1] = {}) {
  // History is a call of its own: these tests count status requests, so it is off unless a test turns it on.
  const world = recordedWorld(['--task-id', taskId, ...DEMO_KEY_FLAGS, '--api-url', emulator.url, '--interval', '100ms', '--history', 'false', ...extra], overrides);
  const code = await runCli(world);
  return { code, ...world.out };
}

describe.concurrent('flags mirror the inputs', () => {
  it('accepts every input as a --flag and sends what they say', async () => {
    const values: Record<string, string> = {
      'task-id': 'udts-project',
      'public-key': 'demo-public-key',
      'private-key': 'demo-private-key',
      'project-id': 'org-ab12',
      type: 'transfer',
      'api-url': emulator.url,
      timeout: '30s',
      interval: '200ms',
      'fail-on-timeout': 'true',
      'success-states': 'Done, Success',
      'failure-states': 'Failed, FailedUnrecoverable',
      'max-lag': '10',
      'stable-polls': '1',
      'tolerate-retries': 'false',
      wait: 'true',
      'fail-fast': 'true',
      'appear-timeout': '0',
      history: 'true',
    };
    // A new input must be added here too: the CLI is to take every one of them but the action-only ones.
    expect(Object.keys(values).sort()).toEqual(CLI_INPUTS.map((input) => input.name).sort());
    expect(INPUTS.filter((input) => !CLI_INPUTS.includes(input)).map((input) => input.name)).toEqual(['check-name', 'github-token']);
    const world = recordedWorld(Object.entries(values).flatMap(([name, value]) => [`--${name}`, value]));
    const code = await runCli(world);

    expect(world.out.stderr).toContain('Task udts-project is Done');
    expect(code).toBe(EXIT.success);
    const sent = requestsFor('udts-project').at(-1);
    expect(sent?.params).toMatchObject({ TaskId: 'udts-project', PublicKey: 'demo-public-key', ProjectId: 'org-ab12', Type: 'transfer' });
    expect(sent?.userAgent).toContain(`udts-wait/${VERSION} (cli;`);
  });

  it('takes the keys, project and endpoint from UCLOUD_* when the flags are left out', async () => {
    const world = recordedWorld(['--task-id', 'udts-env', '--interval', '100ms'], {
      env: {
        UCLOUD_PUBLIC_KEY: 'demo-public-key',
        UCLOUD_PRIVATE_KEY: 'demo-private-key',
        UCLOUD_PROJECT_ID: 'org-env',
        UCLOUD_API_BASE_URL: emulator.url,
      },
    });
    const code = await runCli(world);
    expect(code, world.out.stderr).toBe(EXIT.success);
    expect(requestsFor('udts-env').at(-1)?.params).toMatchObject({ PublicKey: 'demo-public-key', ProjectId: 'org-env' });
  });

  it('--task-id given more than once waits for every task named, as commas would', async () => {
    const run = await cli('udts-repeat-a', ['--task-id', 'udts-repeat-b', '--json']);
    expect(run.code, run.stderr).toBe(EXIT.success);
    const tasks = JSON.parse(run.stdout).tasks as Array<{ taskId: string; verdict: string }>;
    expect(tasks).toMatchObject([
      { taskId: 'udts-repeat-a', verdict: 'success' },
      { taskId: 'udts-repeat-b', verdict: 'success' },
    ]);
    expect(requestsFor('udts-repeat-b')).toHaveLength(2);
  });

  it('any other flag given twice is a usage error, not a silent pick of one; the values are not echoed', async () => {
    const world = recordedWorld(['--task-id', 'udts-usage', ...DEMO_KEY_FLAGS, '--private-key', 'second-key', '--api-url', emulator.url]);
    expect(await runCli(world)).toBe(EXIT.usage);
    expect(world.out.stderr).toMatch(/--private-key is given 2 times/);
    expect(world.out.stderr).not.toMatch(/demo-private-key|second-key/);
    expect(requestsFor('udts-usage')).toEqual([]);
  });
});

describe.concurrent('--help and --version', () => {
  it('--help lists every input as a flag with its description and default, the env fallbacks and the exit codes', async () => {
    const world = recordedWorld(['--help']);
    expect(await runCli(world)).toBe(EXIT.success);
    const help = world.out.stdout;
    for (const input of CLI_INPUTS) {
      expect(help).toContain(`--${input.name} VALUE`);
      expect(help).toContain(input.description);
      if (input.default) expect(help).toContain(`(default: ${input.default})`);
    }
    expect(help).not.toMatch(/--check-name|--github-token/);
    for (const variable of ['UCLOUD_PUBLIC_KEY', 'UCLOUD_PRIVATE_KEY', 'UCLOUD_PROJECT_ID', 'UCLOUD_API_BASE_URL']) {
      expect(help).toContain(`[env ${variable}]`);
    }
    expect(help).toContain('--json');
    expect(help).toMatch(/0 success.*1 a task failed.*2 timeout.*\n3 usage, configuration or API error, 4 unexpected error.*130 cancelled/s);
    expect(world.out.stderr).toBe('');
  });

  it.each([
    ['the bin on the PATH', '/usr/local/bin/udts-wait', 'udts-wait'],
    ['a script below the working directory', '/home/ci/udts-wait/dist/cli.js', 'node dist/cli.js'],
    ['a script elsewhere', '/opt/udts-wait/dist/emulator.js', 'node /opt/udts-wait/dist/emulator.js'],
    ['nothing known', undefined, 'udts-wait'],
  ])('--help names the command it was started as: %s', async (_what, script, command) => {
    expect(commandName(script, 'udts-wait', '/home/ci/udts-wait')).toBe(command);
    const world = recordedWorld(['--help'], { command });
    await runCli(world);
    expect(world.out.stdout).toContain(`usage: ${command} --task-id ID`);
  });

  it('-h is --help; --version prints the version', async () => {
    const short = recordedWorld(['-h']);
    expect(await runCli(short)).toBe(EXIT.success);
    expect(short.out.stdout).toContain('usage: udts-wait --task-id ID');

    const version = recordedWorld(['--version']);
    expect(await runCli(version)).toBe(EXIT.success);
    expect(version.out.stdout).toBe(`${VERSION}\n`);
  });
});

describe.concurrent('--json', () => {
  it('prints one JSON object with exactly the output names, typed for scripts; progress stays on stderr', async () => {
    const run = await cli('udts-json', ['--json']);
    expect(run.code, run.stderr).toBe(EXIT.success);
    const lines = run.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(Object.keys(result)).toEqual([...OUTPUT_NAMES]);
    // Numbers as numbers, null for what the API did not say, tasks as an array.
    expect(result).toMatchObject({ result: 'success', status: 'Done', percentage: 100, 'cur-count': 1000, 'total-count': 1000, polls: 2 });
    expect(result).toMatchObject({ 'failed-message': null, 'binlog-pos': null, 'redis-delay-time': null });
    expect(typeof result.elapsed).toBe('number');
    expect(requestsFor('udts-json')).toHaveLength(2);
    expect(result.tasks).toMatchObject([{ taskId: 'udts-json', verdict: 'success', status: 'Done', percentage: 100 }]);
    expect(run.stderr).toContain('udts-json: Loading 50%');
    expect(run.stderr).not.toContain('{');
    expect(run.stdout + run.stderr).not.toContain('demo-private-key');
  });

  it('a bad flag value with --json still prints one object: result error, nothing sent', async () => {
    const run = await cli('udts-usage', ['--timeout', 'soon', '--json']);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain("Invalid --timeout 'soon'");
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual([...OUTPUT_NAMES]);
    expect(result).toMatchObject({ result: 'error', status: null, polls: null, tasks: [] });
    expect(requestsFor('udts-usage')).toEqual([]);
  });

  it("API text keeps JSON's own escaping: it reads back unchanged, and no raw control, separator or ##[ reaches stdout", async () => {
    const run = await cli('udts-json-text', ['--json']);
    expect(run.code).toBe(EXIT.failure);
    const result = JSON.parse(run.stdout) as { 'failed-message': string; tasks: Array<{ failedMessage: string }> };
    expect(result['failed-message']).toBe('line one\n##[error]x \u2028 \x1b[31m');
    expect(result.tasks[0]?.failedMessage).toBe('line one\n##[error]x \u2028 \x1b[31m');
    for (const raw of ['##[', '\u2028', '\x1b']) expect(run.stdout).not.toContain(raw);
    expect(run.stdout.trimEnd()).not.toContain('\n');
    // On stderr, for people, the same text is sanitised: visible escapes.
    expect(run.stderr).toContain('line one\\n#\\x23[error]x \\u2028 \\x1b[31m');
  });

  it('without --json, stdout stays empty; the closing line counts one status poll as "1 status poll"', async () => {
    const run = await cli('udts-repeat-a');
    expect(run.code).toBe(EXIT.success);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Task udts-repeat-a is Done \(\S+\)\. \(1 status poll, /);
  });
});

describe.concurrent('exit codes', () => {
  it.each([
    { name: '0: the task finished', taskId: 'udts-done', flags: [], code: EXIT.success, result: 'success' },
    { name: '1: the task failed', taskId: 'udts-failed', flags: [], code: EXIT.failure, result: 'failure' },
    { name: '2: timeout', taskId: 'udts-forever', flags: ['--timeout', '2s'], code: EXIT.timeout, result: 'timeout' },
    { name: '0: timeout with --fail-on-timeout false', taskId: 'udts-forever', flags: ['--timeout', '2s', '--fail-on-timeout', 'false'], code: EXIT.success, result: 'timeout' },
    { name: '0: still running with --wait false', taskId: 'udts-forever', flags: ['--wait', 'false'], code: EXIT.success, result: 'pending' },
    { name: '3: an API error (unknown task, RetCode 230)', taskId: 'udts-no-such-task', flags: [], code: EXIT.usage, result: 'error' },
  ])('$name', async ({ taskId, flags, code, result }) => {
    const run = await cli(taskId, [...flags, '--json']);
    expect(JSON.parse(run.stdout)).toMatchObject({ result });
    expect(run.code, run.stderr).toBe(code);
  });

  it.each([
    { name: 'an unknown flag', argv: ['--task-id', 'udts-usage', '--nope'], message: /Unknown option '--nope'[\s\S]*Try --help/ },
    { name: 'a positional argument', argv: ['udts-usage'], message: /udts-wait: .*udts-usage/ },
    { name: 'a bad duration', argv: ['--task-id', 'udts-usage', ...DEMO_KEY_FLAGS, '--timeout', '5 parsecs'], message: /Invalid --timeout '5 parsecs'/ },
    { name: 'no key anywhere', argv: ['--task-id', 'udts-usage'], message: /Missing --public-key: .*UCLOUD_PUBLIC_KEY/ },
  ])('3: usage and configuration errors, before any request: $name', async ({ argv, message }) => {
    // Pointed at the emulator, so a request sent in error would show there instead of leaving the machine.
    const world = recordedWorld([...argv, '--api-url', emulator.url]);
    expect(await runCli(world)).toBe(EXIT.usage);
    expect(world.out.stderr).toMatch(message);
    expect(world.out.stdout).toBe('');
    expect(requestsFor('udts-usage')).toEqual([]);
  });
});

describe('an unexpected error', () => {
  it('exits 4 and says it is a bug, with its message and no stack; --json still gets one object', async () => {
    const world = recordedWorld(['--task-id', 'udts-a', ...DEMO_KEY_FLAGS, '--json'], {
      connect: () => {
        throw new TypeError('cannot read properties of undefined');
      },
    });
    expect(await runCli(world)).toBe(EXIT.internal);
    expect(EXIT.internal).toBe(4);
    expect(world.out.stderr).toBe('udts-wait: unexpected error: cannot read properties of undefined. This is a bug; please report it.\n');
    expect(JSON.parse(world.out.stdout)).toMatchObject({ result: 'error', tasks: [] });
  });
});

describe.concurrent('progress on a terminal', () => {
  // Carriage return and "erase line": the live line is drawn over itself.
  const REWRITE = '\r\x1b[K';

  it('with isTTY, a live line is rewritten in place (\\r\\x1b[K) while the reading does not change', async () => {
    const run = await cli('udts-live-tty', [], { isTTY: true });
    expect(run.code).toBe(EXIT.success);
    expect(run.stderr).toContain(REWRITE);
    const [, ...drawn] = run.stderr.split(REWRITE);
    // Two unchanged readings: each drawn as a live line with the time waited, and no newline.
    const live = drawn.filter((part) => part.startsWith('udts-live-tty: Loading 50%'));
    expect(live).toHaveLength(2);
    for (const part of live) expect(part).toMatch(/^udts-live-tty: Loading 50%.*, \d+ms waited$/);
    // The live line is cleared before the next whole line, which ends with a newline.
    expect(drawn.at(-1)).toMatch(/^udts-live-tty: Done 100%.*\nTask udts-live-tty is Done/);
  });

  it('without a terminal, only whole lines: no carriage returns or escape codes', async () => {
    const run = await cli('udts-live-plain');
    expect(run.code).toBe(EXIT.success);
    expect(run.stderr).not.toContain('\r');
    expect(run.stderr).not.toContain('\x1b');
    expect(run.stderr.split('\n').filter((line) => line.startsWith('udts-live-plain: Loading'))).toHaveLength(1);
  });
});
