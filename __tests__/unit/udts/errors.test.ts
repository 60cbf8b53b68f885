import { describe, expect, it } from 'vitest';
import { UdtsError, httpStatusKind, networkFailure, retCodeHint, retCodeKind } from '../../../src/udts/errors.js';

const API_URL = 'https://api.scloudsg.com';

describe('UdtsError', () => {
  it('is an Error named UdtsError that carries its kind, RetCode and timeout', () => {
    const error = new UdtsError('API error RetCode 230', { kind: 'fatal', retCode: 230 });
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toBe('UdtsError: API error RetCode 230');
    expect(error).toMatchObject({ kind: 'fatal', retCode: 230, timedOut: false });
    expect(new UdtsError('no answer within 5s', { kind: 'transient', timedOut: true })).toMatchObject({ retCode: undefined, timedOut: true });
    // It may quote the API: bounded at 16 KiB.
    expect(new UdtsError('x'.repeat(900_000), { kind: 'fatal' }).message).toHaveLength(16_384);
  });
});

describe('retCodeKind', () => {
  it.each([
    ...[110, 130, 150, 153, 2000, 2001, 5000, 99999].map((retCode) => [retCode, 'transient'] as const),
    // Below the server range, codes we know nothing about too: retrying cannot be assumed to help.
    ...[160, 161, 170, 171, 172, 174, 220, 221, 230, 231, 292, 293, 294, 295, 299, 1, 100, 111, 151, 152, 1999].map((retCode) => [retCode, 'fatal'] as const),
  ])('RetCode %d is %s', (retCode, kind) => {
    expect(retCodeKind(retCode)).toBe(kind);
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
    [230, 'task-id'],
    [230, 'project-id'],
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

describe('httpStatusKind', () => {
  it.each([
    ...[408, 429, 500, 502, 503, 504, 599].map((status) => [status, 'transient'] as const),
    ...[0, 301, 302, 400, 401, 403, 404, 405, 410, 422].map((status) => [status, 'fatal'] as const),
  ])('HTTP %d is %s', (status, kind) => {
    expect(httpStatusKind(status)).toBe(kind);
  });
});

describe('networkFailure', () => {
  const withCode = (code: string, message = `${code} happened`) => Object.assign(new Error(message), { code });

  it('an unknown host is fatal and says to check api-url', () => {
    const failure = networkFailure(withCode('ENOTFOUND', 'getaddrinfo ENOTFOUND api.example.invalid'), API_URL);
    expect(failure.kind).toBe('fatal');
    expect(failure.text).toContain('api-url');
    expect(failure.text).toContain(API_URL);
    expect(failure.text).toContain('getaddrinfo ENOTFOUND');
  });

  it.each([
    'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_SIGNATURE_FAILURE', 'CERT_REVOKED', 'CERT_UNTRUSTED',
    'ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO',
  ])(
    'a TLS error (%s) is fatal and names the code',
    (code) => {
      const failure = networkFailure(withCode(code), API_URL);
      expect(failure.kind).toBe('fatal');
      expect(failure.text).toContain(code);
      expect(failure.text).toContain('TLS');
    },
  );

  it.each(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET'])('%s is transient and named', (code) => {
    const failure = networkFailure(withCode(code), API_URL);
    expect(failure.kind).toBe('transient');
    expect(failure.text).toContain(code);
  });

  it('an error without a code, or not an Error at all, is transient', () => {
    expect(networkFailure(new Error('socket hang up'), API_URL)).toEqual({ kind: 'transient', text: 'network error (socket hang up)' });
    expect(networkFailure('boom', API_URL)).toEqual({ kind: 'transient', text: 'network error (boom)' });
    expect(networkFailure(null, API_URL).kind).toBe('transient');
  });

  it('names the proxy a failed request went through, by address and variable', () => {
    const failure = networkFailure(withCode('ECONNRESET', 'socket hang up'), API_URL, { address: 'proxy.corp:3128', variable: 'HTTPS_PROXY' });
    expect(failure).toEqual({ kind: 'transient', text: 'network error through the proxy proxy.corp:3128 (from HTTPS_PROXY) (ECONNRESET: socket hang up)' });
  });

  it("a proxy whose host does not resolve is fatal and says to check the proxy's variable, not api-url", () => {
    // The tunnel reports it under its own code, with the resolver's error in the message.
    const error = withCode('ECONNRESET', 'tunneling socket could not be established, cause=getaddrinfo ENOTFOUND proxy.corp');
    const failure = networkFailure(error, API_URL, { address: 'proxy.corp:3128', variable: 'HTTPS_PROXY' });
    expect(failure.kind).toBe('fatal');
    expect(failure.text).toMatch(/^unknown host of the proxy proxy\.corp:3128 \(from HTTPS_PROXY; .*ENOTFOUND proxy\.corp\): check HTTPS_PROXY$/);
  });
});
