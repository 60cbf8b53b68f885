/**
 * Reads an HTTP answer's body within a cap: in linear time (chunks kept, one concat at the end),
 * decoded when it is compressed, and described rather than quoted when it is not text.
 */
import { isUtf8 } from 'node:buffer';
import type { IncomingHttpHeaders } from 'node:http';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { FailureKind } from './errors.js';
import { stringCapper } from './string-cap.js';

/**
 * The most of a body read, before and after decoding: 1 MiB. A status answer is about 1 KB; a history
 * answer about 110 bytes per state change, so some 9,000 changes (thousands of retries) still fit.
 * Anything a thousand times larger than the real thing is not an answer but a fault (a wrong api-url,
 * a proxy's page, an API gone wrong); reading on would only cost memory, and with up to 8 requests in
 * flight, 1 MiB each keeps the worst case in single-digit MiB. GitHub refuses a job summary over 1 MiB
 * anyway, so nothing larger could be shown.
 */
const MAX_BODY_BYTES = 1024 * 1024;
/**
 * The most of a status answer read: 256 KiB. A status answer is about 1 KB (a long FailedMessage or
 * GTID set a few KB more); one past this is a fault, refused like any answer over its cap, on its first
 * bytes past it. So an API that sends a huge status answer on every poll costs a run almost nothing:
 * the socket's buffers of an answer read whole are freed only when the garbage collector next runs,
 * which at one poll a second or more can be tens of MiB later.
 */
export const STATUS_CAP_BYTES = 256 * 1024;

/** A body as read: text (UTF-8, byte-order mark dropped), binary data (only its size), or not read and why. */
export type Body =
  | { kind: 'text'; text: string }
  | { kind: 'binary'; bytes: number }
  | { kind: 'unread'; why: string; failure: FailureKind };

// RFC 9110 codings. "deflate" is the zlib format there (§8.4.1.2); raw deflate is not accepted.
// A Map, not an object: a coding named "constructor" must not find Object's.
const DECODERS: ReadonlyMap<string, () => Transform> = new Map([
  ['gzip', createGunzip],
  ['x-gzip', createGunzip],
  ['deflate', createInflate],
  ['br', createBrotliDecompress],
]);

/**
 * Reads `stream` (an answer's body, with its `headers`) up to `capBytes`. Over the cap (declared by
 * Content-Length, received, or once decoded) the stream is destroyed and the body is 'unread', fatal:
 * the same request would get the same oversized answer, so retrying until the timeout would only hide
 * the cause. An unknown content-encoding is fatal for the same reason; a corrupt compressed body is
 * transient (a transfer cut short looks the same). Rejects with the stream's own error (a network fault).
 */
export async function readBody(stream: Readable, headers: IncomingHttpHeaders, capBytes = MAX_BODY_BYTES): Promise<Body> {
  // A Content-Length that is not plain digits (or none: "undefined") declares nothing.
  const length = String(headers['content-length']);
  const declaredBytes = /^\d+$/.test(length) ? Number(length) : 0;
  if (declaredBytes > capBytes) {
    stream.destroy();
    return overCap(`declares ${declaredBytes} bytes (Content-Length)`, capBytes);
  }
  const coding = (headers['content-encoding'] ?? '').trim().toLowerCase();
  const makeDecoder = DECODERS.get(coding);
  if (makeDecoder === undefined && coding !== '' && coding !== 'identity') {
    stream.destroy();
    const shown = JSON.stringify(coding.slice(0, 40));
    return { kind: 'unread', failure: 'fatal', why: `the body is encoded as ${shown}, which udts-wait cannot decode (it reads gzip, deflate and br)` };
  }

  const read = await collect(stream, makeDecoder?.(), capBytes);
  if ('over' in read) return overCap(read.over, capBytes);
  if ('corrupt' in read) {
    return { kind: 'unread', failure: 'transient', why: `the ${coding} body could not be decoded (${read.corrupt})` };
  }
  if (!isUtf8(read.bytes) || read.bytes.includes(0)) return { kind: 'binary', bytes: read.bytes.length };
  const text = read.bytes.toString('utf8');
  return { kind: 'text', text: text.startsWith('\uFEFF') ? text.slice(1) : text };
}

function overCap(seen: string, capBytes: number): Body {
  // Every cap is a whole number of KiB.
  const cap = capBytes % MAX_BODY_BYTES === 0 ? `${capBytes / MAX_BODY_BYTES} MiB` : `${capBytes / 1024} KiB`;
  return { kind: 'unread', failure: 'fatal', why: `the answer ${seen}, over the ${cap} cap on an answer's size` };
}

type Collected = { bytes: Buffer } | { over: string } | { corrupt: string };

/**
 * Gathers the (decoded) chunks, each string in them cut as it arrives (string-cap.ts), counting
 * received and decoded bytes; destroys the stream once either count passes the cap, so at most the
 * cap plus one chunk is ever held, and what is kept of a hostile answer of huge strings stays small.
 */
function collect(stream: Readable, decoder: Transform | undefined, capBytes: number): Promise<Collected> {
  return new Promise((resolve, reject) => {
    // pipeline() destroys both streams when either fails or is destroyed.
    const output: Readable = decoder ? pipeline(stream, decoder, () => {}) : stream;
    const chunks: Buffer[] = [];
    const capStrings = stringCapper();
    let receivedBytes = 0;
    let keptBytes = 0;
    let streamError: unknown;
    // The first outcome settles the promise; a later resolve or reject (the close after a stop) does nothing.
    const stop = (over: string) => {
      resolve({ over });
      stream.destroy();
      decoder?.destroy();
    };

    stream.on('error', (error) => (streamError ??= error));
    // Stryker disable next-line ConditionalExpression: without a decoder the output is the stream itself, whose own count below stops it with the same words
    if (decoder) {
      stream.on('data', (chunk: Buffer) => {
        receivedBytes += chunk.length;
        if (receivedBytes > capBytes) stop(`was still arriving after ${receivedBytes} bytes`);
      });
    }
    output.on('data', (chunk: Buffer) => {
      keptBytes += chunk.length;
      if (keptBytes > capBytes) {
        stop(decoder ? `decodes to at least ${keptBytes} bytes` : `was still arriving after ${keptBytes} bytes`);
        return;
      }
      chunks.push(capStrings(chunk));
    });
    output.on('end', () => resolve({ bytes: Buffer.concat(chunks) }));
    output.on('error', (error) => {
      if (decoder && streamError === undefined) {
        resolve({ corrupt: error.message });
        return;
      }
      // Stryker disable next-line LogicalOperator: the stream's error, or the same error that pipeline() handed on to the decoder
      reject(streamError ?? error);
    });
    output.on('close', () => reject(streamError ?? new Error('the connection closed before the answer ended')));
  });
}
