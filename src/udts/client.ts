import { HttpClient } from '@actions/http-client';
import type { RequestHandler } from '@actions/http-client/lib/interfaces';
import type { Agent } from 'node:http';
import { formatDuration } from '../duration.js';
import { linkAbort, untilAborted } from './abort.js';
import { readAnswer } from './answer.js';
import { STATUS_CAP_BYTES, readBody } from './body.js';
import { UdtsError, networkFailure } from './errors.js';
import { HISTORY_ACTION, historyFromData, type HistoryEntry } from './history.js';
import { connectStatus, proxyRefusal, proxyRoute } from './proxy.js';
import { signatureRemover } from './redact.js';
import { sentParams, sign, type ParamValue } from './signature.js';
import { STATUS_ACTION, readingFromData, type Reading } from './status.js';

/** Connections kept to the API; the waiter never has more requests in flight than this. */
const MAX_SOCKETS = 8;

/** Where and as whom to call the API: the slice of the settings the client reads. */
export interface ApiSettings {
  readonly apiUrl: string;
  readonly publicKey: string;
  readonly privateKey: string;
  readonly projectId?: string;
  readonly type?: 'transfer' | 'integration';
}

/** The client's settings, and who calls. */
export interface ClientConfig extends ApiSettings {
  userAgent: string;
  /** Receives one line per request, with the parameters but never the signature or private key. */
  debug?: (line: string) => void;
}

interface CallOptions {
  /** Aborted when the run is cancelled: the request is torn down at once. */
  signal: AbortSignal;
  /** The most this one request may take, answer read included. */
  timeoutMs: number;
}

/** One status call: a Reading, or a UdtsError (transient or fatal). Rejects with the abort reason on cancel. */
export type FetchStatus = (taskId: string, options: CallOptions) => Promise<Reading>;
/** One history call: the task's recorded states, oldest first; rejects as FetchStatus does. */
export type FetchHistory = (taskId: string, options: CallOptions) => Promise<HistoryEntry[]>;

/** The signed calls udts-wait makes. Each rejects with a UdtsError, or with the abort reason on cancel. */
export interface UdtsClient {
  /** GetUDTSTaskStatus: where the task is now. */
  status: FetchStatus;
  /**
   * GetUDTSTaskHistory: the states the service recorded for the task, oldest first. An endpoint
   * without this action answers RetCode 161 (a fatal UdtsError with `retCode` 161).
   */
  history: FetchHistory;
}

/**
 * Builds the client. Parameters and signature travel in the form body of a POST, never in the URL,
 * where they would end up in proxy and access logs. Both calls share one agent, made by http-client
 * as it would make its own: keep-alive (connections and TLS sessions reused, not a handshake per
 * poll), or its proxy tunnel when HTTPS_PROXY/HTTP_PROXY apply and NO_PROXY does not.
 */
export function createUdtsClient(config: ClientConfig): UdtsClient {
  const apiUrl = new URL(config.apiUrl);
  // Stryker disable next-line ArrayDeclaration: this client only makes the agent; request handlers play no part in that
  const agent = new HttpClient(config.userAgent, [], { keepAlive: true, maxSockets: MAX_SOCKETS }).getAgent(apiUrl.href);
  const route = proxyRoute(apiUrl);

  const call = async (action: string, taskId: string, { signal, timeoutMs }: CallOptions): Promise<unknown> => {
    const endpoint = new URL(apiUrl);
    endpoint.searchParams.set('Action', action);
    const params: Record<string, ParamValue> = {
      Action: action,
      PublicKey: config.publicKey,
      ProjectId: config.projectId,
      TaskId: taskId,
      Type: config.type,
    };
    const sent = sentParams(params);
    config.debug?.(`POST ${endpoint.href} ${JSON.stringify(sent)}`);
    const signature = sign(params, config.privateKey);
    const clean = signatureRemover(signature, config.privateKey);
    const form = new URLSearchParams({ ...sent, Signature: signature });

    const abort = linkAbort(signal, timeoutMs);
    const client = new HttpClient(config.userAgent, [nodeRequestOptions(abort.signal, agent)], {
      allowRedirects: false,
      socketTimeout: Math.max(1, timeoutMs),
    });
    try {
      const response = await untilAborted(
        client.post(endpoint.href, form.toString(), {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        }),
        abort.signal,
      );
      const { message } = response;
      const status = message.statusCode ?? 0;
      if (status === 407) {
        message.destroy();
        throw new UdtsError(proxyRefusal(407, route, false, apiUrl).text, { kind: 'fatal' });
      }
      // No untilAborted here: aborting the request destroys the answer's stream, and readBody settles on that.
      const body = await readBody(message, message.headers, action === STATUS_ACTION ? STATUS_CAP_BYTES : undefined);
      const requestId = headerText(message.headers['x-ucloud-request-uuid']);
      return readAnswer({ action, status, body, requestId, clean });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (error instanceof UdtsError) throw error;
      if (abort.timedOut()) {
        throw new UdtsError(`no answer within ${formatDuration(timeoutMs)}`, { kind: 'transient', timedOut: true });
      }
      const refusedWith = connectStatus(error);
      const failure = refusedWith === undefined
        ? networkFailure(error, config.apiUrl, route)
        : proxyRefusal(refusedWith, route, true, apiUrl);
      throw new UdtsError(clean(failure.text), { kind: failure.kind });
    } finally {
      abort.dispose();
    }
  };

  return {
    status: async (taskId, options) => readingFromData(await call(STATUS_ACTION, taskId, options)),
    // The wall clock, not a monotonic one: it is compared with the service's own times.
    history: async (taskId, options) =>
      historyFromData(await call(HISTORY_ACTION, taskId, options), Date.now(), (why) => config.debug?.(`${HISTORY_ACTION} ${taskId}: ${why}`)),
  };
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
      // Stryker disable next-line OptionalChaining: http-client always sets host (the URL's hostname)
      if (options.host?.startsWith('[')) options.host = options.host.slice(1, -1);
    },
    // Stryker disable next-line ArrowFunction: undefined says no as false does
    canHandleAuthentication: () => false,
    // Stryker disable next-line all: never called, since canHandleAuthentication says no
    handleAuthentication: () => Promise.reject(new Error('not supported')),
  };
}
