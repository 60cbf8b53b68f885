import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/duration.js';
import { INPUTS, type InputName, type RawInputs } from '../../src/core/inputs.js';
import { DEFAULT_API_URL, InputError, MAX_INTERVAL_MS, parseSettings, type Settings } from '../../src/core/settings.js';
import { KNOWN_STATUSES, canonicalStatus } from '../../src/udts/status.js';

type Env = Record<string, string | undefined>;

const PRIVATE_KEY = 'PRIVATE-SECRET-7f3a9c';
const BASE: RawInputs = { 'task-id': 'udts-1', 'public-key': 'pub-key', 'private-key': PRIVATE_KEY };

function parse(overrides: RawInputs = {}, env: Env = {}): Settings {
  return parseSettings({ ...BASE, ...overrides }, env);
}

/** The InputError parseSettings throws, checked: names the input and never carries the private key. */
function inputError(overrides: RawInputs, env: Env = {}): InputError {
  let caught: unknown;
  try {
    parseSettings({ ...BASE, ...overrides }, env);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InputError);
  const error = caught as InputError;
  expect(error.message).toContain(error.input);
  expect(error.message).not.toContain(PRIVATE_KEY);
  return error;
}

describe('defaults', () => {
  it('fills every input that is not given from the action defaults', () => {
    const settings = parse();
    expect(settings).toMatchObject({
      taskIds: ['udts-1'],
      publicKey: 'pub-key',
      privateKey: PRIVATE_KEY,
      projectId: undefined,
      type: undefined,
      apiUrl: `${DEFAULT_API_URL}/`,
      timeoutMs: 60 * 60_000,
      intervalMs: 15_000,
      failOnTimeout: true,
      maxLagSeconds: undefined,
      stablePolls: 1,
      tolerateRetries: false,
      wait: true,
      failFast: true,
    });
    expect([...settings.successStates]).toEqual(['Done', 'Success']);
    expect([...settings.failureStates]).toEqual(['Failed', 'FailedUnrecoverable', 'StoppedUnrecoverable', 'Stopped']);
    expect(Object.isFrozen(settings)).toBe(true);
  });

  it.each(INPUTS.filter((input) => input.default !== '').map((input) => [input.name]))(
    "blank %s ('  ') means not given: the default applies",
    (name) => {
      expect(parse({ [name]: '  ' })).toEqual(parse());
    },
  );
});

describe('task-id', () => {
  it.each([
    ['udts-1', ['udts-1']],
    ['  udts-1  ', ['udts-1']],
    ['a,b', ['a', 'b']],
    ['a b', ['a', 'b']],
    ['a\nb', ['a', 'b']],
    ['a\r\nb', ['a', 'b']],
    ['a\tb', ['a', 'b']],
    [' a , b ,, c\n', ['a', 'b', 'c']],
    ['a, b\nc d', ['a', 'b', 'c', 'd']],
    ['a,a,b,a', ['a', 'b']],
    ['b\na\nb', ['b', 'a']],
    ['udts_x.1', ['udts_x.1']],
  ])('%j -> %j', (value, ids) => {
    expect(parse({ 'task-id': value }).taskIds).toEqual(ids);
  });

  it.each([
    ['', "''", 'a UDTS task ID is required'],
    ['   ', "'   '", 'a UDTS task ID is required'],
    [',', "','", 'a UDTS task ID is required'],
    [' , \n ', "' , \n '", 'a UDTS task ID is required'],
    ['udts/1', "'udts/1'", 'a task ID holds only letters'],
    ['a;b', "'a;b'", 'a task ID holds only letters'],
    ['ok, bad$id', "'bad$id'", 'a task ID holds only letters'],
  ])('%j is refused, quoting %s: %s', (value, quoted, why) => {
    const error = inputError({ 'task-id': value });
    expect(error.input).toBe('task-id');
    expect(error.message).toContain(quoted);
    expect(error.message).toContain(why);
  });

  it('is required even when every other input is valid (no env fallback)', () => {
    const error = inputError({ 'task-id': undefined }, { UDTS_TASK_ID: 'x', UCLOUD_TASK_ID: 'x' });
    expect(error.input).toBe('task-id');
    expect(error.message).toContain('a UDTS task ID is required');
  });

  it('is refused with an InputError, an Error of that name', () => {
    expect(String(inputError({ 'task-id': '' }))).toMatch(/^InputError: Invalid task-id ''/);
  });
});

