/**
 * readBody: the cap (declared, received, decoded), content encodings, text versus binary, and linear
 * time shown by counting the bytes copied, not by timing.
 */
import { Readable } from 'node:stream';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readBody } from '../../../src/udts/body.js';

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

describe('readBody: text and binary', () => {
  it.each([
    ['plain UTF-8', Buffer.from(JSON_TEXT), JSON_TEXT],
    ['UTF-8 with a byte-order mark (dropped)', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON_TEXT)]), JSON_TEXT],
    ['non-ASCII text split inside a character', Buffer.from('état: Terminé ✓'), 'état: Terminé ✓'],
    ['an empty body', Buffer.alloc(0), ''],
  ])('%s is text', async (_what, bytes, text) => {
    // One byte per chunk, so multi-byte characters arrive split.
    const chunks = [...bytes].map((byte) => Buffer.from([byte]));
    await expect(readBody(streamOf(...chunks), {})).resolves.toEqual({ kind: 'text', text });
  });

  it.each([
    ['invalid UTF-8', Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x80, 0x81])],
    ['text with a NUL byte', Buffer.from('{"RetCode":0}\u0000')],
    ['a gzip stream nobody decoded', gzipSync(JSON_TEXT)],
  ])('%s is binary data, described by its size only', async (_what, bytes) => {
    await expect(readBody(streamOf(bytes), {})).resolves.toEqual({ kind: 'binary', bytes: bytes.length });
  });
});

describe('readBody: content-encoding', () => {
  it.each([
    ['gzip', gzipSync(JSON_TEXT)],
    ['x-gzip', gzipSync(JSON_TEXT)],
    [' GZip ', gzipSync(JSON_TEXT)],
    ['deflate', deflateSync(JSON_TEXT)],
    ['br', brotliCompressSync(JSON_TEXT)],
    ['identity', Buffer.from(JSON_TEXT)],
  ])('%j is decoded', async (coding, bytes) => {
    await expect(readBody(streamOf(bytes), { 'content-encoding': coding })).resolves.toEqual({ kind: 'text', text: JSON_TEXT });
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

  it.each([
    ['gzip', Buffer.from('not gzip at all')],
    ['deflate', deflateRawSync(JSON_TEXT)], // raw deflate: RFC 9110's deflate is the zlib format
    ['gzip', gzipSync(JSON_TEXT).subarray(0, 20)], // cut short
  ])('a corrupt %s body is transient and says it could not be decoded', async (coding, bytes) => {
    const body = await readBody(streamOf(bytes), { 'content-encoding': coding });
    expect(body).toEqual({ kind: 'unread', failure: 'transient', why: expect.stringContaining(`the ${coding} body could not be decoded`) });
  });
});

describe('readBody: the cap', () => {
  const CAP = 64 * 1_024;

  it.each<[string, Buffer, Record<string, string>, number, string]>([
    ['of exactly the cap without a Content-Length', Buffer.alloc(CAP, 0x61), {}, CAP, 'a'.repeat(CAP)],
    ['of exactly the cap that declares its length', Buffer.alloc(CAP, 0x61), { 'content-length': String(CAP) }, CAP, 'a'.repeat(CAP)],
    ['encoded, whose received size is exactly the cap', gzipSync(JSON_TEXT), { 'content-encoding': 'gzip' }, gzipSync(JSON_TEXT).length, JSON_TEXT],
    // A Content-Length that is not plain digits declares nothing.
    ...[' 99999999', '99999999 ', '+99999999', '1e8', '0x5F5E100'].map((length): [string, Buffer, Record<string, string>, number, string] =>
      [`with a Content-Length of ${JSON.stringify(length)}`, Buffer.from(JSON_TEXT), { 'content-length': length }, CAP, JSON_TEXT]),
  ])('reads a body %s', async (_what, bytes, headers, cap, text) => {
    await expect(readBody(streamOf(bytes), headers, cap)).resolves.toEqual({ kind: 'text', text });
  });

  it('refuses a Content-Length over the cap before reading a byte, naming both sizes', async () => {
    const { stream, counter } = endless();
    const body = await readBody(stream, { 'content-length': String(CAP + 1) }, CAP);
    expect(body).toEqual({ kind: 'unread', failure: 'fatal', why: `the answer declares ${CAP + 1} bytes (Content-Length), over the 65536-byte cap on an answer's size` });
    expect(stream.destroyed).toBe(true);
    expect(counter.pulledBytes).toBe(0);
  });

  it('stops an endless body at the cap and destroys the stream', async () => {
    const { stream, counter } = endless();
    const body = await readBody(stream, {}, CAP);
    expect(body).toEqual({ kind: 'unread', failure: 'fatal', why: `the answer was still arriving after ${CAP + 464} bytes, over the 65536-byte cap on an answer's size` });
    expect(stream.destroyed).toBe(true);
    // The cap, one chunk, and at most the stream's own read-ahead (its highWaterMark).
    expect(counter.pulledBytes).toBeLessThanOrEqual(CAP + 1_000 + stream.readableHighWaterMark);
  });

  it('stops a zip bomb at the cap on the decoded size (1 MiB by default)', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * MIB)); // 8 MiB of zeros in about 8 KB
    expect(bomb.length).toBeLessThan(MIB / 100);
    const body = await readBody(streamOf(bomb), { 'content-encoding': 'gzip' });
    expect(body).toMatchObject({ kind: 'unread', failure: 'fatal', why: expect.stringMatching(/^the answer decodes to at least \d+ bytes, over the 1 MiB cap on an answer's size$/) });
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
});

it('readBody copies each byte once however many chunks arrive (10,000 chunks: one concat)', async () => {
  const concat = vi.spyOn(Buffer, 'concat');
  const chunks = Array.from({ length: 10_000 }, () => Buffer.alloc(100, 0x61));
  const body = await readBody(streamOf(...chunks), {});
  expect(body).toEqual({ kind: 'text', text: 'a'.repeat(1_000_000) });
  const copiedBytes = concat.mock.calls.reduce((sum, [list]) => sum + list.reduce((n, chunk) => n + chunk.length, 0), 0);
  // Re-copying the body on every chunk (what http-client's readBody does) would copy about 5e9 bytes.
  expect(copiedBytes).toBe(1_000_000);
  expect(concat).toHaveBeenCalledTimes(1);
});

describe('readBody: a stream that fails', () => {
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
