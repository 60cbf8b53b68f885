import { describe, expect, it } from 'vitest';
import { readResponse } from '../../../src/udts/client.js';
import { UdtsError } from '../../../src/udts/errors.js';

/** The UdtsError readResponse throws for this answer. */
function failure(status: number, text: string, requestId?: string): UdtsError {
  try {
    readResponse(status, text, requestId);
  } catch (error) {
    expect(error).toBeInstanceOf(UdtsError);
    return error as UdtsError;
  }
  throw new Error('readResponse returned a reading');
}

const OK = (data: unknown, retCode: unknown = 0) =>
  JSON.stringify({ RetCode: retCode, Action: 'GetUDTSTaskStatusResponse', Message: '', Data: data });

describe('readResponse: readings', () => {
  it('reads RetCode 0 into a Reading', () => {
    expect(readResponse(200, OK({ Status: 'Loading', Progress: { Percentage: 47.5 } }))).toEqual({
      status: 'Loading',
      percentage: 47.5,
    });
  });

  it('reads RetCode "0" (a string) as 0', () => {
    expect(readResponse(200, OK({ Status: 'Done' }, '0'))).toEqual({ status: 'Done' });
  });

  it('reads an answer without Data as an empty reading', () => {
    expect(readResponse(200, JSON.stringify({ RetCode: 0 }))).toEqual({});
  });
});

describe('readResponse: HTTP errors', () => {
  it('HTTP 502 with an HTML page is transient, quoting the page briefly', () => {
    const error = failure(502, '<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>', 'req-9');
    expect(error.kind).toBe('transient');
    expect(error.httpStatus).toBe(502);
    expect(error.requestId).toBe('req-9');
    expect(error.message).toContain('HTTP 502');
    expect(error.message).toContain('502 Bad Gateway');
    expect(error.message).toContain('req-9');
    expect(error.message).not.toContain('\n');
  });

  it.each([429, 500, 503, 504])('HTTP %d is transient', (status) => {
    expect(failure(status, '').kind).toBe('transient');
  });

  it('HTTP 404 is fatal and says to check api-url', () => {
    const error = failure(404, 'Not Found');
    expect(error.kind).toBe('fatal');
    expect(error.httpStatus).toBe(404);
    expect(error.message).toContain('HTTP 404');
    expect(error.message).toContain('api-url');
  });

  it('an empty body is shown as such', () => {
    expect(failure(503, '  ').message).toContain('(empty body)');
  });

  it('a long body is cut short', () => {
    const error = failure(500, 'x'.repeat(10_000));
    expect(error.message.length).toBeLessThan(300);
  });
});

describe('readResponse: bodies that are not an answer', () => {
  it.each([
    ['truncated JSON', '{"RetCode": 0, "Data": {"Status": "Lo'],
    ['an HTML page', '<html><body>maintenance</body></html>'],
    ['an empty body', ''],
  ])('%s with HTTP 200 is transient', (_what, body) => {
    const error = failure(200, body, 'req-1');
    expect(error.kind).toBe('transient');
    expect(error.message).toContain('not JSON');
    expect(error.message).toContain('req-1');
  });

  it.each([
    ['null', 'null'],
    ['a number', '5'],
    ['an array', '[]'],
    ['an object without RetCode', '{"Data": {"Status": "Done"}}'],
    ['RetCode not a number', '{"RetCode": "x"}'],
  ])('JSON without a RetCode (%s) is transient', (_what, body) => {
    const error = failure(200, body);
    expect(error.kind).toBe('transient');
    expect(error.message).toContain('RetCode');
  });
});

describe('readResponse: API errors', () => {
  it('RetCode "171" (a string) is fatal, with the Message, the hint and the request id', () => {
    const error = failure(200, JSON.stringify({ RetCode: '171', Message: 'Signature VerifyAC Error' }), 'uuid-171');
    expect(error.kind).toBe('fatal');
    expect(error.retCode).toBe(171);
    expect(error.apiMessage).toBe('Signature VerifyAC Error');
    expect(error.requestId).toBe('uuid-171');
    expect(error.message).toContain('RetCode 171');
    expect(error.message).toContain('"Signature VerifyAC Error"');
    expect(error.message).toContain('uuid-171');
    expect(error.message).toContain('private-key');
  });

  it.each([
    [172, 'fatal', 'public-key'],
    [230, 'fatal', 'task-id'],
    [292, 'fatal', 'project-id'],
    [299, 'fatal', 'UDTS'],
    [150, 'transient', 'RetCode 150'],
    [153, 'transient', 'RetCode 153'],
    [2003, 'transient', 'RetCode 2003'],
  ] as const)('RetCode %d is %s and the message says %j', (retCode, kind, text) => {
    const error = failure(200, JSON.stringify({ RetCode: retCode, Message: 'some message' }));
    expect(error.kind).toBe(kind);
    expect(error.retCode).toBe(retCode);
    expect(error.message).toContain(text);
    expect(error.message).toContain('"some message"');
  });

  it('a RetCode without Message nor request id still says what it is', () => {
    const error = failure(200, JSON.stringify({ RetCode: 1234 }));
    expect(error.kind).toBe('fatal');
    expect(error.message).toBe('API error RetCode 1234');
  });
});
