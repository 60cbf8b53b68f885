import { formatDuration, parseDuration } from './duration.js';
import { INPUTS, type InputName, type RawInputs } from './inputs.js';
import { KNOWN_STATUSES, canonicalStatus } from './udts/status.js';

export const DEFAULT_API_URL = 'https://api.scloudsg.com';
export const MIN_INTERVAL_MS = 100;
/**
 * The longest interval: a whole number of hours under the longest pause a Node timer can make
 * (2^31 - 1 ms, about 24.8 days); a longer one fires after 1 ms, which would poll in a tight loop.
 */
export const MAX_INTERVAL_MS = 596 * 3_600_000;

/** Everything a run needs, parsed and validated once; durations in milliseconds, states canonical. */
export interface Settings {
  readonly taskIds: readonly string[];
  readonly publicKey: string;
  readonly privateKey: string;
  readonly projectId?: string;
  readonly type?: 'transfer' | 'integration';
  readonly apiUrl: string;
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly failOnTimeout: boolean;
  readonly successStates: ReadonlySet<string>;
  readonly failureStates: ReadonlySet<string>;
  readonly maxLagSeconds?: number;
  readonly stablePolls: number;
  readonly tolerateRetries: boolean;
  readonly wait: boolean;
  readonly failFast: boolean;
}

/** Bad input: the message names the input, quotes the value and says what is accepted. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** The environment variables that stand in for an input left empty (the UCloud SDKs' names). */
export const ENV_FALLBACKS: Partial<Record<InputName, string>> = {
  'public-key': 'UCLOUD_PUBLIC_KEY',
  'private-key': 'UCLOUD_PRIVATE_KEY',
  'project-id': 'UCLOUD_PROJECT_ID',
  'api-url': 'UCLOUD_API_BASE_URL',
};

const TRUE_WORDS = ['true', 'True', 'TRUE'];
const FALSE_WORDS = ['false', 'False', 'FALSE'];
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Parses and validates the raw inputs (action inputs or CLI flags) into Settings, reading the
 * UCLOUD_* fallbacks from `env`. Throws InputError at the first bad value; nothing is sent before.
 */
export function parseSettings(raw: RawInputs, env: Readonly<Record<string, string | undefined>>): Settings {
  const text = (name: InputName): string => {
    const given = raw[name]?.trim() ?? '';
    if (given !== '') return given;
    const fallback = ENV_FALLBACKS[name];
    const fromEnv = fallback ? env[fallback]?.trim() ?? '' : '';
    if (fromEnv !== '') return fromEnv;
    return INPUTS.find((input) => input.name === name)?.default ?? '';
  };

  const taskIds = parseTaskIds(raw['task-id'] ?? '');
  const publicKey = requireKey('public-key', text('public-key'));
  const privateKey = requireKey('private-key', text('private-key'));
  const projectId = text('project-id') || undefined;
  const type = parseType(text('type'));
  const apiUrl = parseApiUrl(text('api-url') || DEFAULT_API_URL);
  const timeoutMs = parsePositiveDuration('timeout', text('timeout'));
  if (timeoutMs < MIN_INTERVAL_MS) {
    throw new InputError('timeout', `Invalid timeout '${text('timeout')}': must be at least 100ms.`);
  }
  // The default interval (15s) yields to a shorter timeout; an interval the user gave is checked as given.
  const intervalGiven = (raw.interval?.trim() ?? '') !== '';
  const intervalMs = intervalGiven
    ? parsePositiveDuration('interval', text('interval'))
    : Math.min(parsePositiveDuration('interval', text('interval')), timeoutMs);
  if (intervalMs < MIN_INTERVAL_MS) {
    throw new InputError('interval', `Invalid interval '${text('interval')}': must be at least 100ms.`);
  }
  if (intervalMs > MAX_INTERVAL_MS) {
    throw new InputError(
      'interval',
      `Invalid interval '${text('interval')}': at most ${formatDuration(MAX_INTERVAL_MS)} (about 24 days, the longest pause a timer can make).`,
    );
  }
  if (intervalMs > timeoutMs) {
    throw new InputError(
      'interval',
      `Invalid interval '${text('interval')}': longer than timeout '${text('timeout')}'. Use an interval no longer than the timeout.`,
    );
  }
  const successStates = parseStates('success-states', text('success-states'));
  const failureStates = parseStates('failure-states', text('failure-states'));
  const overlap = [...successStates].filter((state) => failureStates.has(state));
  if (overlap.length > 0) {
    throw new InputError(
      'success-states',
      `Invalid success-states/failure-states: ${overlap.join(', ')} is in both lists. A state can be one or the other.`,
    );
  }

  return Object.freeze({
    taskIds,
    publicKey,
    privateKey,
    projectId,
    type,
    apiUrl,
    timeoutMs,
    intervalMs,
    failOnTimeout: parseBoolean('fail-on-timeout', text('fail-on-timeout')),
    successStates,
    failureStates,
    maxLagSeconds: parseMaxLag(text('max-lag')),
    stablePolls: parseCount('stable-polls', text('stable-polls')),
    tolerateRetries: parseBoolean('tolerate-retries', text('tolerate-retries')),
    wait: parseBoolean('wait', text('wait')),
    failFast: parseBoolean('fail-fast', text('fail-fast')),
  });
}

