/**
 * Turns an HTTP answer (status and body as read) into the `Data` of a successful call, or the
 * UdtsError it stands for. Every string that leaves here has had the signature removed.
 */
import type { Body } from './body.js';
import { UdtsError, httpStatusKind, retCodeHint, retCodeKind } from './errors.js';

/** One answer to one call, and what its messages need. */
interface Answer {
  /** The API action called, for the hints ("the endpoint does not know GetUDTSTaskHistory"). */
  action: string;
  status: number;
  body: Body;
  /** The X-UCLOUD-REQUEST-UUID header, worth quoting to the provider's support. */
  requestId?: string;
  /** Removes the request's signature and private key from a text (see signatureRemover). */
  clean: (text: string) => string;
}

const INTEGER = /^-?\d+$/;

/** The `Data` of an answer with RetCode 0, each of its strings without the signature; throws a UdtsError otherwise. */
export function readAnswer({ action, status, body, requestId, clean }: Answer): unknown {
  // Cleaned before it is cut into a snippet, which could keep half a signature; every message once more.
  const text = body.kind === 'text' ? clean(body.text) : undefined;
  const fail = (message: string, details: ConstructorParameters<typeof UdtsError>[1]) => new UdtsError(clean(message), details);
  const where = requestId ? ` (request ${requestId})` : '';
  const shown = text !== undefined ? snippet(text) : describe(body);
  if (status < 200 || status >= 300) {
    const kind = httpStatusKind(status);
    const advice = kind === 'fatal' ? ': check api-url' : '';
    throw fail(`HTTP ${status} from the API${where}: ${shown}${advice}`, { kind });
  }
  if (body.kind === 'unread') throw fail(`HTTP ${status} from the API${where}: ${body.why}`, { kind: body.failure });

  let root: Record<string, unknown>;
  const json = text ?? '';
  try {
    root = Object(JSON.parse(json, (_key, value: unknown) => (typeof value === 'string' ? clean(value) : value))) as Record<string, unknown>;
    // JSON.parse reads 1e-999 and 0.0 as 0: a number RetCode counts only when written as an integer.
    if (typeof root.RetCode === 'number' && !INTEGER.test(retCodeLiteral(json) ?? '')) root.RetCode = Number.NaN;
  } catch {
    throw fail(`HTTP ${status} with a body that is not JSON${where}: ${shown}`, { kind: 'transient' });
  }
  const retCode = asRetCode(root.RetCode);
  if (retCode === undefined) {
    const problem = 'RetCode' in root ? 'a malformed RetCode (expected an integer)' : 'no RetCode';
    throw fail(`answer with ${problem}${where}: ${shown}`, { kind: 'transient' });
  }
  if (retCode !== 0) {
    const quoted = typeof root.Message === 'string' && root.Message !== '' ? ` "${root.Message}"` : '';
    const hint = retCodeHint(retCode, action);
    throw fail(`API error RetCode ${retCode}${quoted}${where}${hint ? `: ${hint}` : ''}`, { kind: retCodeKind(retCode), retCode });
  }
  return root.Data;
}

// The tokens of a JSON text that tell keys and nesting: a string, with what follows it when it is a key
// (the value's literal when that is a number, else ''), or a bracket. A string is matched whole, so a
// quote or a bracket inside one is no token of its own.
const TOKENS = /("(?:[^"\\]|\\.)*")(?:\s*:\s*(-?[\d.eE+-]*))?|[{[]|[}\]]/g;

/**
 * The literal of the top-level RetCode in a text JSON.parse accepted, however its key is spelled
 * (`"Ret\u0043ode"` is RetCode too); of a key given twice, the last, as JSON.parse keeps it.
 * Undefined when that value is not a number. The same on every Node (a reviver sees literals only from 22 on).
 */
function retCodeLiteral(json: string): string | undefined {
  let depth = 0;
  let literal: string | undefined;
  for (const [token, key, value] of json.matchAll(TOKENS)) {
    if (token === '{' || token === '[') depth += 1;
    else if (token === '}' || token === ']') depth -= 1;
    else if (depth === 1 && value !== undefined && JSON.parse(key as string) === 'RetCode') literal = value || undefined;
  }
  return literal;
}

/**
 * RetCode as the API writes it: a JSON integer, or a string of decimal digits with an optional leading
 * minus ("0", "171", "-1"). Anything else ("0x0", "1e-999", 0.5, true, "", " 0") is no RetCode: read
 * loosely, "0x0" would pass as success.
 */
function asRetCode(value: unknown): number | undefined {
  const number = typeof value === 'string' && INTEGER.test(value) ? Number(value) : value;
  // Stryker disable next-line ConditionalExpression: Number.isSafeInteger is false for a non-number too; the typeof is for the type checker
  return typeof number === 'number' && Number.isSafeInteger(number) ? number : undefined;
}

/** A body that is not text, as a message shows it: never its bytes. */
function describe(body: Body): string {
  if (body.kind === 'binary') return `${body.bytes} bytes of binary data`;
  // Stryker disable next-line ConditionalExpression,StringLiteral: a text body is quoted (snippet), never described, so '' is never returned
  return body.kind === 'unread' ? `(${body.why})` : '';
}

/** The start of a body for a message: white space runs made one space, cut at 120 characters. */
function snippet(text: string): string {
  const flat = text.slice(0, 1_000).replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  if (flat.length <= 120) return flat;
  // Never cut a surrogate pair in half.
  const end = /[\uD800-\uDBFF]/.test(flat.charAt(119)) ? 119 : 120;
  return `${flat.slice(0, end)}…`;
}
