/**
 * The one error type an API call throws, and the rules that sort failures into "retry" (transient)
 * and "stop and tell the user what to fix" (fatal).
 */
import { LONG_FIELD_CHARS, capText } from '../text.js';
import type { ProxyRoute } from './proxy.js';

export type FailureKind = 'transient' | 'fatal';

/**
 * A failed API call. `message` is complete: cause, RetCode, request id and what to check; never the
 * signature; bounded, since it may quote the API or a proxy.
 */
export class UdtsError extends Error {
  readonly kind: FailureKind;
  /**
   * The API's RetCode, when it answered with one. 161: the endpoint has no such action (a caller may
   * take that as "this API has no history"); 230: no such task.
   */
  readonly retCode?: number;
  /** The request got no answer within its timeout. */
  readonly timedOut: boolean;

  constructor(message: string, details: { kind: FailureKind; retCode?: number; timedOut?: boolean }) {
    super(capText(message, LONG_FIELD_CHARS));
    this.name = 'UdtsError';
    this.kind = details.kind;
    this.retCode = details.retCode;
    this.timedOut = details.timedOut ?? false;
  }
}

/** 110 API timeout, 130 gateway error, 150 unavailable, 153 rate limited, >= 2000 server side: retry. */
export function retCodeKind(retCode: number): FailureKind {
  return retCode === 110 || retCode === 130 || retCode === 150 || retCode === 153 || retCode >= 2000
    ? 'transient'
    : 'fatal';
}

// ACTION stands for the action called.
const RETCODE_HINTS: Readonly<Record<number, string>> = {
  160: 'the request carried no Action; this is a bug in udts-wait, please report it',
  161: 'the endpoint does not know ACTION: check that api-url points at the UCloud/SurferCloud API',
  170: 'the request carried no Signature; this is a bug in udts-wait, please report it',
  171: 'check that private-key holds the private key that belongs to this public-key',
  172: 'check public-key: the API knows no user with this public key',
  174: 'check public-key and private-key: the API knows no such token',
  220: 'check task-id, project-id and type: a required parameter is missing',
  230: 'check task-id and project-id: the task does not exist in this project (or type names the wrong kind of task); for a task created just before, set appear-timeout',
  292: 'check project-id: the project does not exist or the key cannot see it',
  293: 'check the key\'s permissions for this region/zone',
  294: 'the API refused this runner\'s IP address: check the key\'s IP allow-list',
  295: 'the account is under a security lock: see the provider console',
  299: 'check the key\'s permission for UDTS (IAM): it may not call ACTION',
};

/** What the user should check for a RetCode of a call to `action`, when we know. */
export function retCodeHint(retCode: number, action: string): string | undefined {
  return RETCODE_HINTS[retCode]?.replace('ACTION', action);
}

/** HTTP statuses worth retrying: timeouts, rate limiting and server errors. */
export function httpStatusKind(status: number): FailureKind {
  return status === 408 || status === 429 || status >= 500 ? 'transient' : 'fatal';
}

// Node's codes for certificate problems: retrying cannot fix them, and neither should we by ignoring them.
// A set of unknown: any error's code, a string or not, can be looked up.
const TLS_CODES: ReadonlySet<unknown> = new Set([
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_SIGNATURE_FAILURE', 'CERT_REVOKED', 'CERT_UNTRUSTED',
  'ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO',
]);

/**
 * Sorts a network-level error (no HTTP answer) into transient or fatal, with what to check; names the
 * proxy the request went through, if any.
 */
export function networkFailure(error: unknown, apiUrl: string, route?: ProxyRoute): { kind: FailureKind; text: string } {
  const code = (error as { code?: unknown } | null)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  // Through a proxy, the tunnel reports its own failure to resolve the proxy inside its message.
  if (route && (code === 'ENOTFOUND' || /\bENOTFOUND\b/.test(detail))) {
    return { kind: 'fatal', text: `unknown host of the proxy ${route.address} (from ${route.variable}; ${detail}): check ${route.variable}` };
  }
  if (code === 'ENOTFOUND') {
    return { kind: 'fatal', text: `unknown host in api-url '${apiUrl}' (${detail}): check api-url` };
  }
  if (TLS_CODES.has(code)) {
    return {
      kind: 'fatal',
      text: `TLS error talking to '${apiUrl}' (${code}: ${detail}): check api-url and the runner's CA certificates`,
    };
  }
  const via = route ? ` through the proxy ${route.address} (from ${route.variable})` : '';
  return { kind: 'transient', text: `network error${via} (${typeof code === 'string' ? `${code}: ` : ''}${detail})` };
}
