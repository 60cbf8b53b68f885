/**
 * The check run's GitHub client: what a failed call means (a table), answers read with a cap, and
 * Octokit's own log lines and GitHub's conventions on a real loopback server.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { ANSWER_CAP_BYTES, callFault, cappedFetch, createOctokit } from '../../../src/action/check-run-api.js';

const NOW = Date.UTC(2026, 0, 1, 12);
const answer = (status: number, headers: Record<string, string>, message?: string) => ({ name: 'HttpError', status, response: { headers, data: message === undefined ? '' : { message } } });

/** What cappedFetch throws on an answer of `chunks` pieces of 64 KiB (and the pieces it read), or the text it passed on. */
async function readCapped(chunks: number, headers: Record<string, string> = {}) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled++ === chunks) controller.close();
      else controller.enqueue(new Uint8Array(64 * 1024).fill(0x61));
    },
  });
  const fetched = cappedFetch(async () => new Response(body, { headers }))('http://127.0.0.1/');
  return fetched.then(async (response) => ({ text: await response.text(), pulled }), (error: Error) => ({ error, pulled }));
}

describe('callFault: what a failed call means', () => {
  it.each<[string, unknown, ReturnType<typeof callFault>]>([
    ['403 with retry-after', answer(403, { 'retry-after': '30' }, 'You have exceeded a secondary rate limit'), { kind: 'limited', waitMs: 30_000, text: 'HTTP 403: You have exceeded a secondary rate limit' }],
    ['429 with retry-after', answer(429, { 'retry-after': '5' }), { kind: 'limited', waitMs: 5_000, text: 'HTTP 429' }],
    ['403 with x-ratelimit-remaining: 0, until the reset by GitHub\'s Date', answer(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1_000 + 90), date: new Date(NOW).toUTCString() }), { kind: 'limited', waitMs: 90_000, text: 'HTTP 403' }],
    ['a secondary limit with neither header: a minute', answer(403, {}, 'You have exceeded a secondary rate limit.'), { kind: 'limited', waitMs: 60_000, text: 'HTTP 403: You have exceeded a secondary rate limit.' }],
    ['429 with nothing: a minute', answer(429, {}), { kind: 'limited', waitMs: 60_000, text: 'HTTP 429' }],
    ['retry-after as an HTTP date, by GitHub\'s Date', answer(403, { 'retry-after': new Date(NOW + 45_000).toUTCString(), date: new Date(NOW).toUTCString() }), { kind: 'limited', waitMs: 45_000, text: 'HTTP 403' }],
    ['an unreadable retry-after: a minute', answer(403, { 'retry-after': '1e400' }), { kind: 'limited', waitMs: 60_000, text: 'HTTP 403' }],
    ['x-ratelimit-remaining: 0 without a reset: a minute', answer(403, { 'x-ratelimit-remaining': '0' }, 'API rate limit exceeded for installation ID 1.'), { kind: 'limited', waitMs: 60_000, text: 'HTTP 403: API rate limit exceeded for installation ID 1.' }],
    ['GitHub\'s older "abuse detection" wording: a minute', answer(403, {}, 'You have triggered an abuse detection mechanism.'), { kind: 'limited', waitMs: 60_000, text: 'HTTP 403: You have triggered an abuse detection mechanism.' }],
    ['a reset in the past: a second', answer(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' }), { kind: 'limited', waitMs: 1_000, text: 'HTTP 403' }],
    ['403 without a rate-limit sign', answer(403, { 'x-ratelimit-remaining': '10' }, 'Resource not accessible by integration'), { kind: 'refused', status: 403, text: 'HTTP 403: Resource not accessible by integration' }],
    ['401', answer(401, {}, 'Bad credentials'), { kind: 'refused', status: 401, text: 'HTTP 401: Bad credentials' }],
    ['404', answer(404, {}), { kind: 'refused', status: 404, text: 'HTTP 404' }],
    ['422', answer(422, {}, 'Validation Failed'), { kind: 'refused', status: 422, text: 'HTTP 422: Validation Failed' }],
    ['500: GitHub answered, its work is over', answer(500, {}, 'Server Error'), { kind: 'fault', text: 'HTTP 500: Server Error', unfinished: false }],
    ['502: a gateway gave up, GitHub may still carry the call out', answer(502, {}), { kind: 'fault', text: 'HTTP 502', unfinished: true }],
    ['504 likewise', answer(504, {}), { kind: 'fault', text: 'HTTP 504', unfinished: true }],
    ['no answer', { name: 'HttpError', status: 500, cause: { code: 'ECONNRESET' } }, { kind: 'fault', text: 'no answer from GitHub (ECONNRESET)', unfinished: true }],
    ['a timeout', { name: 'HttpError', status: 500, cause: { name: 'TimeoutError' } }, { kind: 'fault', text: 'no answer in time', unfinished: true }],
    ['a runtime error: its text never shown', new TypeError("Cannot read properties of undefined (reading 'find')"), { kind: 'fault', text: "an answer from GitHub that is not the check-runs API's", unfinished: false }],
  ])('%s', (_name, error, fault) => {
    expect(callFault(error, NOW)).toEqual(fault);
  });
});

describe('answers read with a cap', () => {
  it('passes an answer within the cap on whole', async () => {
    expect(await readCapped(3)).toEqual({ text: 'a'.repeat(3 * 64 * 1024), pulled: 4 });
  });

  it.each([
    ['an endless answer stops being read past the cap', {}, /it went on past them/, 17],
    ['an answer that declares its size is not read at all', { 'content-length': String(2 ** 30) }, /it declares 1073741824 bytes/, 1],
  ])('%s; the warning names the size', async (_name, headers, size, pulledAtMost) => {
    const read = await readCapped(Infinity, headers);
    expect('error' in read && read.pulled).toBeLessThanOrEqual(pulledAtMost + 1);
    const fault = callFault({ name: 'HttpError', status: 500, cause: 'error' in read ? read.error : undefined });
    expect(fault).toMatchObject({ kind: 'too-large', text: expect.stringMatching(new RegExp(`larger than the ${ANSWER_CAP_BYTES} bytes read of one \\(${size.source}\\)`)) });
  });
});

describe("Octokit's log and GitHub's conventions", () => {
  it("sends GitHub's API version and media type; Octokit's deprecation notices go to the sink (the first a warning), never to the console", async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json', deprecation: 'true', sunset: '##[error]forged', link: '<https://x.example>; rel="deprecation"' });
      res.end('{"total_count":0,"check_runs":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const consoleWarn = vi.spyOn(console, 'warn');
    try {
      const warnings: string[] = [];
      const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const octokit = await createOctokit('t', { baseUrl, userAgent: 'udts-wait/test', log: { warn: (line) => warnings.push(line) } });
      for (const ref of ['a', 'b']) await octokit.rest.checks.listForRef({ owner: 'o', repo: 'r', ref });
      expect(seen.map((h) => [h.accept, h['x-github-api-version']])).toEqual(Array(2).fill(['application/vnd.github+json', '2022-11-28']));
      expect(warnings).toEqual([expect.stringContaining('is deprecated. It is scheduled to be removed on ##[error]forged')]);
      expect(consoleWarn).not.toHaveBeenCalled();
    } finally {
      consoleWarn.mockRestore();
      server.close();
    }
  });
});
