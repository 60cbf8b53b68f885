import { describe, expect, it } from 'vitest';
import { UdtsError, httpStatusKind, networkFailure, retCodeHint, retCodeKind } from '../../../src/udts/errors.js';

const API_URL = 'https://api.scloudsg.com';

it('UdtsError is an Error named UdtsError that carries its kind, RetCode and timeout, its message bounded at 16 KiB', () => {
  const error = new UdtsError('API error RetCode 230', { kind: 'fatal', retCode: 230 });
  expect(error).toBeInstanceOf(Error);
  expect(String(error)).toBe('UdtsError: API error RetCode 230');
  expect(error).toMatchObject({ kind: 'fatal', retCode: 230, timedOut: false });
  expect(new UdtsError('no answer within 5s', { kind: 'transient', timedOut: true })).toMatchObject({ retCode: undefined, timedOut: true });
  expect(new UdtsError('x'.repeat(900_000), { kind: 'fatal' }).message).toHaveLength(16_384);
});

describe('retCodeKind and httpStatusKind', () => {
  const rows = (what: string, kindOf: (code: number) => string, kind: string, codes: number[]) => codes.map((code) => [what, code, kind, kindOf] as const);
  it.each([
    ...rows('RetCode', retCodeKind, 'transient', [110, 130, 150, 153, 2000, 2001, 5000, 99999]),
    // Below the server range, codes we know nothing about too: retrying cannot be assumed to help.
    ...rows('RetCode', retCodeKind, 'fatal', [160, 161, 170, 171, 172, 174, 220, 221, 230, 231, 292, 293, 294, 295, 299, 1, 100, 111, 151, 152, 1999]),
    ...rows('HTTP', httpStatusKind, 'transient', [408, 429, 500, 502, 503, 504, 599]),
    ...rows('HTTP', httpStatusKind, 'fatal', [0, 301, 302, 400, 401, 403, 404, 405, 410, 422]),
  ])('%s %d is %s', (_what, code, kind, kindOf) => {
    expect(kindOf(code)).toBe(kind);
  });
});

describe('retCodeHint', () => {
  it.each([
    [160, 'no Action; this is a bug in udts-wait'],
    [161, 'check that api-url points at'],
    [170, 'no Signature; this is a bug in udts-wait'],
    [171, 'private-key'],
    [172, 'public-key'],
    [174, 'check public-key and private-key'],
    [220, 'check task-id, project-id and type'],
    [230, 'check task-id and project-id'],
    [292, 'project-id'],
    [293, 'region/zone'],
    [294, 'IP allow-list'],
    [295, 'security lock'],
    [299, 'UDTS'],
  ])('RetCode %d says %s', (retCode, what) => {
    expect(retCodeHint(retCode, 'GetUDTSTaskStatus')).toContain(what);
  });

  it.each([161, 299])('RetCode %d names the action called', (retCode) => {
    expect(retCodeHint(retCode, 'GetUDTSTaskHistory')).toContain('GetUDTSTaskHistory');
    expect(retCodeHint(retCode, 'GetUDTSTaskHistory')).not.toContain('GetUDTSTaskStatus');
  });

  it('has no hint for a code it does not know', () => {
    expect(retCodeHint(12345, 'GetUDTSTaskStatus')).toBeUndefined();
  });
});

describe('networkFailure', () => {
  const withCode = (code: string, message = `${code} happened`) => Object.assign(new Error(message), { code });
  const TLS_CODES = [
    'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_SIGNATURE_FAILURE', 'CERT_REVOKED', 'CERT_UNTRUSTED',
    'ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO',
  ];
  const PROXY = { address: 'proxy.corp:3128', variable: 'HTTPS_PROXY' };

  it.each<[string, unknown, typeof PROXY | undefined, 'fatal' | 'transient', unknown]>([
    ['an unknown host: fatal, check api-url', withCode('ENOTFOUND', 'getaddrinfo ENOTFOUND api.example.invalid'), undefined, 'fatal',
      `unknown host in api-url '${API_URL}' (getaddrinfo ENOTFOUND api.example.invalid): check api-url`],
    ...TLS_CODES.map((code): [string, unknown, undefined, 'fatal', unknown] =>
      [`a TLS error (${code}): fatal, named`, withCode(code), undefined, 'fatal', expect.stringMatching(new RegExp(`^TLS .*${code}`))]),
    ...['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET'].map((code): [string, unknown, undefined, 'transient', string] =>
      [`${code}: transient, named`, withCode(code), undefined, 'transient', `network error (${code}: ${code} happened)`]),
    ['an error without a code: transient', new Error('socket hang up'), undefined, 'transient', 'network error (socket hang up)'],
    ['no Error at all: transient', 'boom', undefined, 'transient', 'network error (boom)'],
    ['null: transient', null, undefined, 'transient', 'network error (null)'],
    ['through a proxy: named by address and variable', withCode('ECONNRESET', 'socket hang up'), PROXY, 'transient',
      'network error through the proxy proxy.corp:3128 (from HTTPS_PROXY) (ECONNRESET: socket hang up)'],
    ["a proxy whose host does not resolve (ENOTFOUND): fatal, check the proxy's variable", withCode('ENOTFOUND', 'getaddrinfo failed'), PROXY, 'fatal',
      'unknown host of the proxy proxy.corp:3128 (from HTTPS_PROXY; getaddrinfo failed): check HTTPS_PROXY'],
    // The tunnel reports it under its own code, with the resolver's error in the message.
    ["a proxy whose host does not resolve: fatal, check the proxy's variable, not api-url",
      withCode('ECONNRESET', 'tunneling socket could not be established, cause=getaddrinfo ENOTFOUND proxy.corp'), PROXY, 'fatal',
      expect.stringMatching(/^unknown host of the proxy proxy\.corp:3128 \(from HTTPS_PROXY; .*ENOTFOUND proxy\.corp\): check HTTPS_PROXY$/)],
  ])('%s', (_what, error, route, kind, text) => {
    expect(networkFailure(error, API_URL, route)).toEqual({ kind, text });
  });
});
