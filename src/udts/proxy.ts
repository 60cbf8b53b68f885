/**
 * The proxy @actions/http-client routes the API's requests through, and what its refusals mean.
 * http-client reaches every proxied URL, http or https, through a CONNECT tunnel (the `tunnel`
 * package); a CONNECT answered with anything but 200 fails the request with the plain Error
 * "tunneling socket could not be established, statusCode=<status>" (code ECONNRESET), before any
 * byte reaches the API.
 */
import { getProxyUrl } from '@actions/http-client/lib/proxy';
import type { FailureKind } from './errors.js';

/** A proxy as messages may name it: its address and the variable that set it, never its user or password. */
export interface ProxyRoute {
  /** host:port, the port filled in when the URL leaves it out. */
  address: string;
  /** HTTPS_PROXY, https_proxy, HTTP_PROXY or http_proxy: the one http-client read. */
  variable: string;
}

/** The proxy http-client uses for `url` (after NO_PROXY and its loopback rule), or undefined for a direct connection. */
export function proxyRoute(url: URL): ProxyRoute | undefined {
  const proxy = getProxyUrl(url);
  if (!proxy?.hostname) return undefined;
  // http-client's own order: the lower-case variable first.
  const lower = url.protocol === 'https:' ? 'https_proxy' : 'http_proxy';
  const variable = process.env[lower] ? lower : lower.toUpperCase();
  const port = proxy.port || (proxy.protocol === 'https:' ? '443' : '80');
  return { address: `${proxy.hostname}:${port}`, variable };
}

const TUNNEL_REFUSED = /^tunneling socket could not be established, statusCode=(\d{3})$/;

/** The status a proxy answered a CONNECT with, when `error` is the tunnel's report of that. */
export function connectStatus(error: unknown): number | undefined {
  const match = error instanceof Error ? TUNNEL_REFUSED.exec(error.message) : null;
  return match ? Number(match[1]) : undefined;
}

/**
 * What a proxy's refusal means. 407 (credentials wanted) and 403 to a CONNECT (tunnel forbidden) are
 * fatal: the proxy will answer the same until its settings change. Other statuses (a proxy's 502, 503,
 * 504 while the API or its own upstream is down) are transient.
 */
export function proxyRefusal(status: number, route: ProxyRoute | undefined, viaConnect: boolean, apiUrl: URL): { kind: FailureKind; text: string } {
  const proxy = route ? `the proxy ${route.address} (from ${route.variable})` : 'a proxy between the runner and the API';
  const what = viaConnect ? `refused a tunnel to ${apiUrl.host}` : 'refused the request';
  if (status === 407) {
    const where = route
      ? `give its user and password in ${route.variable} (http://user:password@host:port) or list ${apiUrl.hostname} in NO_PROXY`
      : `no ${apiUrl.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY'} applies to api-url, so it intercepts the connection: ask its administrators`;
    return { kind: 'fatal', text: `${proxy} ${what} with HTTP 407 Proxy Authentication Required: ${where}` };
  }
  if (status === 403 && viaConnect) {
    return {
      kind: 'fatal',
      text: `${proxy} ${what} with HTTP 403 Forbidden: check that it allows CONNECT to ${apiUrl.host}, or list ${apiUrl.hostname} in NO_PROXY`,
    };
  }
  return { kind: 'transient', text: `${proxy} ${what} with HTTP ${status}` };
}
