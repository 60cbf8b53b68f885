/** readBody: text or binary, content encodings, the cap (declared, received, decoded), linear time shown by the bytes copied. */
import { Readable } from 'node:stream';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readBody, type Body } from '../../../src/udts/body.js';

afterEach(() => vi.restoreAllMocks());

const MIB = 1024 * 1024;

/** A byte stream of these chunks, as an IncomingMessage delivers them. */
const streamOf = (...chunks: Buffer[]) => Readable.from(chunks, { objectMode: false });

/** An endless stream of `chunk` that counts what was pulled from it. */
function endless(chunk = Buffer.alloc(1_000, 0x61)) {
  const counter = { pulledBytes: 0 };
  const stream = new Readable({
    read() {
      counter.pulledBytes += chunk.length;
      this.push(chunk);
    },
  });
  return { stream, counter };
}

const JSON_TEXT = '{"RetCode":0,"Data":{"Status":"Done"}}';
const GZIP = gzipSync(JSON_TEXT);
const CAP = 64 * 1_024;
const TEXT: Body = { kind: 'text', text: JSON_TEXT };
const notDecoded = (coding: string): Body => ({ kind: 'unread', failure: 'transient', why: expect.stringContaining(`the ${coding} body could not be decoded`) });

describe('readBody', () => {
  it.each<[string, Buffer, Record<string, string>, Body, number?]>([
    ['plain UTF-8 as text', Buffer.from(JSON_TEXT), {}, TEXT],
    ['UTF-8 with a byte-order mark as text (the mark dropped)', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON_TEXT)]), {}, TEXT],
    ['non-ASCII text split inside a character as text', Buffer.from('état: Terminé ✓'), {}, { kind: 'text', text: 'état: Terminé ✓' }],
    ['an empty body as text', Buffer.alloc(0), {}, { kind: 'text', text: '' }],
    ['invalid UTF-8 as binary data, described by its size only', Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x80, 0x81]), {}, { kind: 'binary', bytes: 6 }],
    ['text with a NUL byte as binary data', Buffer.from('{"RetCode":0}\u0000'), {}, { kind: 'binary', bytes: 14 }],
    ['a gzip stream nobody decoded as binary data', GZIP, {}, { kind: 'binary', bytes: GZIP.length }],
    ...([['gzip', GZIP], ['x-gzip', GZIP], [' GZip ', GZIP], ['deflate', deflateSync(JSON_TEXT)], ['br', brotliCompressSync(JSON_TEXT)],
      ['identity', Buffer.from(JSON_TEXT)]] as const)
      .map(([coding, bytes]): [string, Buffer, Record<string, string>, Body] => [`${JSON.stringify(coding)}, decoded`, bytes, { 'content-encoding': coding }, TEXT]),
    ['a corrupt gzip body: transient, not decoded', Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' }, notDecoded('gzip')],
    // Raw deflate: RFC 9110's deflate is the zlib format.
    ['a raw deflate body: transient, not decoded', deflateRawSync(JSON_TEXT), { 'content-encoding': 'deflate' }, notDecoded('deflate')],
    ['a gzip body cut short: transient, not decoded', GZIP.subarray(0, 20), { 'content-encoding': 'gzip' }, notDecoded('gzip')],
    ['a body of exactly the cap without a Content-Length', Buffer.alloc(CAP, 0x61), {}, { kind: 'text', text: 'a'.repeat(CAP) }, CAP],
    ['a body of exactly the cap that declares its length', Buffer.alloc(CAP, 0x61), { 'content-length': String(CAP) }, { kind: 'text', text: 'a'.repeat(CAP) }, CAP],
    ['an encoded body whose received size is exactly the cap', GZIP, { 'content-encoding': 'gzip' }, TEXT, GZIP.length],
    // A Content-Length that is not plain digits declares nothing.
    ...[' 99999999', '99999999 ', '+99999999', '1e8', '0x5F5E100'].map((length): [string, Buffer, Record<string, string>, Body, number] =>
      [`a body with a Content-Length of ${JSON.stringify(length)}`, Buffer.from(JSON_TEXT), { 'content-length': length }, TEXT, CAP]),
  ])('reads %s', async (_what, bytes, headers, body, cap) => {
    // One byte per chunk, so multi-byte characters arrive split.
    await expect(readBody(streamOf(...[...bytes].map((byte) => Buffer.from([byte]))), headers, cap)).resolves.toEqual(body);
  });

  it.each([...['zstd', 'compress', 'gzip, br', 'constructor'].map((coding) => [coding, coding]), ['x'.repeat(100), 'x'.repeat(40)]])(
    '%j is refused, fatal, without reading the body, named as %j (its first 40 characters)',
    async (coding, named) => {
      const { stream, counter } = endless();
      const body = await readBody(stream, { 'content-encoding': coding });
      expect(body).toEqual({ kind: 'unread', failure: 'fatal', why: expect.stringContaining(`encoded as "${named}", which udts-wait cannot decode`) });
      expect(stream.destroyed).toBe(true);
      expect(counter.pulledBytes).toBe(0);
    },
  );

  it('refuses a Content-Length over the cap before reading a byte, naming both sizes', async () => {
    const { stream, counter } = endless();
    const body = await readBody(stream, { 'content-length': String(CAP + 1) }, CAP);
    expect(body).toEqual({ kind: 'unread', failure: 'fatal', why: `the answer declares ${CAP + 1} bytes (Content-Length), over the 64 KiB cap on an answer's size` });
    expect(stream.destroyed).toBe(true);
    expect(counter.pulledBytes).toBe(0);
  });

  it('stops an endless body at the cap and destroys the stream', async () => {
    const { stream, counter } = endless();
    const body = await readBody(stream, {}, CAP);
    expect(body).toEqual({ kind: 'unread', failure: 'fatal', why: `the answer was still arriving after ${CAP + 464} bytes, over the 64 KiB cap on an answer's size` });
    expect(stream.destroyed).toBe(true);
    // The cap, one chunk, and at most the stream's own read-ahead (its highWaterMark).
    expect(counter.pulledBytes).toBeLessThanOrEqual(CAP + 1_000 + stream.readableHighWaterMark);
  });

  it('stops a zip bomb at the cap on the decoded size (1 MiB by default)', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * MIB)); // 8 MiB of zeros in about 8 KB
    expect(bomb.length).toBeLessThan(MIB / 100);
    const body = await readBody(streamOf(bomb), { 'content-encoding': 'gzip' });
    const why = expect.stringMatching(/^the answer decodes to at least \d+ bytes, over the 1 MiB cap on an answer's size$/);
    expect(body).toMatchObject({ kind: 'unread', failure: 'fatal', why });
    // Decoding stopped within one decoder chunk (16 KiB) of the cap, not after 8 MiB.
    expect(Number(/least (\d+)/.exec((body as { why: string }).why)?.[1])).toBeLessThanOrEqual(MIB + 16 * 1_024);
  });

  it('stops an encoded body at the cap on the received size too', async () => {
    // Empty gzip members decode to nothing, so only the received count can stop them.
    const emptyMember = gzipSync(Buffer.alloc(0));
    const { stream, counter } = endless(emptyMember);
    const body = await readBody(stream, { 'content-encoding': 'gzip' }, CAP);
    expect(body).toMatchObject({ kind: 'unread', failure: 'fatal', why: expect.stringContaining('was still arriving after') });
    expect(counter.pulledBytes).toBeLessThanOrEqual(CAP + emptyMember.length + stream.readableHighWaterMark);
  });

  it('copies each byte once however many chunks arrive (10,000 chunks: one concat)', async () => {
    const concat = vi.spyOn(Buffer, 'concat');
    const chunks = Array.from({ length: 10_000 }, () => Buffer.alloc(100, 0x61));
    const body = await readBody(streamOf(...chunks), {});
    expect(body).toEqual({ kind: 'text', text: 'a'.repeat(1_000_000) });
    const copiedBytes = concat.mock.calls.reduce((sum, [list]) => sum + list.reduce((n, chunk) => n + chunk.length, 0), 0);
    // Re-copying the body on every chunk (what http-client's readBody does) would copy about 5e9 bytes.
    expect(copiedBytes).toBe(1_000_000);
    expect(concat).toHaveBeenCalledTimes(1);
  });

  it.each<[string, Buffer, Record<string, string>]>([
    ['a plain body', Buffer.from('{"RetCode"'), {}],
    ['an encoded body (not a decoding error)', gzipSync(JSON_TEXT).subarray(0, 15), { 'content-encoding': 'gzip' }],
  ])("rejects with the stream's own error when %s is cut by the network (for the caller to sort)", async (_what, start, headers) => {
    const reset = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    const stream = new Readable({ read() {} });
    stream.push(start);
    setImmediate(() => stream.destroy(reset));
    await expect(readBody(stream, headers)).rejects.toBe(reset);
  });

  it('rejects when the stream closes before its end', async () => {
    const stream = new Readable({ read() {} });
    setImmediate(() => stream.destroy());
    await expect(readBody(stream, {})).rejects.toEqual(new Error('the connection closed before the answer ended'));
  });
});