describe('keys and the UCLOUD_* environment fallbacks', () => {
  it.each([
    ['public-key', 'UCLOUD_PUBLIC_KEY'],
    ['private-key', 'UCLOUD_PRIVATE_KEY'],
  ] as const)('%s missing (input and %s empty) is refused, naming the variable', (name, variable) => {
    for (const value of [undefined, '', '   ']) {
      const error = inputError({ [name]: value }, { [variable]: '  ' });
      expect(error.input).toBe(name);
      expect(error.message).toContain(variable);
    }
  });

  it('takes the keys, project and endpoint from the environment when the inputs are empty', () => {
    const settings = parseSettings(
      { 'task-id': 'udts-1', 'public-key': '', 'private-key': '' },
      {
        UCLOUD_PUBLIC_KEY: ' env-pub ',
        UCLOUD_PRIVATE_KEY: 'env-priv',
        UCLOUD_PROJECT_ID: 'org-env',
        UCLOUD_API_BASE_URL: 'https://api.ucloud.cn',
      },
    );
    expect(settings).toMatchObject({
      publicKey: 'env-pub',
      privateKey: 'env-priv',
      projectId: 'org-env',
      apiUrl: 'https://api.ucloud.cn/',
    });
  });

  it('prefers the inputs to the environment', () => {
    const settings = parse(
      { 'project-id': 'org-input', 'api-url': 'https://api.scloudsg.com' },
      {
        UCLOUD_PUBLIC_KEY: 'env-pub',
        UCLOUD_PRIVATE_KEY: 'env-priv',
        UCLOUD_PROJECT_ID: 'org-env',
        UCLOUD_API_BASE_URL: 'https://api.ucloud.cn',
      },
    );
    expect(settings).toMatchObject({
      publicKey: 'pub-key',
      privateKey: PRIVATE_KEY,
      projectId: 'org-input',
      apiUrl: 'https://api.scloudsg.com/',
    });
  });

  it('sends no project id when neither the input nor UCLOUD_PROJECT_ID is set', () => {
    expect(parse({ 'project-id': ' ' }, { UCLOUD_PROJECT_ID: '' }).projectId).toBeUndefined();
  });

  it('validates an endpoint taken from UCLOUD_API_BASE_URL like the input', () => {
    const error = inputError({}, { UCLOUD_API_BASE_URL: 'http://api.ucloud.cn' });
    expect(error.input).toBe('api-url');
    expect(error.message).toContain("Invalid api-url (from the UCLOUD_API_BASE_URL environment variable) 'http://api.ucloud.cn'");
  });
});

