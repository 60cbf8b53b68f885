/**
 * The parsers of single input values: each takes the input's text and returns the typed value, or
 * throws an InputError that names the input, quotes the value and says what is accepted.
 * settings.ts combines them and checks the inputs against each other.
 */
import { parseDuration } from '../duration.js';
import type { InputName } from './inputs.js';
import { KNOWN_STATUSES, canonicalStatus } from '../udts/status.js';

export const DEFAULT_API_URL = 'https://api.scloudsg.com';

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
// The URL parser keeps an IPv6 host's brackets ("[::1]"); 127/8 is matched by its pattern below.
const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** Task IDs separated by commas, spaces or newlines; each kept once, in the order given. */
export function parseTaskIds(value: string): string[] {
  const ids = [...new Set(value.split(/[\s,]/).filter((id) => id !== ''))];
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

/** A key, from the input or its environment variable; never quoted in an error. */
export function requireKey(name: 'public-key' | 'private-key', value: string): string {
  if (value === '') {
    throw new InputError(
      name,
      `Missing ${name}: set the ${name} input (from a secret) or the ${ENV_FALLBACKS[name]} environment variable.`,
    );
  }
  return value;
}

/** 'transfer' or 'integration'; empty means not sent. */
export function parseType(value: string): 'transfer' | 'integration' | undefined {
  if (value === '') return undefined;
  if (value === 'transfer' || value === 'integration') return value;
  throw new InputError('type', `Invalid type '${value}': expected 'transfer' or 'integration', or leave it empty.`);
}

// User-info (a name, a password, a token) ends at an '@'; the full-width and small '@' are refused too,
// as a value pasted from elsewhere may carry them. A value with one is never quoted, whatever its scheme or shape.
const CREDENTIALS_MARK = /[@\uFE6B\uFF20]/;

/**
 * An https URL, or plain http to a loopback host (the emulator); no credentials in it. `envName`:
 * the environment variable the value came from, when not from the input itself.
 */
export function parseApiUrl(value: string, envName?: string): string {
  const name = envName === undefined ? 'api-url' : `api-url (from the ${envName} environment variable)`;
  if (CREDENTIALS_MARK.test(value)) {
    throw new InputError(
      'api-url',
      `Invalid ${name}: credentials (what comes before an '@') do not belong in the URL, so it is not shown here; the API keys go in public-key and private-key.`,
    );
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError('api-url', `Invalid ${name} '${value}': not a URL. Expected for example ${DEFAULT_API_URL}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError('api-url', `Invalid ${name} '${value}': expected an https:// URL.`);
  }
  // The whole 127/8 block is loopback; the URL parser writes IPv4 hosts as dotted quads ("127.1" -> 127.0.0.1),
  // so a host such as 127.example.com, a name anyone can register, is not mistaken for one.
  // Stryker disable next-line Regex: without its ^ it matches no more, since a host ending in 127.x.x.x that is no IPv4 address is no valid URL
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname) && !/^127(\.\d{1,3}){3}$/.test(url.hostname)) {
    throw new InputError(
      'api-url',
      `Invalid ${name} '${value}': plain http is accepted only to a loopback host (localhost, 127.0.0.1, [::1]); use https.`,
    );
  }
  return url.toString();
}

/** A duration above zero, in milliseconds. */
export function parsePositiveDuration(name: 'timeout' | 'interval', value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) {
    throw new InputError(
      name,
      `Invalid ${name} '${value}': expected a positive duration: seconds (90) or a number with units ms, s, m, h (1500ms, 90s, 45m, 1h30m, 1h 30m).`,
    );
  }
  return ms;
}

/** A duration of 0 or more, in milliseconds ("0" turns the feature off); parseDuration gives none below 0. */
export function parseDurationOrZero(name: 'appear-timeout', value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) {
    throw new InputError(
      name,
      `Invalid ${name} '${value}': expected 0 or a duration: seconds (90) or a number with units ms, s, m, h (90s, 5m, 1h 30m).`,
    );
  }
  return ms;
}

/** The YAML 1.2 core booleans, as core.getBooleanInput takes them. */
export function parseBoolean(name: InputName, value: string): boolean {
  if (TRUE_WORDS.includes(value)) return true;
  if (FALSE_WORDS.includes(value)) return false;
  throw new InputError(name, `Invalid ${name} '${value}': expected 'true' or 'false'.`);
}

/** State names from the vocabulary, in any case, as their canonical spelling. */
export function parseStates(name: 'success-states' | 'failure-states', value: string): ReadonlySet<string> {
  const names = value.split(/[\s,]/).filter((state) => state !== '');
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

/** Seconds, 0 or more; empty means no bound. */
export function parseMaxLag(value: string): number | undefined {
  if (value === '') return undefined;
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(seconds)) {
    throw new InputError('max-lag', `Invalid max-lag '${value}': expected a number of seconds (0 or more), or leave it empty.`);
  }
  return seconds;
}

/** A whole number, 1 or more. */
export function parseCount(name: 'stable-polls', value: string): number {
  const count = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new InputError(name, `Invalid ${name} '${value}': expected a whole number, 1 or more.`);
  }
  return count;
}
