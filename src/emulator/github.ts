/**
 * A fake of GitHub's check-runs REST API on the emulator's own server, so that the demo and the
 * tests need nothing else. Paths match by shape under any prefix: `GITHUB_API_URL` may be
 * `http://127.0.0.1:PORT` or, as on GitHub Enterprise Server, `http://127.0.0.1:PORT/api/v3`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyUpdate, listRuns, newCheckRun, validationError, type KeptCheckRun } from './check-runs.js';
import { sendFault, sendJson } from './reply.js';
import { DEMO_GITHUB_TOKEN, type GithubScript } from './scenario.js';

/** One GitHub request as the fake saw it (never its token). */
export interface GithubRequest {
  method: string;
  /** Path and query as sent. */
  path: string;
  /** The HTTP status answered; 'fault' when the scenario cut the connection or held the answer. */
  status: number | 'fault';
  /** The Authorization scheme that carried the accepted token; 'wrong' for another token, 'none' for none. */
  auth: 'token' | 'bearer' | 'wrong' | 'none';
  /** The check run it created or named. */
  checkRunId?: number;
  /** The X-GitHub-Api-Version it carried. */
  apiVersion?: string;
  /** What a POST or PATCH asked for: the short fields, and only the lengths of the long texts. */
  body?: Record<string, string | number>;
}

/** What tests and the demo read: the requests in order (at most 1,000) and the check runs' current state. */
export interface GithubStats {
  requests: GithubRequest[];
  checkRuns: KeptCheckRun[];
}

type Place = { repository: string; prefix: string };
type Route = Place & ({ kind: 'create' } | { kind: 'list'; ref: string } | { kind: 'update' | 'get'; id: number });
type Reply = { status: number; body: unknown };

const RECENT_LIMIT = 1_000;
const DOCS = 'https://docs.github.com/rest/checks/runs';
const LIMITS_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';
const REFUSALS = {
  401: 'Bad credentials',
  403: 'Resource not accessible by integration',
  404: 'Not Found',
} as const;
const refusal = (status: number, message: string): Reply => ({ status, body: { message, documentation_url: DOCS } });
const RUN_PATH = /^(?<prefix>.*)\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/check-runs(?:\/(?<id>\d+))?$/;
const LIST_PATH = /^(?<prefix>.*)\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/commits\/(?<ref>[^/]+)\/check-runs$/;

/** True for a path under `/repos/{owner}/{repo}/`: GitHub's, unless the request names a UDTS Action. */
export function isGithubPath(pathname: string): boolean {
  return /\/repos\/[^/]+\/[^/]+\//.test(pathname);
}

/** The fake: `answer` serves one request whose body has been read; `stats` is live. */
export function createGithubFake(script: GithubScript, origin: () => string, now: () => number, sleep: (ms: number) => Promise<void>) {
  const stats: GithubStats = { requests: [], checkRuns: [] };
  let nextId = 1_000_001;
  let requestNumber = 0; // counted apart from `requests`, which keeps only the latest 1,000
  const find = (route: { repository: string; id: number }) =>
    stats.checkRuns.find((kept) => kept.repository === route.repository && kept.run.id === route.id)?.run;

  const serve = (route: Route, json: Record<string, unknown>, seen: GithubRequest, query: URLSearchParams): Reply => {
    const nowIso = new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (route.kind === 'list') return { status: 200, body: listRuns(stats.checkRuns, route.repository, route.ref, query) };
    if (route.kind === 'create') {
      const refused = validationError(json, true);
      if (refused) return { status: 422, body: { ...refused, documentation_url: DOCS } };
      const id = nextId++;
      const apiUrl = `${origin()}${route.prefix}/repos/${route.repository}/check-runs/${id}`;
      const run = newCheckRun(id, json, apiUrl, `${origin()}/${route.repository}/runs/${id}`, nowIso);
      stats.checkRuns.push({ repository: route.repository, run });
      seen.checkRunId = id;
      return { status: 201, body: run };
    }
    seen.checkRunId = route.id;
    const run = find(route);
    if (!run) return refusal(404, REFUSALS[404]);
    if (route.kind === 'get') return { status: 200, body: run };
    const refused = validationError(json, false);
    if (refused) return { status: 422, body: { ...refused, documentation_url: DOCS } };
    applyUpdate(run, json, nowIso);
    return { status: 200, body: run };
  };

  const reply = (req: IncomingMessage, url: URL, bodyText: string, seen: GithubRequest): Reply => {
    if (seen.auth === 'none') return refusal(401, 'Requires authentication');
    if (seen.auth === 'wrong') return refusal(401, REFUSALS[401]);
    if (script.refuse) return refusal(script.refuse, REFUSALS[script.refuse]);
    const route = routeOf(req.method ?? '', url.pathname);
    if (!route) return refusal(404, REFUSALS[404]);
    const json = parseJson(bodyText);
    if (json === undefined) return refusal(400, 'Problems parsing JSON');
    if (req.method !== 'GET') seen.body = summarize(json);
    return serve(route, json, seen, url.searchParams);
  };

  /** What every answer but a fault's carries: the scenario's headers and GitHub's Date. */
  const answerHeaders = (nowMs: number) => ({ ...script.headers, date: new Date(nowMs).toUTCString() });

  /** Carries the request out late (whether or not the client still waits), then answers later still, or never. */
  const answerLate = async (fault: { storeMs: number; answerMs?: number }, carryOut: () => Reply, seen: GithubRequest, res: ServerResponse) => {
    seen.status = 'fault';
    await sleep(fault.storeMs);
    const { status, body } = carryOut();
    if (fault.answerMs === undefined) return;
    await sleep(fault.answerMs);
    seen.status = status;
    if (!res.destroyed) sendJson(res, status, body, answerHeaders(now()));
  };

  return {
    stats,
    async answer(req: IncomingMessage, res: ServerResponse, url: URL, bodyText: string): Promise<void> {
      const seen: GithubRequest = { method: req.method ?? '', path: url.pathname + url.search, status: 0, auth: authOf(req, script) };
      if (typeof req.headers['x-github-api-version'] === 'string') seen.apiVersion = req.headers['x-github-api-version'];
      requestNumber += 1;
      stats.requests.push(seen);
      if (stats.requests.length > RECENT_LIMIT) stats.requests.shift();
      const fault = script.faults?.find((entry) => entry.request === requestNumber)?.fault;
      if (fault?.kind === 'late') return answerLate(fault, () => reply(req, url, bodyText, seen), seen, res);
      if (fault) {
        seen.status = fault.kind === 'http' ? fault.status : 'fault';
        return fault.kind === 'endless' ? sendEndless(res) : sendFault(res, fault, '');
      }
      const nowMs = now();
      const date = answerHeaders(nowMs);
      const limit = script.rateLimits?.find((entry) => entry.request === requestNumber);
      if (limit) {
        seen.status = 403;
        const { headers, message } = rateLimit(limit, nowMs);
        return sendJson(res, 403, { message, documentation_url: LIMITS_DOCS }, { ...date, ...headers });
      }
      if (script.slowListMs && req.method === 'GET' && LIST_PATH.test(url.pathname)) await sleep(script.slowListMs);
      const { status, body } = reply(req, url, bodyText, seen);
      seen.status = status;
      sendJson(res, status, body, date);
    },
  };
}

