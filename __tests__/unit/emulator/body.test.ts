/** Reading a request body: at most the cap plus a chunk held, one copy at the end, a declared length over the cap refused unread. */
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BodyTooLargeError, readRequestBody, udtsParams } from '../../../src/emulator/body.js';

const CHUNK_BYTES = 1_000;

/** A stream of `chunks` chunks that counts the bytes it was asked for. */
function countingStream(chunks: number) {
  const counter = { pulledBytes: 0, stream: undefined as unknown as Readable };
  let sent = 0;
  counter.stream = new Readable({
    highWaterMark: CHUNK_BYTES,
    read() {
      if (sent >= chunks) return void this.push(null);
      sent += 1;
      counter.pulledBytes += CHUNK_BYTES;
      this.push(Buffer.alloc(CHUNK_BYTES, 'a'));
    },
  });
  return counter;
}

afterEach(() => vi.restoreAllMocks());

describe('readRequestBody', () => {
  it('reads 10,000 small chunks with a single concat, into one buffer of the whole size', async () => {
    const concat = vi.spyOn(Buffer, 'concat');
    const { stream } = countingStream(10_000);
    const body = await readRequestBody(stream, 10_000 * CHUNK_BYTES);
    expect(body.length).toBe(10_000 * CHUNK_BYTES);
    expect(concat).toHaveBeenCalledTimes(1);
  });

  it('stops a long stream at the cap: the error names the cap, and reading stops', async () => {
    const counter = countingStream(1_000);
    const capBytes = 64 * CHUNK_BYTES;
    await expect(readRequestBody(counter.stream, capBytes)).rejects.toThrow(/over \d+ bytes, over the emulator's cap of 64000 bytes/);
    const pulledAtRefusal = counter.pulledBytes;
    for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(counter.pulledBytes).toBe(pulledAtRefusal);
    // The stream's own buffer may run a chunk or two ahead of the listener; nothing more is read.
    expect(pulledAtRefusal).toBeLessThanOrEqual(capBytes + 3 * CHUNK_BYTES);
  });

  it('refuses a declared length over the cap before reading a byte', async () => {
    const counter = countingStream(100);
    const refusal = readRequestBody(counter.stream, 10, 11);
    await expect(refusal).rejects.toBeInstanceOf(BodyTooLargeError);
    await expect(refusal).rejects.toThrow('declared as 11 bytes');
    expect(counter.pulledBytes).toBe(0);
  });

  it('takes a body of exactly the cap', async () => {
    expect((await readRequestBody(countingStream(3).stream, 3 * CHUNK_BYTES, 3 * CHUNK_BYTES)).length).toBe(3 * CHUNK_BYTES);
  });
});

describe('udtsParams', () => {
  const url = new URL('http://emulator/?Action=FromQuery&Extra=1');

  it.each<[string, string, string, Record<string, string>]>([
    ['a form body, over the query', 'Action=FromBody&TaskId=t', 'application/x-www-form-urlencoded', { Action: 'FromBody', Extra: '1', TaskId: 't' }],
    ['a JSON body, values as text', '{"Action":"FromBody","Limit":10}', 'application/json', { Action: 'FromBody', Extra: '1', Limit: '10' }],
    ['broken JSON: the query alone', '{"Action":', 'application/json', { Action: 'FromQuery', Extra: '1' }],
    ['a JSON list: the query alone', '["Action"]', 'application/json', { Action: 'FromQuery', Extra: '1' }],
    ['no body', '', '', { Action: 'FromQuery', Extra: '1' }],
  ])('%s', (_name, body, contentType, expected) => {
    expect(udtsParams(url, Buffer.from(body), contentType)).toEqual(expected);
  });
});
