/**
 * readAnswer: from an HTTP status and a body as read to the call's `Data`, or the UdtsError it
 * stands for; the strict RetCode; the signature removed from everything that leaves.
 */
import { describe, expect, it } from 'vitest';
import type { Body } from '../../../src/udts/body.js';
import { readAnswer } from '../../../src/udts/answer.js';
import { UdtsError } from '../../../src/udts/errors.js';
import { signatureRemover } from '../../../src/udts/redact.js';

const SIGNATURE = '0123456789abcdef0123456789abcdef01234567';
const text = (value: string): Body => ({ kind: 'text', text: value });
const json = (value: unknown): Body => text(JSON.stringify(value));

const read = (body: Body, status = 200, requestId?: string, action = 'GetUDTSTaskStatus') =>
  readAnswer({ action, status, body, requestId, clean: signatureRemover(SIGNATURE) });

/** The UdtsError readAnswer throws for this answer. */
function failure(body: Body, status = 200, requestId?: string, action?: string): UdtsError {
  try {
    read(body, status, requestId, action);
  } catch (error) {
    expect(error).toBeInstanceOf(UdtsError);
    return error as UdtsError;
  }
  throw new Error('readAnswer returned data');
}

describe('readAnswer: RetCode 0', () => {
  it('returns Data as the API sent it', () => {
    expect(read(json({ RetCode: 0, Data: { Status: 'Loading', Progress: { Percentage: 47.5 } } }))).toEqual({
      Status: 'Loading',
      Progress: { Percentage: 47.5 },
    });
  });

  it('returns undefined for an answer without Data', () => {
    expect(read(json({ RetCode: 0 }))).toBeUndefined();
  });
});

describe('readAnswer: the RetCode, strictly', () => {
  it.each([
    ['0', '0', 0],
    ['the string "0"', '"0"', 0],
    ['the string "171"', '"171"', 171],
    ['the string "-1"', '"-1"', -1],
    ['-1', '-1', -1],
  ])('%s is read', (_what, literal, retCode) => {
    const body = text(`{"RetCode":${literal},"Message":"m","Data":{"Status":"Done"}}`);
    if (retCode === 0) expect(read(body)).toEqual({ Status: 'Done' });
    else expect(failure(body).retCode).toBe(retCode);
  });

  it.each([
    '"0x0"', '"1e-999"', '"0.0"', '" 0"', '"0 "', '""', '"+0"', '"-"', '"١"', '0.5', 'true', 'null', '[0]', '{}',
    '"99999999999999999999"',
  ])('RetCode %s is a malformed answer: transient, never success', (literal) => {
    const error = failure(text(`{"RetCode":${literal},"Data":{"Status":"Done"}}`));
    expect(error.kind).toBe('transient');
    expect(error.retCode).toBeUndefined();
    expect(error.message).toContain('a malformed RetCode (expected an integer)');
  });

  // However the key is spelled: JSON escapes in it change nothing, and of a key given twice the last counts.
  const SPELLINGS = ['"RetCode"', '"Ret\\u0043ode"', '"\\u0052etCode"'];
  it.each(SPELLINGS.flatMap((key) => ['1e-999', '0.0', '0e5', '-0E0', '10.5', '-12e1', '"0x0"'].map((literal) => [key, literal])))(
    'RetCode spelled %s and written %s is malformed',
    (key, literal) => {
      expect(failure(text(`{${key}:${literal},"Data":{"Status":"Done"}}`)).message).toContain('malformed RetCode');
      expect(failure(text(`{ "Message": "RetCode", ${key} : ${literal} , "Data": {} }`)).message).toContain('malformed RetCode');
      expect(failure(text(`{"RetCode":0,"Data":{},${key}:${literal}}`)).message).toContain('malformed RetCode');
    },
  );

  it.each(SPELLINGS.flatMap((key) => ['0', '"0"'].map((literal) => [key, literal])))('RetCode spelled %s and written %s is success', (key, literal) => {
    expect(read(text(`{"RetCode":1e-999,"Message":"RetCode",${key}:${literal},"Data":{"Status":"Done"}}`))).toEqual({ Status: 'Done' });
  });

  it('a RetCode given as a string is read as a string, whatever numbers stand elsewhere in the body', () => {
    expect(read(text('{"RetCode":"0","Data":{"Status":"Done","Echo":{"RetCode":1.5}}}'))).toMatchObject({ Status: 'Done' });
  });

  it('an integer RetCode next to a decimal figure elsewhere is read as it is', () => {
    expect(read(text('{"RetCode":0,"Data":{"Status":"Done","Progress":{"Percentage":99.5,"TotalDuration":1e3}}}'))).toMatchObject({ Status: 'Done' });
  });

  it.each([
    ['null', 'null'],
    ['a number', '5'],
    ['an array', '[]'],
    ['an object without RetCode', '{"Data": {"Status": "Done"}}'],
  ])('JSON without a RetCode (%s) is transient', (_what, body) => {
    const error = failure(text(body));
    expect(error.kind).toBe('transient');
    expect(error.message).toContain('answer with no RetCode');
  });
});

