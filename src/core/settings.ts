import { formatDuration } from '../duration.js';
import {
  DEFAULT_API_URL,
  ENV_FALLBACKS,
  InputError,
  parseApiUrl,
  parseBoolean,
  parseCount,
  parseDurationOrZero,
  parseMaxLag,
  parsePositiveDuration,
  parseStates,
  parseTaskIds,
  parseType,
  requireKey,
} from './input-values.js';
import { INPUTS, type InputName, type RawInputs } from './inputs.js';
import type { ApiSettings } from '../udts/client.js';
import type { WaitOptions } from '../wait/types.js';

export { DEFAULT_API_URL, ENV_FALLBACKS, InputError } from './input-values.js';

const MIN_INTERVAL_MS = 100;
/**
 * The longest interval: a whole number of hours under the longest pause a Node timer can make
 * (2^31 - 1 ms, about 24.8 days); a longer one fires after 1 ms, which would poll in a tight loop.
 */
export const MAX_INTERVAL_MS = 596 * 3_600_000;

/**
 * Everything a run needs, parsed and validated once: the one settings type. Each part takes the slice
 * it reads: the waiter WaitOptions (durations in ms, states canonical; the verdict its VerdictOptions),
 * the client ApiSettings, the sink PublishOptions.
 */
export interface Settings extends WaitOptions, ApiSettings {
  readonly failOnTimeout: boolean;
  /** Ask the service for each task's history at the end. */
  readonly history: boolean;
  /** The check run to keep on the commit (action only; undefined: none). */
  readonly checkRun?: { readonly name: string; readonly token: string };
}

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
    // Stryker disable next-line OptionalChaining,StringLiteral: every input is in INPUTS, with a default
    return INPUTS.find((input) => input.name === name)?.default ?? '';
  };

  const taskIds = parseTaskIds(raw['task-id'] ?? '');
  const publicKey = requireKey('public-key', text('public-key'));
  const privateKey = requireKey('private-key', text('private-key'));
  const projectId = text('project-id') || undefined;
  const type = parseType(text('type'));
  // Its errors say where a bad value came from: the input (or flag), or its environment variable.
  const apiUrlFromEnv = (raw['api-url']?.trim() ?? '') === '' && text('api-url') !== '';
  const apiUrl = parseApiUrl(text('api-url') || DEFAULT_API_URL, apiUrlFromEnv ? ENV_FALLBACKS['api-url'] : undefined);
  const timeoutMs = parsePositiveDuration('timeout', text('timeout'));
  if (timeoutMs < MIN_INTERVAL_MS) {
    throw new InputError('timeout', `Invalid timeout '${text('timeout')}': must be at least ${formatDuration(MIN_INTERVAL_MS)}.`);
  }
  // The default interval (15s) yields to a shorter timeout; an interval the user gave is checked as given.
  const intervalGiven = (raw.interval?.trim() ?? '') !== '';
  const parsedIntervalMs = parsePositiveDuration('interval', text('interval'));
  const intervalMs = intervalGiven ? parsedIntervalMs : Math.min(parsedIntervalMs, timeoutMs);
  if (intervalMs < MIN_INTERVAL_MS) {
    throw new InputError('interval', `Invalid interval '${text('interval')}': must be at least ${formatDuration(MIN_INTERVAL_MS)}.`);
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
    appearTimeoutMs: parseDurationOrZero('appear-timeout', text('appear-timeout')),
    history: parseBoolean('history', text('history')),
    checkRun: parseCheckRun(text('check-name'), text('github-token')),
  });
}

/**
 * A check run needs its name; without a name there is none. A missing token (a secret a fork's pull
 * request is not given) is not bad input: the check run never decides the gate, so the action warns.
 */
function parseCheckRun(name: string, token: string): Settings['checkRun'] {
  if (name === '') return undefined;
  // A token not given reads as its default, which only GitHub Actions expands: none at all.
  return { name, token: token === '${{ github.token }}' ? '' : token };
}