describe('timeout and interval', () => {
  it.each([
    ['90', 90_000],
    ['90s', 90_000],
    ['45m', 2_700_000],
    ['1h30m', 5_400_000],
    ['2H', 7_200_000],
  ])('timeout %j -> %d ms', (value, ms) => {
    expect(parse({ timeout: value }).timeoutMs).toBe(ms);
  });

  it.each([
    ['100ms', 100],
    ['0.1', 100],
    ['5s', 5_000],
    ['1m', 60_000],
  ])('interval %j -> %d ms', (value, ms) => {
    expect(parse({ interval: value }).intervalMs).toBe(ms);
  });

  it.each(['timeout', 'interval'] as const)('%s: bad values are refused, quoting them', (name) => {
    for (const value of ['abc', '-5', '-5s', '0', '0s', '0ms', '0.0001s', '5x', '1m1h', '1h1h', 'NaN', '9'.repeat(400)]) {
      const error = inputError({ [name]: value, ...(name === 'interval' ? {} : { interval: '1s' }) });
      expect(error.input).toBe(name);
      expect(error.message).toContain(`'${value}'`);
      expect(error.message).toContain('expected a positive duration');
      expect(error.message).toMatch(/1h30m/);
    }
  });

  it.each(['99ms', '50ms', '1ms', '0.05'])('interval %j under 100ms is refused', (value) => {
    const error = inputError({ interval: value });
    expect(error.input).toBe('interval');
    expect(error.message).toContain(`'${value}'`);
    expect(error.message).toContain('100ms');
  });

  it('interval longer than timeout is refused, quoting both', () => {
    const error = inputError({ timeout: '10s', interval: '11s' });
    expect(error.input).toBe('interval');
    expect(error.message).toContain("'11s'");
    expect(error.message).toContain("'10s'");
    expect(error.message).toContain('no longer than the timeout');
  });

  it('the default interval (15s) yields to a shorter timeout', () => {
    expect(parse({ timeout: '10s' })).toMatchObject({ timeoutMs: 10_000, intervalMs: 10_000 });
    expect(parse({ timeout: '10s', interval: '  ' })).toMatchObject({ timeoutMs: 10_000, intervalMs: 10_000 });
    expect(parse({ timeout: '1m' })).toMatchObject({ timeoutMs: 60_000, intervalMs: 15_000 });
  });

  it('the shortest timeout (100ms) is accepted, the interval with it', () => {
    expect(parse({ timeout: '100ms' })).toMatchObject({ timeoutMs: 100, intervalMs: 100 });
  });

  it.each(['50ms', '0.05'])('timeout %j under 100ms is refused', (value) => {
    const error = inputError({ timeout: value });
    expect(error.input).toBe('timeout');
    expect(error.message).toContain(`'${value}'`);
    expect(error.message).toContain('100ms');
  });

  it('an interval longer than a timer can pause is refused (Node would fire it after 1 ms: a burst of polls)', () => {
    const error = inputError({ timeout: '800h', interval: '700h' });
    expect(error.input).toBe('interval');
    expect(error.message).toContain("'700h'");
    expect(error.message).toContain('at most 596h');
    expect(parse({ timeout: '800h', interval: '596h' })).toMatchObject({ intervalMs: 596 * 3_600_000 });
    expect(MAX_INTERVAL_MS).toBeLessThanOrEqual(2 ** 31 - 1);
  });

  it('interval equal to the timeout is accepted', () => {
    expect(parse({ timeout: '30s', interval: '30' })).toMatchObject({ timeoutMs: 30_000, intervalMs: 30_000 });
  });
});

describe('type', () => {
  it.each([
    ['', undefined],
    ['transfer', 'transfer'],
    [' integration ', 'integration'],
  ])('%j -> %j', (value, type) => {
    expect(parse({ type: value }).type).toBe(type);
  });

  it.each(['Transfer', 'INTEGRATION', 'migration', 'transfer,integration', '1'])('%j is refused', (value) => {
    const error = inputError({ type: value });
    expect(error.input).toBe('type');
    expect(error.message).toContain(`'${value}'`);
    expect(error.message).toContain("'transfer' or 'integration'");
  });
});

