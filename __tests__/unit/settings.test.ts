/**
 * parseSettings and the value parsers under it (src/core/settings.ts, src/core/input-values.ts): what
 * each input accepts, as what; what each refuses, with an error that names the input, quotes the value
 * and never the private key; the UCLOUD_* fallbacks; and, as properties, that any text gives valid
 * Settings or an InputError.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/duration.js';
import { INPUTS, type InputName, type RawInputs } from '../../src/core/inputs.js';
import { DEFAULT_API_URL, InputError, MAX_INTERVAL_MS, parseSettings, type Settings } from '../../src/core/settings.js';
import { KNOWN_STATUSES, canonicalStatus } from '../../src/udts/status.js';

type Env = Record<string, string | undefined>;

const PRIVATE_KEY = 'PRIVATE-SECRET-7f3a9c';
const BASE: RawInputs = { 'task-id': 'udts-1', 'public-key': 'pub-key', 'private-key': PRIVATE_KEY };
const VALID_STATES = `Valid states: ${KNOWN_STATUSES.join(', ')}.`;
const ENV_ALL = { UCLOUD_PUBLIC_KEY: ' env-pub ', UCLOUD_PRIVATE_KEY: 'env-priv', UCLOUD_PROJECT_ID: 'org-env', UCLOUD_API_BASE_URL: 'https://api.ucloud.cn' };

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
      taskIds: ['udts-1'], publicKey: 'pub-key', privateKey: PRIVATE_KEY, projectId: undefined, type: undefined, apiUrl: `${DEFAULT_API_URL}/`,
      timeoutMs: 60 * 60_000, intervalMs: 15_000, failOnTimeout: true, maxLagSeconds: undefined, stablePolls: 1, tolerateRetries: false,
      wait: true, failFast: true, appearTimeoutMs: 0, history: true, checkRun: undefined,
    });
    expect([...settings.successStates]).toEqual(['Done', 'Success']);
    expect([...settings.failureStates]).toEqual(['Failed', 'FailedUnrecoverable', 'StoppedUnrecoverable', 'Stopped']);
    expect(Object.isFrozen(settings)).toBe(true);
  });

  it.each(INPUTS.filter((input) => input.default !== '').map((input) => [input.name]))("blank %s ('  ') means not given: the default applies", (name) => {
    expect(parse({ [name]: '  ' })).toEqual(parse());
  });
});

const BOOLEANS = [
  ['fail-on-timeout', 'failOnTimeout'], ['tolerate-retries', 'tolerateRetries'], ['wait', 'wait'], ['fail-fast', 'failFast'], ['history', 'history'],
] as const;
const TRUE_FALSE = [
  ['true', true], ['True', true], ['TRUE', true], [' true ', true],
  ['false', false], ['False', false], ['FALSE', false], ['\nfalse', false],
] as const;

type Accepted = [what: string, overrides: RawInputs, env: Env, settings: Partial<Record<keyof Settings, unknown>>];

/** Inputs (and environment) that are accepted, and what the settings then hold. */
const ACCEPTED: Accepted[] = [
  ...([
    ['udts-1', ['udts-1']], ['  udts-1  ', ['udts-1']], ['a,b', ['a', 'b']], ['a b', ['a', 'b']], ['a\nb', ['a', 'b']],
    ['a\r\nb', ['a', 'b']], ['a\tb', ['a', 'b']], [' a , b ,, c\n', ['a', 'b', 'c']], ['a, b\nc d', ['a', 'b', 'c', 'd']],
    ['a,a,b,a', ['a', 'b']], ['b\na\nb', ['b', 'a']], ['udts_x.1', ['udts_x.1']],
  ] as const).map(([value, taskIds]): Accepted => [`task-id ${JSON.stringify(value)}`, { 'task-id': value }, {}, { taskIds }]),
  ['keys, project and endpoint from UCLOUD_* when the inputs are empty', { 'public-key': '', 'private-key': '' }, ENV_ALL,
    { publicKey: 'env-pub', privateKey: 'env-priv', projectId: 'org-env', apiUrl: 'https://api.ucloud.cn/' }],
  ['the inputs before UCLOUD_*', { 'project-id': 'org-input', 'api-url': 'https://api.scloudsg.com' }, ENV_ALL,
    { publicKey: 'pub-key', privateKey: PRIVATE_KEY, projectId: 'org-input', apiUrl: 'https://api.scloudsg.com/' }],
  ['no project id when neither the input nor UCLOUD_PROJECT_ID is set', { 'project-id': ' ' }, { UCLOUD_PROJECT_ID: '' }, { projectId: undefined }],
  ...([['90', 90_000], ['90s', 90_000], ['45m', 2_700_000], ['1h30m', 5_400_000], ['2H', 7_200_000]] as const)
    .map(([value, ms]): Accepted => [`timeout ${value}`, { timeout: value }, {}, { timeoutMs: ms }]),
  ...([['100ms', 100], ['0.1', 100], ['5s', 5_000], ['1m', 60_000]] as const)
    .map(([value, ms]): Accepted => [`interval ${value}`, { interval: value }, {}, { intervalMs: ms }]),
  ['the default interval (15s) yields to a shorter timeout', { timeout: '10s' }, {}, { timeoutMs: 10_000, intervalMs: 10_000 }],
  ['the default interval yields when the interval is blank too', { timeout: '10s', interval: '  ' }, {}, { timeoutMs: 10_000, intervalMs: 10_000 }],
  ['the default interval under a longer timeout', { timeout: '1m' }, {}, { timeoutMs: 60_000, intervalMs: 15_000 }],
  ['the shortest timeout (100ms), the interval with it', { timeout: '100ms' }, {}, { timeoutMs: 100, intervalMs: 100 }],
  ['an interval equal to the timeout', { timeout: '30s', interval: '30' }, {}, { timeoutMs: 30_000, intervalMs: 30_000 }],
  ['the longest interval a timer can pause', { timeout: '800h', interval: '596h' }, {}, { intervalMs: 596 * 3_600_000 }],
  ...([['', undefined], ['transfer', 'transfer'], [' integration ', 'integration']] as const)
    .map(([value, type]): Accepted => [`type ${JSON.stringify(value)}`, { type: value }, {}, { type }]),
  ...([
    ['https://api.scloudsg.com', 'https://api.scloudsg.com/'], ['https://api.ucloud.cn/', 'https://api.ucloud.cn/'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/'], ['http://127.0.0.2:8080', 'http://127.0.0.2:8080/'],
    ['http://127.10.100.254:8080', 'http://127.10.100.254:8080/'], ['http://localhost:3000/', 'http://localhost:3000/'],
    ['HTTP://LOCALHOST:3000', 'http://localhost:3000/'], ['http://[::1]:9000', 'http://[::1]:9000/'],
    ['  https://api.scloudsg.com  ', 'https://api.scloudsg.com/'],
  ] as const).map(([value, apiUrl]): Accepted => [`api-url ${JSON.stringify(value)}`, { 'api-url': value }, {}, { apiUrl }]),
  ...BOOLEANS.flatMap(([name, field]) => TRUE_FALSE.map(([word, value]): Accepted => [`${name} ${JSON.stringify(word)}`, { [name]: word }, {}, { [field]: value }])),
  ...([['', 0], ['0', 0], ['90', 90_000], ['2m', 120_000]] as const)
    .map(([value, ms]): Accepted => [`appear-timeout ${JSON.stringify(value)}`, { 'appear-timeout': value }, {}, { appearTimeoutMs: ms }]),
  ['a token without check-name: no check run', { 'github-token': 'ghs_token' }, {}, { checkRun: undefined }],
  ['check-name with a token', { 'check-name': ' Migration ', 'github-token': 'ghs_token' }, {}, { checkRun: { name: 'Migration', token: 'ghs_token' } }],
  // Without a token the action warns; it never refuses the input.
  ['check-name without a token', { 'check-name': 'Migration' }, {}, { checkRun: { name: 'Migration', token: '' } }],
  ['check-name with an empty token', { 'check-name': 'Migration', 'github-token': '  ' }, {}, { checkRun: { name: 'Migration', token: '' } }],
  ['check-name with the default token left unexpanded (outside GitHub Actions)', { 'check-name': 'Migration', 'github-token': '${{ github.token }}' }, {},
    { checkRun: { name: 'Migration', token: '' } }],
  ...([['', undefined], ['0', 0], ['10', 10], ['2.5', 2.5], ['12.25', 12.25], [' 30 ', 30]] as const)
    .map(([value, seconds]): Accepted => [`max-lag ${JSON.stringify(value)}`, { 'max-lag': value }, {}, { maxLagSeconds: seconds }]),
  ...([['', 1], ['1', 1], ['3', 3], [' 5 ', 5], ['12', 12]] as const)
    .map(([value, count]): Accepted => [`stable-polls ${JSON.stringify(value)}`, { 'stable-polls': value }, {}, { stablePolls: count }]),
];

describe('accepted', () => {
  it.each(ACCEPTED)('%s', (_what, overrides, env, expected) => {
    expect(parse(overrides, env)).toMatchObject(expected);
  });

  it.each([
    ['success-states', 'Synced', ['Synced']],
    ['success-states', 'synced', ['Synced']],
    ['success-states', 'SYNCED, done', ['Synced', 'Done']],
    ['success-states', 'syncing\nsynced', ['Syncing', 'Synced']],
    ['success-states', 'Done Done done', ['Done']],
    ['failure-states', 'failedunrecoverable, STOPPEDUNRECOVERABLE', ['FailedUnrecoverable', 'StoppedUnrecoverable']],
  ] as const)('%s %j -> %j, in any case', (name, value, states) => {
    const field = name === 'success-states' ? 'successStates' : 'failureStates';
    expect([...parse({ [name]: value })[field]]).toEqual(states);
  });

  it('a default failure state may move to success when failure-states no longer has it', () => {
    const settings = parse({ 'success-states': 'Stopped', 'failure-states': 'Failed' });
    expect([...settings.successStates, '/', ...settings.failureStates]).toEqual(['Stopped', '/', 'Failed']);
  });

  it('the longest interval stays within what a Node timer can pause', () => {
    expect(MAX_INTERVAL_MS).toBeLessThanOrEqual(2 ** 31 - 1);
  });
});

type Refusal = [what: string, overrides: RawInputs, env: Env, input: string, says: string | readonly string[], never?: string];
const refused = (name: InputName, values: readonly string[], says: (value: string) => string | readonly string[], extra: RawInputs = {}): Refusal[] =>
  values.map((value) => [`${name} ${JSON.stringify(value)}`, { ...extra, [name]: value }, {}, name, says(value)]);
const BAD_DURATIONS = ['abc', '-5', '-5s', '0', '0s', '0ms', '0.0001s', '5x', '1m1h', '1h1h', 'NaN', '9'.repeat(400)];

/**
 * Inputs that are refused: the input the error names, and what its message says (a string: the whole
 * message; a list: parts it contains); `never`: what it must not repeat.
 */
const REFUSED: Refusal[] = [
  ...([['', "''"], ['   ', "'   '"], [',', "','"], [' , \n ', "' , \n '"]] as const)
    .map(([value, quoted]): Refusal => [`task-id ${JSON.stringify(value)}`, { 'task-id': value }, {}, 'task-id', [`Invalid task-id ${quoted}`, 'a UDTS task ID is required']]),
  ...([['udts/1', "'udts/1'"], ['a;b', "'a;b'"], ['ok, bad$id', "'bad$id'"]] as const)
    .map(([value, quoted]): Refusal => [`task-id ${JSON.stringify(value)}`, { 'task-id': value }, {}, 'task-id', [quoted, 'a task ID holds only letters']]),
  ['task-id missing, with no environment fallback', { 'task-id': undefined }, { UDTS_TASK_ID: 'x', UCLOUD_TASK_ID: 'x' }, 'task-id', ['a UDTS task ID is required']],
  ...(['public-key', 'private-key'] as const).flatMap((name) => [undefined, '', '   '].map((value): Refusal => {
    const variable = name === 'public-key' ? 'UCLOUD_PUBLIC_KEY' : 'UCLOUD_PRIVATE_KEY';
    return [`${name} ${JSON.stringify(value)} and ${variable} blank`, { [name]: value }, { [variable]: '  ' }, name, [variable]];
  })),
  ['an endpoint from UCLOUD_API_BASE_URL, checked like the input', {}, { UCLOUD_API_BASE_URL: 'http://api.ucloud.cn' }, 'api-url', ["'http://api.ucloud.cn'"]],
  ...refused('timeout', BAD_DURATIONS, (value) => [`'${value}'`, 'expected a positive duration', '1h30m'], { interval: '1s' }),
  ...refused('interval', BAD_DURATIONS, (value) => [`'${value}'`, 'expected a positive duration', '1h30m']),
  ...refused('interval', ['99ms', '50ms', '1ms', '0.05'], (value) => [`'${value}'`, '100ms']),
  ...refused('timeout', ['50ms', '0.05'], (value) => [`'${value}'`, '100ms']),
  ['an interval longer than the timeout', { timeout: '10s', interval: '11s' }, {}, 'interval', ["'11s'", "'10s'", 'no longer than the timeout']],
  // Node would fire a longer timer after 1 ms: a burst of polls.
  ['an interval longer than a timer can pause', { timeout: '800h', interval: '700h' }, {}, 'interval', ["'700h'", 'at most 596h']],
  ...refused('type', ['Transfer', 'INTEGRATION', 'migration', 'transfer,integration', '1'], (value) => [`'${value}'`, "'transfer' or 'integration'"]),
  ...([
    ['not a url', 'not a URL'], ['api.scloudsg.com', 'not a URL'], ['https://', 'not a URL'],
    ['ftp://api.scloudsg.com', 'https://'], ['file:///etc/passwd', 'https://'], ['ws://localhost:1', 'https://'], ['localhost:8080', 'https://'],
    ['http://api.scloudsg.com', 'loopback'], ['http://10.0.0.1:8080', 'loopback'], ['http://0.0.0.0:8080', 'loopback'],
    ['http://localhost.example.com', 'loopback'],
    // A registrable name that merely starts like a loopback address is not one.
    ['http://127.example.com', 'loopback'], ['http://127.0.0.1.nip.io', 'loopback'],
  ] as const).map(([value, why]): Refusal => [`api-url ${JSON.stringify(value)}`, { 'api-url': value }, {}, 'api-url', [`'${value}'`, why]]),
  // Whatever else is wrong with it (scheme, shape), a value with user-info is refused as such, never
  // shown, and the message names where it came from.
  ...([
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
  ] as const).flatMap(([what, url, secret]): Refusal[] => [
    [`api-url with credentials (${what})`, { 'api-url': url }, {}, 'api-url', ['Invalid api-url: ', 'credentials', 'the API keys go in public-key and private-key'], secret],
    [`UCLOUD_API_BASE_URL with credentials (${what})`, {}, { UCLOUD_API_BASE_URL: url }, 'api-url', ['Invalid api-url (from the UCLOUD_API_BASE_URL environment variable): ', 'credentials'], secret],
  ]),
  ...BOOLEANS.flatMap(([name]) => refused(name, ['yes', 'no', '1', '0', 'tRUE', 'fALSE', 'on', 'off', 'y', 't'], (value) => [`'${value}'`, "'true' or 'false'"])),
  ...(['success-states', 'failure-states'] as const).flatMap((name): Refusal[] => [
    [`${name} with an unknown state`, { [name]: 'Bogus, Done' }, {}, name, ["'Bogus'", VALID_STATES]],
    [`${name} with no state`, { [name]: ' , ' }, {}, name, `Invalid ${name} ',': name at least one state. ${VALID_STATES}`],
    [`${name} with RetryPending (always a waiting state)`, { [name]: 'retrypending' }, {}, name, ['RetryPending']],
  ]),
  ...([
    [{ 'success-states': 'Done, Stopped' }, 'Stopped'],
    [{ 'failure-states': 'failed, done' }, 'Done'],
    [{ 'success-states': 'synced', 'failure-states': 'SYNCED' }, 'Synced'],
    [{ 'success-states': 'done stopped', 'failure-states': 'Stopped, Done' }, 'Done, Stopped'],
  ] as const).map(([overrides, state]): Refusal => [`a state in both lists: ${JSON.stringify(overrides)}`, overrides, {}, 'success-states',
    `Invalid success-states/failure-states: ${state} is in both lists. A state can be one or the other.`]),
  ...refused('appear-timeout', ['abc', '-5s', '5x', '1m1h'], (value) =>
    `Invalid appear-timeout '${value}': expected 0 or a duration: seconds (90) or a number with units ms, s, m, h (90s, 5m, 1h 30m).`),
  ...refused('max-lag', ['-1', 'abc', '1e3', '10s', 'NaN', 'Infinity', '.5', '5.', '0x10', '9'.repeat(400)], (value) => [`'${value}'`, 'expected a number of seconds']),
  ...refused('stable-polls', ['0', '-1', '1.5', 'abc', '3x', '1e2', '99999999999999999999'], (value) => [`'${value}'`, 'a whole number, 1 or more']),
];

describe('refused', () => {
  it.each(REFUSED)('%s', (_what, overrides, env, input, says, never) => {
    const error = inputError(overrides, env);
    expect(error.input).toBe(input);
    if (typeof says === 'string') expect(error.message).toBe(says);
    else for (const part of says) expect(error.message).toContain(part);
    if (never !== undefined) expect(error.message).not.toContain(never);
  });

  it('with an InputError, an Error of that name', () => {
    expect(String(inputError({ 'task-id': '' }))).toMatch(/^InputError: Invalid task-id ''/);
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
    for (const ms of [settings.timeoutMs, settings.intervalMs]) expect(Number.isSafeInteger(ms) && ms > 0).toBe(true);
    expect(settings.intervalMs).toBeGreaterThanOrEqual(100);
    expect(settings.intervalMs).toBeLessThanOrEqual(settings.timeoutMs);
    expect(settings.intervalMs).toBeLessThanOrEqual(MAX_INTERVAL_MS);
    expect(Number.isSafeInteger(settings.stablePolls) && settings.stablePolls >= 1).toBe(true);
    if (settings.maxLagSeconds !== undefined) expect(Number.isFinite(settings.maxLagSeconds) && settings.maxLagSeconds >= 0).toBe(true);
    expect(['https:', 'http:']).toContain(new URL(settings.apiUrl).protocol);
    expect([undefined, 'transfer', 'integration']).toContain(settings.type);
    expect(settings.successStates.size).toBeGreaterThan(0);
    expect(settings.failureStates.size).toBeGreaterThan(0);
    for (const state of [...settings.successStates, ...settings.failureStates]) expect(KNOWN_STATUSES).toContain(state);
    expect([...settings.successStates].some((s) => settings.failureStates.has(s))).toBe(false);

    // No silent defaults: every value given is the value used.
    const asGiven = (value: string) => value;
    for (const [name, field, read] of [
      ['timeout', 'timeoutMs', parseDuration], ['interval', 'intervalMs', parseDuration], ['max-lag', 'maxLagSeconds', Number], ['stable-polls', 'stablePolls', Number],
      ['type', 'type', asGiven], ['public-key', 'publicKey', asGiven], ['private-key', 'privateKey', asGiven],
    ] as const) {
      if (given(name)) expect(settings[field]).toBe(read(given(name)));
    }
    const apiUrl = given('api-url') || env.UCLOUD_API_BASE_URL?.trim();
    if (apiUrl) expect(settings.apiUrl).toBe(new URL(apiUrl).toString());
    for (const [name, field] of BOOLEANS) if (given(name)) expect(settings[field]).toBe(given(name).toLowerCase() === 'true');
    for (const [name, field] of [['success-states', 'successStates'], ['failure-states', 'failureStates']] as const) {
      const names = given(name).split(/[\s,]+/).filter((s) => s !== '');
      if (names.length > 0) expect([...settings[field]]).toEqual([...new Set(names.map((s) => canonicalStatus(s)))]);
    }
  }

  /** True when the inputs gave Settings (checked), false when they gave an InputError (checked; `secret` never in it). */
  function outcome(raw: RawInputs, env: Env, secret?: string): boolean {
    let settings: Settings;
    try {
      settings = parseSettings(raw, env);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      const inputError = error as InputError;
      expect(INPUT_NAMES).toContain(inputError.input);
      expect(inputError.message).toContain(inputError.input);
      if (secret !== undefined) expect(inputError.message).not.toContain(secret);
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

  it('random records of inputs and environment, a secret private key among them: valid or an InputError that never shows the key', () => {
    const raw = fc.record(Object.fromEntries(INPUT_NAMES.map((name) => [name, text])) as Record<InputName, fc.Arbitrary<string>>, { requiredKeys: [] });
    const env = fc.record(Object.fromEntries(ENV_NAMES.map((name) => [name, text])), { requiredKeys: [] });
    const secret = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 16, maxLength: 40 }).map((hex) => `SECRET-${hex}`);
    fc.assert(
      fc.property(raw, env, secret, fc.boolean(), fc.boolean(), (inputs, environment, privateKey, overBase, fromEnv) => {
        const given = { ...(overBase ? BASE : {}), ...inputs, 'private-key': fromEnv ? '' : privateKey };
        const withEnv = fromEnv ? { ...environment, UCLOUD_PRIVATE_KEY: privateKey } : environment;
        outcome(given, withEnv, privateKey);
      }),
      { numRuns: 3_000 },
    );
  });
});