describe('readAnswer: bodies that are not an answer', () => {
  it.each([
    ['truncated JSON', '{"RetCode": 0, "Data": {"Status": "Lo'],
    ['an HTML page', '<html><body>maintenance</body></html>'],
    ['an empty body', ''],
  ])('%s with HTTP 200 is transient and quoted', (_what, body) => {
    const error = failure(text(body), 200, 'req-1');
    expect(error.kind).toBe('transient');
    expect(error.message).toBe(`HTTP 200 with a body that is not JSON (request req-1): ${body === '' ? '(empty body)' : body}`);
  });

  it('binary data is described by its size, never quoted', () => {
    const error = failure({ kind: 'binary', bytes: 412 });
    expect(error.kind).toBe('transient');
    expect(error.message).toBe('HTTP 200 with a body that is not JSON: 412 bytes of binary data');
  });

  it.each(['fatal', 'transient'] as const)('a body left unread keeps its reason and its kind (%s)', (kind) => {
    const error = failure({ kind: 'unread', failure: kind, why: 'the answer declares 5000000 bytes (Content-Length), over the 1 MiB cap' });
    expect(error.kind).toBe(kind);
    expect(error.message).toBe('HTTP 200 from the API: the answer declares 5000000 bytes (Content-Length), over the 1 MiB cap');
  });
});

describe('readAnswer: HTTP errors', () => {
  it('HTTP 502 with an HTML page is transient, quoting the page briefly on one line', () => {
    const error = failure(text('<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>'), 502, 'req-9');
    expect(error.kind).toBe('transient');
    expect(error.message).toBe('HTTP 502 from the API (request req-9): <html> <head><title>502 Bad Gateway</title></head> <body>nginx</body></html>');
  });

  it.each([408, 429, 500, 503, 504])('HTTP %d is transient', (status) => {
    expect(failure(text(''), status).kind).toBe('transient');
  });

  it.each([404, 403, 300, 199, 0])('HTTP %d is fatal and says to check api-url', (status) => {
    const error = failure(text(`${status} Error`), status, 'req-4');
    expect(error.kind).toBe('fatal');
    expect(error.message).toBe(`HTTP ${status} from the API (request req-4): ${status} Error: check api-url`);
  });

  it.each<[string, Body, string]>([
    ['an empty body', text('  '), '(empty body)'],
    ['binary data', { kind: 'binary', bytes: 9 }, '9 bytes of binary data'],
    ['a body over the cap', { kind: 'unread', failure: 'fatal', why: 'too big' }, '(too big)'],
  ])('an HTTP error with %s says so; the status decides the kind', (_what, body, shown) => {
    const error = failure(body, 503);
    expect(error.kind).toBe('transient');
    expect(error.message).toBe(`HTTP 503 from the API: ${shown}`);
  });

  it.each([
    ['longer than 120 characters: cut there', 'x'.repeat(10_000), `${'x'.repeat(120)}…`],
    ['of exactly 120 characters: whole', 'x'.repeat(120), 'x'.repeat(120)],
    ['with a surrogate pair across the cut: cut before it', `${'x'.repeat(119)}😀${'y'.repeat(50)}`, `${'x'.repeat(119)}…`],
    ['with a surrogate pair before the cut: cut at 120', `😀${'y'.repeat(200)}`, `😀${'y'.repeat(118)}…`],
    ['with runs of white space: one space each', 'Bad \r\n\t  Gateway', 'Bad Gateway'],
    ['blank in its first 1,000 characters: empty (no more is read)', `${' '.repeat(1_000)}late text`, '(empty body)'],
  ])('a body %s', (_what, body, shown) => {
    expect(failure(text(body), 500).message).toBe(`HTTP 500 from the API: ${shown}`);
  });
});