/** Task IDs separated by commas, spaces or newlines; each kept once, in the order given. */
function parseTaskIds(value: string): string[] {
  const ids = [...new Set(value.split(/[\s,]+/).filter((id) => id !== ''))];
  if (ids.length === 0) {
    throw new InputError(
      'task-id',
      `Invalid task-id '${value}': a UDTS task ID is required (for example udts-abc123; several separated by commas).`,
    );
  }
  const bad = ids.find((id) => !/^[\w.-]+$/.test(id));
  if (bad !== undefined) {
    throw new InputError(
      'task-id',
      `Invalid task-id '${bad}': a task ID holds only letters, digits, '-', '_' and '.'.`,
    );
  }
  return ids;
}

function requireKey(name: 'public-key' | 'private-key', value: string): string {
  if (value === '') {
    throw new InputError(
      name,
      `Missing ${name}: set the ${name} input (from a secret) or the ${ENV_FALLBACKS[name]} environment variable.`,
    );
  }
  return value;
}

function parseType(value: string): 'transfer' | 'integration' | undefined {
  if (value === '') return undefined;
  if (value === 'transfer' || value === 'integration') return value;
  throw new InputError('type', `Invalid type '${value}': expected 'transfer' or 'integration', or leave it empty.`);
}

function parseApiUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError('api-url', `Invalid api-url '${value}': not a URL. Expected for example ${DEFAULT_API_URL}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError('api-url', `Invalid api-url '${value}': expected an https:// URL.`);
  }
  // The whole 127/8 block is loopback; the URL parser writes IPv4 hosts as dotted quads ("127.1" -> 127.0.0.1),
  // so a host such as 127.example.com, a name anyone can register, is not mistaken for one.
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname) && !/^127(\.\d{1,3}){3}$/.test(url.hostname)) {
    throw new InputError(
      'api-url',
      `Invalid api-url '${value}': plain http is accepted only to a loopback host (localhost, 127.0.0.1, [::1]); use https.`,
    );
  }
  if (url.username || url.password) {
    throw new InputError('api-url', `Invalid api-url: credentials in the URL are not accepted; use public-key and private-key.`);
  }
  return url.toString();
}

function parsePositiveDuration(name: 'timeout' | 'interval', value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) {
    throw new InputError(
      name,
      `Invalid ${name} '${value}': expected a positive duration: seconds (90) or a number with units ms, s, m, h (1500ms, 90s, 45m, 1h30m).`,
    );
  }
  return ms;
}

function parseBoolean(name: InputName, value: string): boolean {
  if (TRUE_WORDS.includes(value)) return true;
  if (FALSE_WORDS.includes(value)) return false;
  throw new InputError(name, `Invalid ${name} '${value}': expected 'true' or 'false'.`);
}

function parseStates(name: 'success-states' | 'failure-states', value: string): ReadonlySet<string> {
  const names = value.split(/[\s,]+/).filter((state) => state !== '');
  if (names.length === 0) {
    throw new InputError(name, `Invalid ${name} '${value}': name at least one state. Valid states: ${KNOWN_STATUSES.join(', ')}.`);
  }
  const states = new Set<string>();
  for (const given of names) {
    const state = canonicalStatus(given);
    if (state === undefined) {
      throw new InputError(name, `Invalid ${name}: unknown state '${given}'. Valid states: ${KNOWN_STATUSES.join(', ')}.`);
    }
    if (state === 'RetryPending') {
      throw new InputError(name, `Invalid ${name}: 'RetryPending' is always a waiting state (the service is about to retry).`);
    }
    states.add(state);
  }
  return states;
}

function parseMaxLag(value: string): number | undefined {
  if (value === '') return undefined;
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(seconds)) {
    throw new InputError('max-lag', `Invalid max-lag '${value}': expected a number of seconds (0 or more), or leave it empty.`);
  }
  return seconds;
}

function parseCount(name: 'stable-polls', value: string): number {
  const count = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new InputError(name, `Invalid ${name} '${value}': expected a whole number, 1 or more.`);
  }
  return count;
}
