/**
 * The emulator's HTTP server on loopback. A request with an `Action` parameter (query or body) goes
 * to the UDTS API; one under `/repos/{owner}/{repo}/` without it to the fake GitHub API;
 * `GET /_emulator/stats` shows what both saw. Bodies are read with a cap (413 beyond it).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { STATUS_ACTION } from '../udts/status.js';
import { BodyTooLargeError, GITHUB_BODY_CAP_BYTES, UDTS_BODY_CAP_BYTES, declaredLength, readRequestBody, udtsParams } from './body.js';
import { createGithubFake, isGithubPath, type GithubStats } from './github.js';
import { sendJson } from './reply.js';
import { DEMO_KEYS, type Scenario } from './scenario.js';
import { createTaskBook } from './tasks.js';
import { answerUdts, type UdtsWorld } from './udts.js';

/** One UDTS request as the emulator saw it; tests read these to check what the action sent. */
interface SeenRequest {
  method: string;
  /** The URL path and query exactly as sent (a signature here would be a leak). */
  url: string;
  contentType: string;
  userAgent: string;
  /** Every parameter but the signature. */
  params: Record<string, string>;
  retCode: number | string | 'fault';
}

export interface EmulatorStats {
  /** UDTS requests, of any action (GitHub requests are in `github`). */
  requests: number;
  /** GetUDTSTaskStatus requests per task of the scenario. */
  byTask: Record<string, number>;
  /** GetUDTSTaskHistory requests per task of the scenario. */
  historyByTask: Record<string, number>;
  maxInFlight: number;
  /** The most recent UDTS requests (at most 1,000). */
  recent: SeenRequest[];
  /** Requests refused with 413 because their body passed the cap. */
  tooLarge: number;
  /** The fake GitHub API: its requests in order and the check runs' current state. */
  github: GithubStats;
}

export interface EmulatorOptions {
  /** 0 (the default): any free port. */
  port?: number;
  /** The clock for time-advanced tasks, history times and check-run times (ms since the epoch). */
  now?: () => number;
  /** How `latencyMs` is waited. */
  sleep?: (ms: number) => Promise<void>;
}

export interface RunningEmulator {
  url: string;
  stats(): EmulatorStats;
  close(): Promise<void>;
}

const RECENT_LIMIT = 1_000;
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Starts the emulator on 127.0.0.1; `options` may be just the port. */
export async function startEmulator(scenario: Scenario, options: EmulatorOptions | number = {}): Promise<RunningEmulator> {
  const { port = 0, now = Date.now, sleep = realSleep } = typeof options === 'number' ? { port: options } : options;
  let origin = '';
  const github = createGithubFake(scenario.github ?? {}, () => origin, now, sleep);
  // Counts by task name without a prototype: a task named `constructor` or `__proto__` counts as itself.
  const byName = (): Record<string, number> => Object.create(null) as Record<string, number>;
  const stats: EmulatorStats = { requests: 0, byTask: byName(), historyByTask: byName(), maxInFlight: 0, recent: [], tooLarge: 0, github: github.stats };
  const world: UdtsWorld = {
    scenario,
    keys: new Map((scenario.keys ?? [DEMO_KEYS]).map((k) => [k.publicKey, k.privateKey])),
    tasks: createTaskBook(),
    now,
    count: (action, taskId) => {
      const table = action === STATUS_ACTION ? stats.byTask : stats.historyByTask;
      table[taskId] = (table[taskId] ?? 0) + 1;
    },
  };
  const hold = async () => {
    if (scenario.latencyMs) await sleep(scenario.latencyMs);
  };

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (url.pathname === '/_emulator/stats') return sendJson(res, 200, stats);
    const githubShaped = isGithubPath(url.pathname) && !url.searchParams.has('Action');
    const body = await readRequestBody(req, githubShaped ? GITHUB_BODY_CAP_BYTES : UDTS_BODY_CAP_BYTES, declaredLength(req));
    const params = udtsParams(url, body, req.headers['content-type'] ?? '');
    if (githubShaped && params.Action === undefined) {
      await hold();
      return github.answer(req, res, url, body.toString('utf8'));
    }
    if (body.length > UDTS_BODY_CAP_BYTES) throw new BodyTooLargeError(UDTS_BODY_CAP_BYTES, body.length, false);
    const seen = record(req, params);
    await hold();
    seen.retCode = answerUdts(params, res, world);
  };

  const record = (req: IncomingMessage, params: Record<string, string>): SeenRequest => {
    const seen: SeenRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      contentType: req.headers['content-type'] ?? '',
      userAgent: req.headers['user-agent'] ?? '',
      params: Object.fromEntries(Object.entries(params).filter(([k]) => k !== 'Signature')),
      retCode: 0,
    };
    stats.requests += 1;
    stats.recent.push(seen);
    if (stats.recent.length > RECENT_LIMIT) stats.recent.shift();
    return seen;
  };

  let inFlight = 0;
  const server = createServer((req, res) => {
    inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    res.on('close', () => (inFlight -= 1));
    answer(req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      if (!(error instanceof BodyTooLargeError)) return sendJson(res, 500, { RetCode: 500, Message: String(error) });
      stats.tooLarge += 1;
      // Closing the connection after a 413 stops the sender instead of reading the rest of its body.
      sendJson(res, 413, { message: error.message }, { connection: 'close' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    stats: () => stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