describe('readAnswer: API errors', () => {
  it('RetCode 171 is fatal, with the Message, the hint and the request id', () => {
    const error = failure(json({ RetCode: 171, Message: 'Signature VerifyAC Error' }), 200, 'uuid-171');
    expect(error.kind).toBe('fatal');
    expect(error.retCode).toBe(171);
    expect(error.message).toBe(
      'API error RetCode 171 "Signature VerifyAC Error" (request uuid-171): check that private-key holds the private key that belongs to this public-key',
    );
  });

  it('RetCode 161 names the action called, so a caller can tell "no history here"', () => {
    const error = failure(json({ RetCode: 161, Message: 'Action not exist' }), 200, undefined, 'GetUDTSTaskHistory');
    expect(error).toMatchObject({ kind: 'fatal', retCode: 161 });
    expect(error.message).toContain('the endpoint does not know GetUDTSTaskHistory');
  });

  it.each([
    [150, 'transient'],
    [2003, 'transient'],
    [230, 'fatal'],
  ] as const)('RetCode %d is %s', (retCode, kind) => {
    expect(failure(json({ RetCode: retCode, Message: 'm' }))).toMatchObject({ kind, retCode });
  });

  it.each([
    ['without Message', {}],
    ['with an empty Message', { Message: '' }],
    ['with a Message that is not text', { Message: 42 }],
  ])('a RetCode %s nor request id still says what it is', (_what, message) => {
    expect(failure(json({ RetCode: 1234, ...message })).message).toBe('API error RetCode 1234');
  });
});

describe('readAnswer: the signature never leaves', () => {
  const echo = `Action=GetUDTSTaskStatus&TaskId=udts-1&Signature=${SIGNATURE}`;

  it('is removed from every string of Data, escaped or not', () => {
    const escaped = SIGNATURE.replace('a', '\\u0061');
    const body = text(`{"RetCode":0,"Data":{"Status":"Loading ${escaped}","Sync":{"BinlogName":"${SIGNATURE.toUpperCase()}"},"List":["${echo}"]}}`);
    expect(read(body)).toEqual({
      Status: 'Loading [signature removed]',
      Sync: { BinlogName: '[signature removed]' },
      List: ['Action=GetUDTSTaskStatus&TaskId=udts-1&Signature=[signature removed]'],
    });
  });

  it.each<[string, Body, number]>([
    ['the Message of an API error', json({ RetCode: 170, Message: `bad request: ${echo}` }), 200],
    ['a body that is not JSON', text(`<pre>${echo}</pre>`), 200],
    ['an HTTP error page', text(`proxy error for ${echo}`), 502],
    ['a snippet that would cut it in half', text(`${'x'.repeat(100)}${SIGNATURE}`), 500],
  ])('is removed from %s', (_what, body, status) => {
    const error = failure(body, status, SIGNATURE);
    expect(error.message).not.toContain(SIGNATURE.slice(0, 10));
    expect(error.message).toContain('[signature removed]');
  });
});
