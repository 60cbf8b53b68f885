/**
 * Reading a request body with a bound: the emulator listens to whatever a test, a proxy or a user
 * sends it, so it never holds more than a cap in memory, whatever the sender declares or streams.
 */
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

/**
 * The cap for a UDTS request: a status or history request is a few hundred bytes of form fields, so
 * 64 KiB leaves ample room for long ids and keys and still refuses a runaway sender at once.
 */
export const UDTS_BODY_CAP_BYTES = 64 * 1024;

/**
 * The cap for a GitHub request: a check run's title, summary and text may each reach 65,535
 * characters, several bytes each in UTF-8 and JSON escaping, and the fake must read a body over
 * GitHub's limits to answer 422 as GitHub does rather than 413.
 */
export const GITHUB_BODY_CAP_BYTES = 1024 * 1024;

/** A body over its cap: the server answers 413 Payload Too Large. */
export class BodyTooLargeError extends Error {
  constructor(readonly capBytes: number, seenBytes: number, declared: boolean) {
    super(`request body ${declared ? 'declared as' : 'over'} ${seenBytes} bytes, over the emulator's cap of ${capBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * The whole body, or BodyTooLargeError once it passes `capBytes`. A Content-Length over the cap is
 * refused before reading; a stream is counted as it comes and paused at the cap, so at most the cap
 * plus one chunk is ever held. One concat at the end keeps the time linear in the size.
 */
export function readRequestBody(stream: Readable, capBytes: number, declaredBytes?: number): Promise<Buffer> {
  if (declaredBytes !== undefined && declaredBytes > capBytes) {
    return Promise.reject(new BodyTooLargeError(capBytes, declaredBytes, true));
  }
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let sizeBytes = 0;
    const onData = (chunk: Buffer) => {
      sizeBytes += chunk.length;
      if (sizeBytes <= capBytes) return void chunks.push(chunk);
      stream.off('data', onData);
      stream.pause();
      chunks = [];
      reject(new BodyTooLargeError(capBytes, sizeBytes, false));
    };
    stream.on('data', onData);
    stream.once('end', () => resolve(Buffer.concat(chunks, sizeBytes)));
    stream.once('error', reject);
  });
}

/** The Content-Length a request declares, when it declares a usable one. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  return header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
}

/** UDTS parameters from the URL query and a form or JSON body (the API takes all three); the body wins. */
export function udtsParams(url: URL, body: Buffer, contentType: string): Record<string, string> {
  return { ...Object.fromEntries(url.searchParams), ...bodyParams(body.toString('utf8'), contentType) };
}

function bodyParams(text: string, contentType: string): Record<string, string> {
  if (text === '') return {};
  if (!contentType.includes('json')) return Object.fromEntries(new URLSearchParams(text));
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
  } catch {
    return {};
  }
}
