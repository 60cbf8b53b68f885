/** readAnswer: an HTTP status and a body as read to the call's `Data` or the UdtsError it stands for; the signature removed from all. */
import { describe, expect, it } from 'vitest';
import type { Body } from '../../../src/udts/body.js';
import { readAnswer } from '../../../src/udts/answer.js';
import { UdtsError } from '../../../src/udts/errors.js';
import { signatureRemover } from '../../../src/udts/redact.js';

const SIGNATURE = '0123456789abcdef0123456789abcdef01234567';
const text = (value: string): Body => ({ kind: 'text', text: value });
const json = (value: unknown): Body => text(JSON.stringify(value));

const read = (body: Body, status = 200, requestId?: string, action = 'GetUDTSTaskStatus') =>
  readAnswer({ action, status, body, requestId, clean: signatureRemover(SIGNATURE, 'the-private-key') });

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

describe('readAnswer: the RetCode, strictly', () => {
  it.each<[string, Body, unknown]>([
    ['Data as the API sent it', json({ RetCode: 0, Data: { Status: 'Loading', Progress: { Percentage: 47.5 } } }), { Status: 'Loading', Progress: { Percentage: 47.5 } }],
    ['undefined for an answer without Data', json({ RetCode: 0 }), undefined],
    ['Data when RetCode is a string, whatever numbers stand elsewhere', text('{"RetCode":"0","Data":{"Status":"Done","Echo":{"RetCode":1.5}}}'),
      { Status: 'Done', Echo: { RetCode: 1.5 } }],
    ['Data when RetCode is an integer next to a decimal figure elsewhere',
      text('{"RetCode":0,"Data":{"Status":"Done","Progress":{"Percentage":99.5,"TotalDuration":1e3}}}'), { Status: 'Done', Progress: { Percentage: 99.5, TotalDuration: 1e3 } }],
    ['Data when RetCode is an integer, whatever else is named RetCode (a value, keys in a list or an object) or a string holds a bracket',
      text('{"Note":"a { or [","List":[{"RetCode":2.5}],"RetCode":0,"Message":"RetCode","Data":{"Echo":{"RetCode":1.5}}}'), { Echo: { RetCode: 1.5 } }],
  ])('returns %s', (_what, body, data) => {
    expect(read(body)).toEqual(data);
  });

  it.each([
    '"0x0"', '"1e-999"', '"0.0"', '" 0"', '"0 "', '""', '"+0"', '"-"', '"١"', '0.5', 'true', 'null', '[0]', '{}',
    '"99999999999999999999"',
  ])('RetCode %s is a malformed answer: transient, never success', (literal) => {
    expect(failure(text(`{"RetCode":${literal},"Data":{"Status":"Done"}}`)))
      .toMatchObject({ kind: 'transient', retCode: undefined, message: expect.stringContaining('a malformed RetCode (expected an integer)') });
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

  it.each([
    ['null', 'null'],
    ['a number', '5'],
    ['an array', '[]'],
    ['an object without RetCode', '{"Data": {"Status": "Done"}}'],
  ])('JSON without a RetCode (%s) is transient', (_what, body) => {
    expect(failure(text(body))).toMatchObject({ kind: 'transient', message: expect.stringContaining('answer with no RetCode') });
  });
});

describe('readAnswer: bodies that are not an answer', () => {
  it.each([
    ['truncated JSON', '{"RetCode": 0, "Data": {"Status": "Lo'],
    ['an HTML page', '<html><body>maintenance</body></html>'],
    ['an empty body', ''],
  ])('%s with HTTP 200 is transient and quoted', (_what, body) => {
    const message = `HTTP 200 with a body that is not JSON (request req-1): ${body === '' ? '(empty body)' : body}`;
    expect(failure(text(body), 200, 'req-1')).toMatchObject({ kind: 'transient', message });
  });

  it('binary data is described by its size, never quoted', () => {
    const message = 'HTTP 200 with a body that is not JSON: 412 bytes of binary data';
    expect(failure({ kind: 'binary', bytes: 412 })).toMatchObject({ kind: 'transient', message });
  });

  it.each(['fatal', 'transient'] as const)('a body left unread keeps its reason and its kind (%s)', (kind) => {
    const why = 'the answer declares 5000000 bytes (Content-Length), over the 1 MiB cap';
    expect(failure({ kind: 'unread', failure: kind, why })).toMatchObject({ kind, message: `HTTP 200 from the API: ${why}` });
  });
});

describe('readAnswer: HTTP errors', () => {
  const page = '<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>';
  it.each<[string, number, Body, 'fatal' | 'transient', string]>([
    ['an HTML page, quoted briefly on one line', 502, text(page), 'transient', '<html> <head><title>502 Bad Gateway</title></head> <body>nginx</body></html>'],
    ...[408, 429, 500, 503, 504].map((status): [string, number, Body, 'transient', string] => ['an empty body', status, text(''), 'transient', '(empty body)']),
    ...[404, 403, 300, 199, 0].map((status): [string, number, Body, 'fatal', string] =>
      ['no success', status, text(`${status} Error`), 'fatal', `${status} Error: check api-url`]),
    ['a blank body', 503, text('  '), 'transient', '(empty body)'],
    ['binary data', 503, { kind: 'binary', bytes: 9 }, 'transient', '9 bytes of binary data'],
    ['a body over the cap', 503, { kind: 'unread', failure: 'fatal', why: 'too big' }, 'transient', '(too big)'],
  ])('%s: HTTP %d is %s, and says so', (_what, status, body, kind, shown) => {
    expect(failure(body, status, 'req-4')).toMatchObject({ kind, message: `HTTP ${status} from the API (request req-4): ${shown}` });
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
  const hinted = (start: string) => expect.stringMatching(`^${start}: `);
  const m = { Message: 'm' };
  it.each<[string, Record<string, unknown>, object, string?, string?]>([
    ['RetCode 171: fatal, with the Message, the hint and the request id', { RetCode: 171, Message: 'Signature VerifyAC Error' }, {
      kind: 'fatal', retCode: 171,
      message: 'API error RetCode 171 "Signature VerifyAC Error" (request uuid-171): check that private-key holds the private key that belongs to this public-key',
    }, 'uuid-171'],
    ['RetCode 150: transient', { RetCode: 150, ...m }, { kind: 'transient', retCode: 150, message: 'API error RetCode 150 "m"' }],
    ['RetCode 2003: transient', { RetCode: 2003, ...m }, { kind: 'transient', retCode: 2003, message: 'API error RetCode 2003 "m"' }],
    ['RetCode 230: fatal', { RetCode: 230, ...m }, { kind: 'fatal', retCode: 230, message: hinted('API error RetCode 230 "m"') }],
    ['RetCode 161 names the action called, so a caller can tell "no history here"', { RetCode: 161, ...m }, {
      kind: 'fatal', retCode: 161,
      message: 'API error RetCode 161 "m": the endpoint does not know GetUDTSTaskHistory: check that api-url points at the UCloud/SurferCloud API',
    }, undefined, 'GetUDTSTaskHistory'],
    ['RetCode "171" (a string of digits), read', { RetCode: '171', ...m }, { kind: 'fatal', retCode: 171 }],
    ['RetCode "-1" (a string with a minus), read', { RetCode: '-1', ...m }, { kind: 'fatal', retCode: -1 }],
    ['RetCode -1, read', { RetCode: -1, ...m }, { kind: 'fatal', retCode: -1, message: 'API error RetCode -1 "m"' }],
    ...[{}, { Message: '' }, { Message: 42 }].map((message): [string, Record<string, unknown>, object] =>
      [`a RetCode with ${JSON.stringify(message)} and no request id still says what it is`, { RetCode: 1234, ...message }, { kind: 'fatal', retCode: 1234, message: 'API error RetCode 1234' }]),
  ])('%s', (_what, answer, error, requestId, action) => {
    expect(failure(json(answer), 200, requestId, action)).toMatchObject(error);
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
    const { message } = failure(body, status, SIGNATURE);
    expect(message).not.toContain(SIGNATURE.slice(0, 10));
    expect(message).toContain('[signature removed]');
  });
});