/** An answer that never ends: a list of check runs written as fast as the client reads it. */
function sendEndless(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.write('{"total_count":1,"check_runs":[');
  const chunk = '{"id":1,"name":"n","status":"queued"},'.repeat(2_000);
  const more = (): void => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', more);
  };
  more();
}

/** GitHub's answer to a request past a rate limit: its headers and message. */
function rateLimit(limit: NonNullable<GithubScript['rateLimits']>[number], nowMs: number) {
  if (limit.limit === 'primary') {
    const reset = String(Math.floor(nowMs / 1_000) + (limit.seconds ?? 60));
    const headers = { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '1000', 'x-ratelimit-reset': reset, 'x-ratelimit-resource': 'core' };
    return { headers, message: 'API rate limit exceeded for installation ID 1.' };
  }
  const headers: Record<string, string> = limit.seconds === undefined ? {} : { 'retry-after': String(limit.seconds) };
  return { headers, message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' };
}

function authOf(req: IncomingMessage, script: GithubScript): GithubRequest['auth'] {
  const header = req.headers.authorization;
  if (header === undefined || header === '') return 'none';
  const match = /^(token|bearer)\s+(\S+)\s*$/i.exec(header);
  if (!match || match[2] !== (script.token ?? DEMO_GITHUB_TOKEN)) return 'wrong';
  return (match[1] ?? '').toLowerCase() === 'token' ? 'token' : 'bearer';
}

function routeOf(method: string, pathname: string): Route | undefined {
  const list = LIST_PATH.exec(pathname)?.groups;
  if (list && method === 'GET') return { kind: 'list', repository: `${list.owner}/${list.repo}`, prefix: list.prefix ?? '', ref: list.ref ?? '' };
  const run = RUN_PATH.exec(pathname)?.groups;
  if (!run) return undefined;
  const base: Place = { repository: `${run.owner}/${run.repo}`, prefix: run.prefix ?? '' };
  if (run.id === undefined) return method === 'POST' ? { kind: 'create', ...base } : undefined;
  if (method === 'PATCH') return { kind: 'update', ...base, id: Number(run.id) };
  return method === 'GET' ? { kind: 'get', ...base, id: Number(run.id) } : undefined;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function summarize(json: Record<string, unknown>): Record<string, string | number> {
  const summary: Record<string, string | number> = {};
  for (const field of ['name', 'head_sha', 'status', 'conclusion', 'details_url', 'external_id']) {
    if (typeof json[field] === 'string') summary[field] = json[field];
  }
  const output = (typeof json.output === 'object' && json.output !== null ? json.output : {}) as Record<string, unknown>;
  if (typeof output.title === 'string') summary.title = output.title.slice(0, 200);
  if (typeof output.summary === 'string') summary.summaryLength = output.summary.length;
  if (typeof output.text === 'string') summary.textLength = output.text.length;
  return summary;
}