describe('api-url', () => {
  it.each([
    ['https://api.scloudsg.com', 'https://api.scloudsg.com/'],
    ['https://api.ucloud.cn/', 'https://api.ucloud.cn/'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/'],
    ['http://127.0.0.2:8080', 'http://127.0.0.2:8080/'],
    ['http://127.10.100.254:8080', 'http://127.10.100.254:8080/'],
    ['http://localhost:3000/', 'http://localhost:3000/'],
    ['HTTP://LOCALHOST:3000', 'http://localhost:3000/'],
    ['http://[::1]:9000', 'http://[::1]:9000/'],
    ['  https://api.scloudsg.com  ', 'https://api.scloudsg.com/'],
  ])('%j is accepted as %j', (value, url) => {
    expect(parse({ 'api-url': value }).apiUrl).toBe(url);
  });

  it.each([
    ['not a url', 'not a URL'],
    ['api.scloudsg.com', 'not a URL'],
    ['https://', 'not a URL'],
    ['ftp://api.scloudsg.com', 'https://'],
    ['file:///etc/passwd', 'https://'],
    ['ws://localhost:1', 'https://'],
    ['localhost:8080', 'https://'],
    ['http://api.scloudsg.com', 'loopback'],
    ['http://10.0.0.1:8080', 'loopback'],
    ['http://0.0.0.0:8080', 'loopback'],
    ['http://localhost.example.com', 'loopback'],
    // A registrable name that merely starts like a loopback address is not one.
    ['http://127.example.com', 'loopback'],
    ['http://127.0.0.1.nip.io', 'loopback'],
  ])('%j is refused (%s)', (value, why) => {
    const error = inputError({ 'api-url': value });
    expect(error.input).toBe('api-url');
    expect(error.message).toContain(`'${value}'`);
    expect(error.message).toContain(why);
  });

  // Whatever else is wrong with it (scheme, shape), a value with user-info is refused as such, never shown.
  it.each([
    ['http', 'http://apiuser:hunter2pass@api.example.com/', 'hunter2pass'],
    ['ftp', 'ftp://u:hunter2pass@host', 'hunter2pass'],
    ['malformed (a space in the host)', 'https://u:hunter2pass@exa mple.com/', 'hunter2pass'],
    ['malformed (a slash in the password)', 'https://u:hunter/2pass@api.scloudsg.com', 'hunter/2pass'],
    ['https, well formed', 'https://user:hunter2pass@api.scloudsg.com', 'hunter2pass'],
    ['a user name alone (a token)', 'https://ghp_T0KEN@api.scloudsg.com', 'ghp_T0KEN'],
    ['a password alone', 'https://:hunter2pass@api.scloudsg.com', 'hunter2pass'],
    ['percent-encoded', 'https://us%65r:hunter2%70ass@api.scloudsg.com', 'hunter2%70ass'],
    ['without slashes', 'https:ghp_T0KEN@api.scloudsg.com', 'ghp_T0KEN'],
    ['a full-width @', 'https://u:hunter2pass\uff20api.scloudsg.com', 'hunter2pass'],
  ])('refuses credentials in the URL (%s) without showing them, naming where the value came from', (_what, url, secret) => {
    const sources = [
      [{ 'api-url': url }, {}, 'Invalid api-url: '],
      [{}, { UCLOUD_API_BASE_URL: url }, 'Invalid api-url (from the UCLOUD_API_BASE_URL environment variable): '],
    ] as const;
    for (const [raw, env, start] of sources) {
      const error = inputError(raw, env);
      expect(error.input).toBe('api-url');
      expect(error.message.startsWith(start)).toBe(true);
      expect(error.message).toContain('credentials');
      expect(error.message).toContain('the API keys go in public-key and private-key');
      expect(error.message).not.toContain(secret);
    }
  });
});

describe('booleans', () => {
  const BOOLEANS = [
    ['fail-on-timeout', 'failOnTimeout'],
    ['tolerate-retries', 'tolerateRetries'],
    ['wait', 'wait'],
    ['fail-fast', 'failFast'],
    ['history', 'history'],
  ] as const;

  const WORDS = [
    ['true', true], ['True', true], ['TRUE', true], [' true ', true],
    ['false', false], ['False', false], ['FALSE', false], ['\nfalse', false],
  ] as const;

  it.each(BOOLEANS.flatMap(([name, field]) => WORDS.map(([word, value]) => [name, word, field, value] as const)))(
    '%s %j -> %s = %s',
    (name, word, field, value) => {
      expect(parse({ [name]: word })[field]).toBe(value);
    },
  );

  it.each(BOOLEANS.flatMap(([name]) => ['yes', 'no', '1', '0', 'tRUE', 'fALSE', 'on', 'off', 'y', 't'].map((word) => [name, word])))(
    '%s %j is refused',
    (name, word) => {
      const error = inputError({ [name]: word });
      expect(error.input).toBe(name);
      expect(error.message).toContain(`'${word}'`);
      expect(error.message).toContain("'true' or 'false'");
    },
  );
});

describe('success-states and failure-states', () => {
  it.each([
    ['Synced', ['Synced']],
    ['synced', ['Synced']],
    ['SYNCED, done', ['Synced', 'Done']],
    ['syncing\nsynced', ['Syncing', 'Synced']],
    ['Done Done done', ['Done']],
  ])('success-states %j -> %j', (value, states) => {
    expect([...parse({ 'success-states': value }).successStates]).toEqual(states);
  });

  it('failure-states are matched without regard to case', () => {
    expect([...parse({ 'failure-states': 'failedunrecoverable, STOPPEDUNRECOVERABLE' }).failureStates]).toEqual([
      'FailedUnrecoverable',
      'StoppedUnrecoverable',
    ]);
  });

  it.each(['success-states', 'failure-states'] as const)('%s: an unknown state is refused, listing the valid ones', (name) => {
    const error = inputError({ [name]: 'Bogus, Done' });
    expect(error.input).toBe(name);
    expect(error.message).toContain("'Bogus'");
    expect(error.message).toContain(`Valid states: ${KNOWN_STATUSES.join(', ')}.`);
  });

  it.each(['success-states', 'failure-states'] as const)('%s: a list with no state is refused', (name) => {
    const error = inputError({ [name]: ' , ' });
    expect(error.input).toBe(name);
    expect(error.message).toBe(`Invalid ${name} ',': name at least one state. Valid states: ${KNOWN_STATUSES.join(', ')}.`);
  });

  it.each(['success-states', 'failure-states'] as const)('%s: RetryPending is refused (always a waiting state)', (name) => {
    const error = inputError({ [name]: 'retrypending' });
    expect(error.input).toBe(name);
    expect(error.message).toContain('RetryPending');
  });

  it.each([
    [{ 'success-states': 'Done, Stopped' }, 'Stopped'],
    [{ 'failure-states': 'failed, done' }, 'Done'],
    [{ 'success-states': 'synced', 'failure-states': 'SYNCED' }, 'Synced'],
    [{ 'success-states': 'done stopped', 'failure-states': 'Stopped, Done' }, 'Done, Stopped'],
  ])('a state in both lists is refused: %j', (overrides, state) => {
    const error = inputError(overrides);
    expect(error.input).toBe('success-states');
    expect(error.message).toBe(`Invalid success-states/failure-states: ${state} is in both lists. A state can be one or the other.`);
  });

  it('moving a default failure state to success is fine when failure-states no longer has it', () => {
    const settings = parse({ 'success-states': 'Stopped', 'failure-states': 'Failed' });
    expect([...settings.successStates]).toEqual(['Stopped']);
    expect([...settings.failureStates]).toEqual(['Failed']);
  });
});

describe('appear-timeout', () => {
  it.each([
    ['', 0],
    ['0', 0],
    ['90', 90_000],
    ['2m', 120_000],
  ])('%j -> %d ms', (value, ms) => {
    expect(parse({ 'appear-timeout': value }).appearTimeoutMs).toBe(ms);
  });

  it.each(['abc', '-5s', '5x', '1m1h'])('%j is refused', (value) => {
    const error = inputError({ 'appear-timeout': value });
    expect(error.input).toBe('appear-timeout');
    expect(error.message).toBe(`Invalid appear-timeout '${value}': expected 0 or a duration: seconds (90) or a number with units ms, s, m, h (90s, 5m, 1h 30m).`);
  });
});

describe('check-name and github-token', () => {
  it('without check-name there is no check run, token or not', () => {
    expect(parse().checkRun).toBeUndefined();
    expect(parse({ 'github-token': 'ghs_token' }).checkRun).toBeUndefined();
  });

  it('check-name with a token is a check run', () => {
    expect(parse({ 'check-name': ' Migration ', 'github-token': 'ghs_token' }).checkRun).toEqual({ name: 'Migration', token: 'ghs_token' });
  });

  it.each([
    ['no token', {}],
    ['an empty token', { 'github-token': '  ' }],
    ['the default left unexpanded (outside GitHub Actions)', { 'github-token': '${{ github.token }}' }],
  ])('check-name with %s is a check run without a token: the action warns, it never refuses the input', (_what, token) => {
    expect(parse({ 'check-name': 'Migration', ...token }).checkRun).toEqual({ name: 'Migration', token: '' });
  });
});

describe('max-lag and stable-polls', () => {
  it.each([
    ['', undefined],
    ['0', 0],
    ['10', 10],
    ['2.5', 2.5],
    ['12.25', 12.25],
    [' 30 ', 30],
  ])('max-lag %j -> %j', (value, seconds) => {
    expect(parse({ 'max-lag': value }).maxLagSeconds).toBe(seconds);
  });

  it.each(['-1', 'abc', '1e3', '10s', 'NaN', 'Infinity', '.5', '5.', '0x10', '9'.repeat(400)])('max-lag %j is refused', (value) => {
    const error = inputError({ 'max-lag': value });
    expect(error.input).toBe('max-lag');
    expect(error.message).toContain(`'${value}'`);
    expect(error.message).toContain('expected a number of seconds');
  });

  it.each([
    ['', 1],
    ['1', 1],
    ['3', 3],
    [' 5 ', 5],
    ['12', 12],
  ])('stable-polls %j -> %d', (value, count) => {
    expect(parse({ 'stable-polls': value }).stablePolls).toBe(count);
  });

  it.each(['0', '-1', '1.5', 'abc', '3x', '1e2', '99999999999999999999'])('stable-polls %j is refused', (value) => {
    const error = inputError({ 'stable-polls': value });
    expect(error.input).toBe('stable-polls');
    expect(error.message).toContain(`'${value}'`);
    expect(error.message).toContain('a whole number, 1 or more');
  });
});

describe('property: any input text gives valid Settings or an InputError', () => {
  const INPUT_NAMES = INPUTS.map((input) => input.name) as InputName[];
  const ENV_NAMES = ['UCLOUD_PUBLIC_KEY', 'UCLOUD_PRIVATE_KEY', 'UCLOUD_PROJECT_ID', 'UCLOUD_API_BASE_URL'];

  // Fragments that make valid values likely enough that both branches of the property run.
  const token = fc.constantFrom(
    '0', '1', '15', '100', '2.5', '-', '.', 'h', 'm', 's', 'ms', 'H', 'e', ' ', ',', '\n', '\t', 'true', 'False',
    'TRUE', 'yes', 'Done', 'synced', 'failed', 'RetryPending', 'Bogus', 'transfer', 'integration', 'http://',
    'https://', 'localhost', '127.0.0.1', '[::1]', 'api.scloudsg.com', ':8080', '/', 'udts-1', 'NaN', 'Infinity',
  );
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.array(token, { maxLength: 6 }).map((parts) => parts.join('')),
    fc.constantFrom(...INPUTS.map((input) => input.default)),
  );

  function checkSettings(raw: RawInputs, env: Env, settings: Settings): void {
    const given = (name: InputName) => raw[name]?.trim() ?? '';
    expect(settings.taskIds.length).toBeGreaterThan(0);
    expect(new Set(settings.taskIds).size).toBe(settings.taskIds.length);
    for (const id of settings.taskIds) expect(id).toMatch(/^[\w.-]+$/);
    expect(settings.publicKey).not.toBe('');
    expect(settings.privateKey).not.toBe('');
    for (const ms of [settings.timeoutMs, settings.intervalMs]) {
      expect(Number.isSafeInteger(ms)).toBe(true);
      expect(ms).toBeGreaterThan(0);
    }
    expect(settings.intervalMs).toBeGreaterThanOrEqual(100);
    expect(settings.intervalMs).toBeLessThanOrEqual(settings.timeoutMs);
    expect(settings.intervalMs).toBeLessThanOrEqual(MAX_INTERVAL_MS);
    expect(Number.isSafeInteger(settings.stablePolls) && settings.stablePolls >= 1).toBe(true);
    if (settings.maxLagSeconds !== undefined) {
      expect(Number.isFinite(settings.maxLagSeconds) && settings.maxLagSeconds >= 0).toBe(true);
    }
    expect(['https:', 'http:']).toContain(new URL(settings.apiUrl).protocol);
    expect([undefined, 'transfer', 'integration']).toContain(settings.type);
    expect(settings.successStates.size).toBeGreaterThan(0);
    expect(settings.failureStates.size).toBeGreaterThan(0);
    for (const state of [...settings.successStates, ...settings.failureStates]) {
      expect(KNOWN_STATUSES).toContain(state);
    }
    expect([...settings.successStates].some((s) => settings.failureStates.has(s))).toBe(false);

    // No silent defaults: every value given is the value used.
    if (given('timeout')) expect(settings.timeoutMs).toBe(parseDuration(given('timeout')));
    if (given('interval')) expect(settings.intervalMs).toBe(parseDuration(given('interval')));
    if (given('max-lag')) expect(settings.maxLagSeconds).toBe(Number(given('max-lag')));
    if (given('stable-polls')) expect(settings.stablePolls).toBe(Number(given('stable-polls')));
    if (given('type')) expect(settings.type).toBe(given('type'));
    if (given('public-key')) expect(settings.publicKey).toBe(given('public-key'));
    if (given('private-key')) expect(settings.privateKey).toBe(given('private-key'));
    const apiUrl = given('api-url') || env.UCLOUD_API_BASE_URL?.trim();
    if (apiUrl) expect(settings.apiUrl).toBe(new URL(apiUrl).toString());
    for (const [name, field] of [
      ['fail-on-timeout', 'failOnTimeout'], ['tolerate-retries', 'tolerateRetries'], ['wait', 'wait'], ['fail-fast', 'failFast'],
    ] as const) {
      if (given(name)) expect(settings[field]).toBe(given(name).toLowerCase() === 'true');
    }
    for (const [name, field] of [['success-states', 'successStates'], ['failure-states', 'failureStates']] as const) {
      if (given(name)) {
        const names = given(name).split(/[\s,]+/).filter((s) => s !== '');
        expect([...settings[field]]).toEqual([...new Set(names.map((s) => canonicalStatus(s)))]);
      }
    }
  }

  /** True when the inputs gave Settings (checked), false when they gave an InputError (checked). */
  function outcome(raw: RawInputs, env: Env): boolean {
    let settings: Settings;
    try {
      settings = parseSettings(raw, env);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      const inputError = error as InputError;
      expect(INPUT_NAMES).toContain(inputError.input);
      expect(inputError.message).toContain(inputError.input);
      return false;
    }
    checkSettings(raw, env, settings);
    return true;
  }

  it('one input random, the rest valid: valid or an InputError', () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.constantFrom(...INPUT_NAMES), text, (name, value) => {
        if (outcome({ ...BASE, [name]: value }, {})) valid += 1;
      }),
      { numRuns: 2_000 },
    );
    // The generator reaches the valid branch too, so the Settings checks do run.
    expect(valid).toBeGreaterThan(100);
  });

  it('random records of inputs and environment: valid or an InputError', () => {
    const raw = fc.record(Object.fromEntries(INPUT_NAMES.map((name) => [name, text])) as Record<InputName, fc.Arbitrary<string>>, {
      requiredKeys: [],
    });
    const env = fc.record(Object.fromEntries(ENV_NAMES.map((name) => [name, text])), { requiredKeys: [] });
    fc.assert(
      fc.property(raw, env, (rawInputs, environment) => {
        outcome(rawInputs, environment);
      }),
      { numRuns: 2_000 },
    );
  });

  it('the private key (input or UCLOUD_PRIVATE_KEY) never appears in an InputError', () => {
    const raw = fc.record(Object.fromEntries(INPUT_NAMES.map((name) => [name, text])) as Record<InputName, fc.Arbitrary<string>>, {
      requiredKeys: [],
    });
    const secret = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 16, maxLength: 40 }).map((hex) => `SECRET-${hex}`);
    fc.assert(
      fc.property(raw, secret, fc.boolean(), (inputs, privateKey, fromEnv) => {
        const withKey = fromEnv ? { ...inputs, 'private-key': '' } : { ...inputs, 'private-key': privateKey };
        const env = fromEnv ? { UCLOUD_PRIVATE_KEY: privateKey } : {};
        try {
          parseSettings(withKey, env);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as InputError).message).not.toContain(privateKey);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('random records over a valid base: valid or an InputError', () => {
    const raw = fc.record(Object.fromEntries(INPUT_NAMES.map((name) => [name, text])) as Record<InputName, fc.Arbitrary<string>>, {
      requiredKeys: [],
    });
    fc.assert(
      fc.property(raw, (overrides) => {
        outcome({ ...BASE, 'private-key': 'a-private-key-long-enough', ...overrides }, {});
      }),
      { numRuns: 2_000 },
    );
  });
});
