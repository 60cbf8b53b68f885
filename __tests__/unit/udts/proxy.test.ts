import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectStatus, proxyRefusal, proxyRoute } from '../../../src/udts/proxy.js';

const API = new URL('https://api.scloudsg.com/');
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

beforeEach(() => {
  for (const name of PROXY_VARIABLES) vi.stubEnv(name, '');
});
afterEach(() => vi.unstubAllEnvs());

describe('proxyRoute: the proxy http-client picks, named without credentials', () => {
  it.each<[string, Record<string, string>, URL, object | undefined]>([
    ['HTTPS_PROXY', { HTTPS_PROXY: 'http://user:s3cret@proxy.corp:3128' }, API, { address: 'proxy.corp:3128', variable: 'HTTPS_PROXY' }],
    ['https_proxy before HTTPS_PROXY', { https_proxy: 'http://lower:8080', HTTPS_PROXY: 'http://upper:8080' }, API, { address: 'lower:8080', variable: 'https_proxy' }],
    ['HTTP_PROXY for an http URL', { HTTP_PROXY: 'http://proxy.corp:3128', HTTPS_PROXY: 'http://other:1' }, new URL('http://api.example.test/'), { address: 'proxy.corp:3128', variable: 'HTTP_PROXY' }],
    ['the default port of an http proxy', { HTTPS_PROXY: 'http://u:p@proxy.corp' }, API, { address: 'proxy.corp:80', variable: 'HTTPS_PROXY' }],
    ['the default port of an https proxy', { HTTPS_PROXY: 'https://proxy.corp' }, API, { address: 'proxy.corp:443', variable: 'HTTPS_PROXY' }],
    ['an IP address written without a scheme', { HTTPS_PROXY: '10.0.0.1:3128' }, API, { address: '10.0.0.1:3128', variable: 'HTTPS_PROXY' }],
    ['none with no proxy variable', {}, API, undefined],
    ['none with only HTTP_PROXY, for an https URL', { HTTP_PROXY: 'http://proxy.corp:3128' }, API, undefined],
    ['none with NO_PROXY naming the host', { HTTPS_PROXY: 'http://proxy.corp:3128', NO_PROXY: 'api.scloudsg.com' }, API, undefined],
    // "proxy.corp:3128" parses as a URL of scheme "proxy.corp:" without a host: http-client goes direct.
    ['none with a host name written without a scheme', { HTTPS_PROXY: 'proxy.corp:3128' }, API, undefined],
    ['none for a loopback URL', { HTTP_PROXY: 'http://proxy.corp:3128' }, new URL('http://127.0.0.1:8080/'), undefined],
  ])('%s', (_what, env, url, route) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    expect(proxyRoute(url)).toEqual(route);
  });
});

it.each([
  [new Error('tunneling socket could not be established, statusCode=407'), 407],
  [new Error('tunneling socket could not be established, statusCode=502'), 502],
  [new Error('tunneling socket could not be established, cause=connect ECONNREFUSED 127.0.0.1:9'), undefined],
  [new Error('socket hang up'), undefined],
  [new Error('proxy: tunneling socket could not be established, statusCode=407'), undefined],
  [new Error('tunneling socket could not be established, statusCode=4070'), undefined],
  ['tunneling socket could not be established, statusCode=407', undefined],
])('connectStatus: %s -> %s', (error, status) => {
  expect(connectStatus(error)).toBe(status);
});

describe('proxyRefusal', () => {
  const route = { address: 'proxy.corp:3128', variable: 'HTTPS_PROXY' };
  const BY = 'the proxy proxy.corp:3128 (from HTTPS_PROXY) refused';
  const GIVE = 'give its user and password in HTTPS_PROXY (http://user:password@host:port) or list api.scloudsg.com in NO_PROXY';

  it.each([
    [407, route, true, 'fatal', `${BY} a tunnel to api.scloudsg.com with HTTP 407 Proxy Authentication Required: ${GIVE}`],
    [407, route, false, 'fatal', `${BY} the request with HTTP 407 Proxy Authentication Required: ${GIVE}`],
    [403, route, true, 'fatal', `${BY} a tunnel to api.scloudsg.com with HTTP 403 Forbidden: check that it allows CONNECT to api.scloudsg.com, or list api.scloudsg.com in NO_PROXY`],
    [502, route, true, 'transient', `${BY} a tunnel to api.scloudsg.com with HTTP 502`],
    [503, route, true, 'transient', `${BY} a tunnel to api.scloudsg.com with HTTP 503`],
    [504, route, true, 'transient', `${BY} a tunnel to api.scloudsg.com with HTTP 504`],
    // No proxy configured: one intercepts the connection.
    [407, undefined, false, 'fatal', 'a proxy between the runner and the API refused the request with HTTP 407 Proxy Authentication Required: no HTTPS_PROXY applies to api-url, so it intercepts the connection: ask its administrators'],
  ] as const)('HTTP %d through %j (CONNECT: %s) is %s', (status, through, viaConnect, kind, text) => {
    expect(proxyRefusal(status, through, viaConnect, API)).toEqual({ kind, text });
  });
});
