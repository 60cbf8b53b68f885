/**
 * The check run's GitHub client: @actions/github's Octokit with GitHub's conventions on every request,
 * answers read with a size cap, Octokit's own log lines routed to the action's sink, and every failed
 * call sorted into what the check run does next (wait out a rate limit, stop on a refusal, try again).
 */

/** The Octokit the check run calls, as `getOctokit` builds it. */
export type Octokit = ReturnType<(typeof import('@actions/github'))['getOctokit']>;

/**
 * The most of one GitHub answer read, decoded. The check run's largest answer is a page of 100 runs of
 * its own name, each a few KB (its summary for one task is about 2 KB); parsing 1 MiB of the worst JSON
 * (millions of empty objects) takes about 40 MB, which keeps the step far under 150 MB.
 */
export const ANSWER_CAP_BYTES = 1024 * 1024;
/** GitHub's advice for a secondary rate limit that names no time: wait at least a minute. */
const SECONDARY_LIMIT_WAIT_MS = 60_000;
/** A limit already over (a reset in the past, `retry-after: 0`) is still waited this long: no busy loop. */
const SHORTEST_LIMIT_MS = 1_000;
/** A limit that names a time past this is someone else's clock gone wrong: treated as this long. */
const LONGEST_LIMIT_MS = 24 * 3_600_000;
const HEADERS = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };

/** Where Octokit's own log lines go; both sanitise. */
export interface ApiLog {
  warn(line: string): void;
  debug?(line: string): void;
}

/** The answer passed ANSWER_CAP_BYTES; thrown by the capped fetch, seen as a RequestError's cause. */
class AnswerTooLargeError extends Error {}

/** Octokit for `token` at `baseUrl`, its fetch the proxy-aware one of @actions/github, capped. */
export async function createOctokit(token: string, options: { baseUrl: string; userAgent: string; log: ApiLog }): Promise<Octokit> {
  const [{ getOctokit }, { defaults }] = await Promise.all([import('@actions/github'), import('@actions/github/lib/utils')]);
  // Octokit warns per request (a deprecation notice on each): the first is a warning, the rest debug.
  let warned = false;
  const debug = (line: unknown) => options.log.debug?.(`GitHub API: ${String(line)}`);
  const warnOnce = (line: unknown) => {
    if (warned) return debug(line);
    warned = true;
    options.log.warn(`GitHub API: ${String(line)}`);
  };
  const log = { debug, info: debug, warn: warnOnce, error: warnOnce };
  // `request` replaces the defaults' own (it carries the proxy): keep it and wrap its fetch.
  const request = { ...defaults.request, fetch: cappedFetch((defaults.request?.fetch ?? fetch) as typeof fetch), log };
  const octokit = getOctokit(token, { baseUrl: options.baseUrl, userAgent: options.userAgent, log, request });
  octokit.hook.before('request', (endpoint) => {
    Object.assign(endpoint.headers, HEADERS);
  });
  return octokit;
}

