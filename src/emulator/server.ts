/**
 * The UDTS API emulator: GetUDTSTaskStatus over HTTP on loopback, checking every signature as the
 * real API does, answering from a scenario. The tests, the demo and users' dry runs start it.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign } from '../udts/signature.js';
import { STATUS_ACTION as ACTION } from '../udts/status.js';
import { DEMO_KEYS, currentStep, type Fault, type Scenario } from './scenario.js';

/** One request as the emulator saw it; tests read these to check what the action sent. */
export interface SeenRequest {
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
  requests: number;
  byTask: Record<string, number>;
  maxInFlight: number;
  /** The most recent requests (at most 1,000). */
  recent: SeenRequest[];
}

export interface RunningEmulator {
  url: string;
  stats(): EmulatorStats;
  close(): Promise<void>;
}

const RECENT_LIMIT = 1_000;

const ERRORS: Readonly<Record<number, string>> = {
  160: 'Missing Action',
  161: 'Action not found',
  170: 'Missing Signature',
  171: 'Signature VerifyAC Error',
  172: 'User not exist',
  220: 'Missing params [TaskId]',
  230: 'Params [TaskId] not available',
};

/** Starts the emulator on 127.0.0.1 (port 0: any free port). */
export async function startEmulator(scenario: Scenario, port = 0): Promise<RunningEmulator> {
  const keys = new Map((scenario.keys ?? [DEMO_KEYS]).map((k) => [k.publicKey, k.privateKey]));
  const firstSeenAt = new Map<string, number>();
  const stats: EmulatorStats = { requests: 0, byTask: {}, maxInFlight: 0, recent: [] };
  let inFlight = 0;

  const answer = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (url.pathname === '/_emulator/stats') return sendJson(res, 200, stats);

    const params = { ...Object.fromEntries(url.searchParams), ...(await readBodyParams(req)) };
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
    if (scenario.latencyMs) await new Promise((resolve) => setTimeout(resolve, scenario.latencyMs));

    const apiError = (retCode: number) => {
      seen.retCode = retCode;
      sendJson(res, 200, { RetCode: retCode, Action: `${params.Action ?? ''}Response`, Message: ERRORS[retCode] ?? '' });
    };
    if (!params.Action) return apiError(160);
    if (params.Action !== ACTION) return apiError(161);
    if (!params.Signature) return apiError(170);
    const privateKey = keys.get(params.PublicKey ?? '');
    if (privateKey === undefined) return apiError(172);
    const { Signature: signature, ...signed } = params;
    if (sign(signed, privateKey) !== signature) return apiError(171);
    const taskId = params.TaskId;
    if (!taskId) return apiError(220);
    const script = scenario.tasks[taskId];
    if (!script || (script.projectId && params.ProjectId && params.ProjectId !== script.projectId)) return apiError(230);

    const index = stats.byTask[taskId] ?? 0;
    stats.byTask[taskId] = index + 1;
    const now = Date.now();
    if (!firstSeenAt.has(taskId)) firstSeenAt.set(taskId, now);
    const step = currentStep(script, index, now - (firstSeenAt.get(taskId) ?? now));
    if (step.fault) {
      seen.retCode = step.fault.kind === 'retcode' ? step.fault.retCode : 'fault';
      return sendFault(res, step.fault);
    }
    sendJson(res, 200, { RetCode: 0, Action: `${ACTION}Response`, Message: '', Data: step.data ?? {} });
  };

  const server = createServer((req, res) => {
    inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    res.on('close', () => (inFlight -= 1));
    answer(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { RetCode: 500, Message: String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: boundPort } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${boundPort}`,
    stats: () => stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Parameters from a form or JSON body (the API takes both); {} for none. */
async function readBodyParams(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  if (body === '') return {};
  if ((req.headers['content-type'] ?? '').includes('json')) {
    try {
      const parsed = JSON.parse(body) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(body));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'x-ucloud-request-uuid': randomUUID() });
  res.end(text);
}

const HTML_PAGE = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';

function sendFault(res: ServerResponse, fault: Fault): void {
  switch (fault.kind) {
    case 'http':
      res.writeHead(fault.status, { 'content-type': 'text/html', 'x-ucloud-request-uuid': randomUUID() });
      res.end(fault.body ?? HTML_PAGE.replaceAll('502 Bad Gateway', `${fault.status} Error`));
      return;
    case 'reset':
      res.socket?.destroy();
      return;
    case 'hang':
      return; // never answered; closing the emulator cuts it
    case 'truncated':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"RetCode":0,"Action":"GetUDTSTaskStatusResponse","Data":{"Status":"Load');
      return;
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body>Please log in to the network</body></html>');
      return;
    case 'retcode':
      sendJson(res, 200, { RetCode: fault.retCode, Action: `${ACTION}Response`, Message: fault.message ?? '' });
  }
}
