/**
 * The network pieces of the proxy test: a small forwarding proxy (CONNECT tunnels for https; a plain-http
 * request is recorded and refused) that records what passed through it, and a TLS front that serves
 * the emulator as https://api.udts-wait.test with the test certificate in fixtures/.
 */
import { readFileSync } from 'node:fs';
import { STATUS_CODES, createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { fileURLToPath } from 'node:url';

export const TEST_HOST = 'api.udts-wait.test';
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const CA_FILE = join(FIXTURES, `${TEST_HOST}.crt`);
/** The test host's key and its self-signed certificate, for a TLS server. */
export const TEST_CERT = { key: readFileSync(join(FIXTURES, `${TEST_HOST}.key`)), cert: readFileSync(CA_FILE) };

/** What the proxy saw: a CONNECT tunnel (target host:port) or a forwarded absolute-URI request. */
export type ProxyEvent = { kind: 'connect'; target: string } | { kind: 'forward'; url: string };

export interface ForwardingProxy {
  url: string;
  events: ProxyEvent[];
  /** Every byte clients sent through tunnels, as latin1 text: what an eavesdropping proxy could read. */
  tunnelled(): string;
  close(): Promise<void>;
}

/**
 * Starts a forwarding proxy on 127.0.0.1. `hosts` is its name resolution (a real proxy asks DNS),
 * so a name the client cannot resolve itself still reaches a local server. `refuseConnects` are
 * statuses it answers the first CONNECTs with (one each, in order) before it opens tunnels.
 */
export async function startForwardingProxy(hosts: Record<string, string>, refuseConnects: number[] = []): Promise<ForwardingProxy> {
  const events: ProxyEvent[] = [];
  const refusals = [...refuseConnects];
  const sockets = new Set<Socket>();
  const tunnelledChunks: Buffer[] = [];
  const address = (host: string) => hosts[host] ?? host;

  // A plain-http request through a proxy carries its target's absolute URI. No test needs one forwarded,
  // only seen (a loopback API must never come this way), so it is recorded and refused.
  const server: Server = createServer((req, res) => {
    events.push({ kind: 'forward', url: req.url ?? '' });
    res.writeHead(502).end('proxy: plain http is not forwarded');
  });

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    events.push({ kind: 'connect', target });
    const refusal = refusals.shift();
    if (refusal !== undefined) {
      const challenge = refusal === 407 ? 'Proxy-Authenticate: Basic realm="test proxy"\r\n' : '';
      client.end(`HTTP/1.1 ${refusal} ${STATUS_CODES[refusal] ?? 'Refused'}\r\n${challenge}Content-Length: 0\r\n\r\n`);
      return;
    }
    const match = /^\[?([^\]]+)\]?:(\d+)$/.exec(target);
    if (!match) {
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const upstream = connect(Number(match[2]), address(match[1] ?? ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      client.on('data', (chunk: Buffer) => tunnelledChunks.push(chunk));
      client.pipe(upstream).pipe(client);
    });
    trackPair(sockets, client, upstream);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    tunnelled: () => Buffer.concat(tunnelledChunks).toString('latin1'),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves `targetPort` (the emulator, plain http) over TLS on 127.0.0.1 as https://api.udts-wait.test:PORT. */
export async function startTlsFront(targetPort: number): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTlsServer(TEST_CERT, (tls) => {
    const upstream = connect(targetPort, '127.0.0.1');
    trackPair(sockets, tls, upstream);
    tls.pipe(upstream).pipe(tls);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Keeps both ends of a relayed connection in `sockets` until they close; an error on either end closes both. */
function trackPair(sockets: Set<Socket>, one: Socket, other: Socket): void {
  for (const socket of [one, other]) {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {
      one.destroy();
      other.destroy();
    });
  }
}
