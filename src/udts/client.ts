import { HttpClient } from '@actions/http-client';
import type { RequestHandler } from '@actions/http-client/lib/interfaces';
import type { Agent } from 'node:http';
import { formatDuration } from '../duration.js';
import { requestAbort, untilAborted } from './abort.js';
import { UdtsError, httpStatusKind, networkFailure, retCodeHint, retCodeKind } from './errors.js';
import { sentParams, sign, type ParamValue } from './signature.js';
import { STATUS_ACTION, asNumber, readingFromData, type Reading } from './status.js';

/** Connections kept to the API; the waiter never has more requests in flight than this. */
const MAX_SOCKETS = 8;

/** Where and as whom to call the API. */
export interface ClientConfig {
  apiUrl: string;
  publicKey: string;
  privateKey: string;
  projectId?: string;
  type?: string;
  userAgent: string;
  /** Receives one line per request, with the parameters but never the signature or private key. */
  debug?: (line: string) => void;
}

export interface CallOptions {
  /** Aborted when the run is cancelled: the request is torn down at once. */
  signal: AbortSignal;
  /** The most this one request may take; the waiter keeps it inside the overall deadline. */
  timeoutMs: number;
}

/** One status call: a Reading, or a UdtsError (transient or fatal). Rejects with the abort reason on cancel. */
export type StatusFetcher = (taskId: string, options: CallOptions) => Promise<Reading>;

/**
 * Builds the signed GetUDTSTaskStatus call. Parameters and signature travel in a form body of a POST,
 * never in the URL, where they would end up in proxy and access logs.
 */
export function createStatusFetcher(config: ClientConfig): StatusFetcher {
  const url = new URL(config.apiUrl);
  url.searchParams.set('Action', STATUS_ACTION);
  const endpoint = url.toString();
  // One agent for every request of the run, made by http-client as it would make its own: a
  // keep-alive agent (connections and TLS sessions reused, not a handshake per poll), or its proxy
  // tunnel when HTTPS_PROXY/HTTP_PROXY apply and NO_PROXY does not.
  const sharedAgent = new HttpClient(config.userAgent, [], { keepAlive: true, maxSockets: MAX_SOCKETS }).getAgent(endpoint);

  return async (taskId, { signal, timeoutMs }) => {
    const params: Record<string, ParamValue> = {
      Action: STATUS_ACTION,
      PublicKey: config.publicKey,
      ProjectId: config.projectId,
      TaskId: taskId,
      Type: config.type,
    };
    const sent = sentParams(params);
    config.debug?.(`POST ${endpoint} ${JSON.stringify(sent)}`);
    const body = new URLSearchParams({ ...sent, Signature: sign(params, config.privateKey) });

    const abort = requestAbort(signal, timeoutMs);
    const client = new HttpClient(config.userAgent, [nodeRequestOptions(abort.signal, sharedAgent)], {
      allowRedirects: false,
      allowRetries: false,
      socketTimeout: Math.max(1, timeoutMs),
    });

    let status: number;
    let text: string;
    let requestId: string | undefined;
    try {
      const response = await untilAborted(
        client.post(endpoint, body.toString(), {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        }),
        abort.signal,
      );
      status = response.message.statusCode ?? 0;
      requestId = headerText(response.message.headers['x-ucloud-request-uuid']);
      text = await untilAborted(response.readBody(), abort.signal);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (abort.timedOut()) {
        throw new UdtsError(`no answer within ${formatDuration(timeoutMs)}`, { kind: 'transient', timedOut: true });
      }
      const failure = networkFailure(error, config.apiUrl);
      throw new UdtsError(failure.text, { kind: failure.kind });
    } finally {
      abort.dispose();
    }
    return readResponse(status, text, requestId);
  };
}

/** Turns an HTTP answer into a Reading, or the UdtsError it stands for. Exported for unit tests. */
export function readResponse(status: number, text: string, requestId?: string): Reading {
  const where = requestId ? ` (request ${requestId})` : '';
  if (status < 200 || status >= 300) {
    const kind = httpStatusKind(status);
    const advice = kind === 'fatal' ? ': check api-url' : '';
    throw new UdtsError(`HTTP ${status} from the API${where}: ${snippet(text)}${advice}`, {
      kind,
      httpStatus: status,
      requestId,
    });
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UdtsError(`HTTP ${status} with a body that is not JSON${where}: ${snippet(text)}`, {
      kind: 'transient',
      httpStatus: status,
      requestId,
    });
  }
  const root = (json ?? {}) as Record<string, unknown>;
  const retCode = asNumber(root.RetCode);
  if (retCode === undefined) {
    throw new UdtsError(`answer without a RetCode${where}: ${snippet(text)}`, { kind: 'transient', requestId });
  }
  if (retCode !== 0) {
    const apiMessage = typeof root.Message === 'string' ? root.Message : '';
    const kind = retCodeKind(retCode);
    const hint = retCodeHint(retCode);
    const quoted = apiMessage ? ` "${apiMessage}"` : '';
    throw new UdtsError(`API error RetCode ${retCode}${quoted}${where}${hint ? `: ${hint}` : ''}`, {
      kind,
      retCode,
      apiMessage,
      requestId,
      httpStatus: status,
    });
  }
  return readingFromData(root.Data);
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A request handler that adjusts what http-client hands to node:http: our abort signal, so an abort
 * tears the socket down; the run's one agent; and an IPv6 host without its URL brackets
 * ("[::1]" -> "::1"), which http-client passes on as the URL writes it and node:http cannot resolve.
 */
function nodeRequestOptions(signal: AbortSignal, agent: Agent): RequestHandler {
  return {
    prepareRequest: (options) => {
      options.signal = signal;
      options.agent = agent;
      if (options.host?.startsWith('[')) options.host = options.host.slice(1, -1);
    },
    canHandleAuthentication: () => false,
    handleAuthentication: () => Promise.reject(new Error('not supported')),
  };
}