/** `inner`, its answers' bodies read up to ANSWER_CAP_BYTES (decoded); past it, the read stops. */
export function cappedFetch(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > ANSWER_CAP_BYTES) {
      await response.body?.cancel();
      throw new AnswerTooLargeError(`it declares ${declared} bytes`);
    }
    if (!response.body || [101, 204, 205, 304].includes(response.status)) return response;
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      size += part.value.byteLength;
      if (size > ANSWER_CAP_BYTES) {
        await reader.cancel();
        throw new AnswerTooLargeError('it went on past them');
      }
      chunks.push(part.value);
    }
    return new Response(Buffer.concat(chunks), { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** What a failed call means for the check run. */
export type CallFault =
  | { kind: 'refused'; status: number; text: string }
  | { kind: 'limited'; waitMs: number; text: string }
  /**
   * May pass on a later try. `unfinished`: GitHub may still carry the call out, since no answer came
   * (cut, timed out, the connection lost) or a gateway gave up on GitHub (502, 504); any other answer
   * means GitHub's work on it is over.
   */
  | { kind: 'fault'; text: string; unfinished: boolean }
  | { kind: 'too-large'; text: string };

/**
 * Sorts a failed call. A rate limit (403 or 429 with `retry-after`, or `x-ratelimit-remaining: 0`, or
 * a message naming a secondary rate limit) is waited out; 401, 404 and any other 403 are a refusal
 * (no `checks: write`); 422 is a body GitHub refuses. Anything else may pass on a later try. The text
 * never carries a runtime error's own message: only GitHub's, or a description of what happened.
 */
export function callFault(error: unknown, wallNow: number = Date.now()): CallFault {
  const failed = error as { status?: unknown; response?: { headers?: Record<string, unknown>; data?: unknown }; cause?: unknown; name?: unknown };
  if (failed?.cause instanceof AnswerTooLargeError) return { kind: 'too-large', text: `GitHub's answer is larger than the ${ANSWER_CAP_BYTES} bytes read of one (${failed.cause.message}); not read` };
  const timedOut = (name: unknown) => name === 'AbortError' || name === 'TimeoutError';
  if (timedOut(failed?.name) || timedOut((failed?.cause as { name?: unknown } | undefined)?.name)) return { kind: 'fault', text: 'no answer in time', unfinished: true };
  const response = failed?.response;
  if (response === undefined) {
    const code = (failed?.cause as { code?: unknown } | undefined)?.code;
    const answered = failed?.name === 'HttpError' && typeof code === 'string' ? ` (${code})` : '';
    if (failed?.name === 'HttpError') return { kind: 'fault', text: `no answer from GitHub${answered}`, unfinished: true };
    return { kind: 'fault', text: "an answer from GitHub that is not the check-runs API's", unfinished: false };
  }
  const status = Number(failed.status);
  const message = (response.data as { message?: unknown } | undefined)?.message;
  const text = `HTTP ${status}${typeof message === 'string' ? `: ${message}` : ''}`;
  if (status === 403 || status === 429) {
    const waitMs = limitWaitMs(response.headers ?? {}, typeof message === 'string' ? message : '', wallNow);
    if (waitMs !== undefined) return { kind: 'limited', waitMs: Math.min(LONGEST_LIMIT_MS, Math.max(SHORTEST_LIMIT_MS, waitMs)), text };
    if (status === 429) return { kind: 'limited', waitMs: SECONDARY_LIMIT_WAIT_MS, text };
  }
  if (status === 401 || status === 403 || status === 404 || status === 422) return { kind: 'refused', status, text };
  return { kind: 'fault', text, unfinished: status === 502 || status === 504 };
}

/**
 * How long a rate-limited answer asks to wait, from its headers; undefined when it is no rate limit.
 * A limit that names no time it can be read as (no reset, an unreadable `retry-after`, only a message
 * naming a rate limit or GitHub's older "abuse detection") is waited out as GitHub advises: a minute.
 */
function limitWaitMs(headers: Record<string, unknown>, message: string, wallNow: number): number | undefined {
  // Times in the headers are GitHub's clock: measured against the answer's own Date.
  const answeredAt = Date.parse(String(headers.date ?? '')) || wallNow;
  if (headers['retry-after'] !== undefined) {
    // Seconds, or an HTTP date: RFC 9110 allows both.
    const text = String(headers['retry-after']).trim();
    const seconds = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    const at = Date.parse(text);
    return Number.isFinite(seconds) ? seconds * 1_000 : Number.isFinite(at) ? at - answeredAt : SECONDARY_LIMIT_WAIT_MS;
  }
  if (String(headers['x-ratelimit-remaining']) === '0') {
    // x-ratelimit-reset is in epoch seconds.
    const reset = /^\d+$/.test(String(headers['x-ratelimit-reset'])) ? Number(headers['x-ratelimit-reset']) : Number.NaN;
    return Number.isFinite(reset) ? reset * 1_000 - answeredAt : SECONDARY_LIMIT_WAIT_MS;
  }
  return /rate limit|abuse detection/i.test(message) ? SECONDARY_LIMIT_WAIT_MS : undefined;
}
