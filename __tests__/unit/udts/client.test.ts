/** createUdtsClient against a tiny local server: what goes on the wire, the signature kept out of what comes back, the bounds on an answer. */
import { getEventListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createUdtsClient, type ClientConfig } from '../../../src/udts/client.js';
import { UdtsError } from '../../../src/udts/errors.js';
import { sign } from '../../../src/udts/signature.js';

/** A request as the server saw it. */
type Seen = { method: string; url: string; params: Record<string, string>; contentType: string; accept: string; socket: Socket };

type Handler = (res: ServerResponse, seen: Seen) => void;

let closeServer: (() => void) | undefined;
afterEach(() => {
  closeServer?.();
  vi.unstubAllEnvs();
});

/** Serves each request with `handler` on `host`; records each request. */
async function serve(handler: Handler, host = '127.0.0.1'): Promise<{ port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const { method = '', url = '', headers, socket } = req;
      const params = Object.fromEntries(new URLSearchParams(body));
      const request = { method, url, params, contentType: headers['content-type'] ?? '', accept: headers.accept ?? '', socket };
      seen.push(request);
      handler(res, request);
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, host, resolve));
  closeServer = () => {
    server.closeAllConnections();
    server.close();
  };
  return { port: (server.address() as AddressInfo).port, seen };
}

const answer = (value: unknown): Handler => (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
const DONE = answer({ RetCode: 0, Action: 'GetUDTSTaskStatusResponse', Data: { Status: 'Done' } });
const options = (timeoutMs = 5_000, signal = new AbortController().signal) => ({ signal, timeoutMs });
const config = (port: number, extra: Partial<ClientConfig> = {}): ClientConfig =>
  ({ apiUrl: `http://127.0.0.1:${port}`, publicKey: 'pub', privateKey: 'priv', userAgent: 'udts-wait/test', ...extra });

/** The UdtsError a call rejects with. */
async function failure(call: Promise<unknown>): Promise<UdtsError> {
  const error = await call.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(UdtsError);
  return error as UdtsError;
}

describe('createUdtsClient: the two calls', () => {
  it('each call POSTs a signed form, only the Action in its URL, all over one keep-alive connection; debug lines carry no signature', async () => {
    const Data = [
      { AntID: 'udts-1', AntState: 'Done', CreateTime: 1_700_000_060, CreateTimeH: '2023-11-14 22:14:20' },
      { AntID: 'udts-1', AntState: 'Loading', CreateTime: 1_700_000_000, CreateTimeH: '2023-11-14 22:13:20' },
      { AntID: 'udts-1', AntState: 'Dumping', CreateTime: 'yesterday' },
    ];
    const { port, seen } = await serve((res, request) => (request.params.Action === 'GetUDTSTaskHistory' ? answer({ RetCode: 0, Data }) : DONE)(res, request));
    const debug: string[] = [];
    const client = createUdtsClient(config(port, { projectId: 'org-1', type: 'transfer', debug: (line) => debug.push(line) }));
    await expect(client.status('udts-1', options())).resolves.toEqual({ status: 'Done' });
    // The history's list read oldest first, an entry it drops told to debug.
    await expect(client.history('udts-1', options())).resolves.toEqual([{ state: 'Loading', at: 1_700_000_000_000 }, { state: 'Done', at: 1_700_000_060_000 }]);
    await client.status('udts-1', options());
    expect(new Set(seen.map((request) => request.socket)).size).toBe(1);
    const params = (Action: string) => ({ Action, PublicKey: 'pub', ProjectId: 'org-1', TaskId: 'udts-1', Type: 'transfer' });
    const sent = (action: string) => ['POST', `/?Action=${action}`, 'application/x-www-form-urlencoded', 'application/json', params(action), sign(params(action), 'priv')];
    expect(seen.map(({ method, url, contentType, accept, params: { Signature, ...signed } }) => [method, url, contentType, accept, signed, Signature]))
      .toEqual([sent('GetUDTSTaskStatus'), sent('GetUDTSTaskHistory'), sent('GetUDTSTaskStatus')]);
    const line = (action: string) => `POST http://127.0.0.1:${port}/?Action=${action} ${JSON.stringify(params(action))}`;
    expect(debug).toEqual([
      line('GetUDTSTaskStatus'),
      line('GetUDTSTaskHistory'),
      'GetUDTSTaskHistory udts-1: the entry of "Dumping" is dropped: its CreateTime, "yesterday", is no time from 2000-01-01 to a day from now',
      line('GetUDTSTaskStatus'),
    ]);
    // Without a debug line to tell, a dropped entry is dropped all the same.
    await expect(createUdtsClient(config(port)).history('udts-1', options())).resolves.toHaveLength(2);
  });

  it('reaches an IPv6 loopback written in brackets (http://[::1]:port)', async (context) => {
    const server = await serve(DONE, '::1').catch(() => undefined);
    if (!server) {
      console.warn('The IPv6 loopback case is skipped: this machine has no IPv6 loopback.');
      return context.skip('this machine has no IPv6 loopback');
    }
    const client = createUdtsClient(config(server.port, { apiUrl: `http://[::1]:${server.port}` }));
    await expect(client.status('udts-1', options())).resolves.toEqual({ status: 'Done' });
  });

  it('the signature it sent is removed from what comes back: a reading, an error, its request id (how: answer.test.ts)', async () => {
    const { port, seen } = await serve((res, request) => {
      const echo = new URLSearchParams(request.params).toString();
      res.writeHead(200, { 'x-ucloud-request-uuid': request.params.Signature ?? '' })
        .end(JSON.stringify({ RetCode: request.params.TaskId === 'udts-1' ? 0 : 170, Message: echo, Data: { Status: 'Loading', FailedMessage: echo } }));
    });
    const client = createUdtsClient(config(port));
    const reading = await client.status('udts-1', options());
    const error = await failure(client.status('udts-2', options()));
    const [first, second] = seen.map((request) => request.params.Signature ?? '');
    expect(first).toMatch(/^[0-9a-f]{40}$/);
    expect(reading.failedMessage).toContain('Signature=[signature removed]');
    expect(JSON.stringify(reading)).not.toContain(first);
    expect(error.message).toMatch(/^API error RetCode 170 .*\(request \[signature removed\]\)/);
    expect(error.message).not.toContain(second);
  });
});

describe('createUdtsClient: answers read with bounds', () => {
  it.each([
    ['a status answer over 256 KiB', 'status', '256 KiB'],
    ['a history answer over 1 MiB', 'history', '1 MiB'],
  ] as const)('refuses %s at once, fatal, naming the size and the cap', async (_what, call, cap) => {
    const { port, seen } = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // An endless answer: the client must stop it, not the server.
      const more = () => res.write(Buffer.alloc(64 * 1_024, 0x20), () => !res.destroyed && setImmediate(more));
      more();
    });
    const error = await failure(createUdtsClient(config(port))[call]('udts-1', options()));
    const message = expect.stringMatching(new RegExp(`^HTTP 200 from the API: the answer was still arriving after \\d+ bytes, over the ${cap} cap on an answer's size$`));
    expect(error).toMatchObject({ kind: 'fatal', message });
    await expect.poll(() => seen[0]?.socket.destroyed).toBe(true);
  });

  it.each([
    ['a redirect (302), not followed', 302, 'HTTP 302 from the API: go away: check api-url'],
    ['a 401, which no authentication handler takes', 401, 'HTTP 401 from the API: go away: check api-url'],
    ['a 407 from a proxy the runner did not choose', 407,
      'a proxy between the runner and the API refused the request with HTTP 407 Proxy Authentication Required: no HTTP_PROXY applies to api-url, so it intercepts the connection: ask its administrators'],
  ])('%s is fatal and says what to check, after one request', async (_what, status, message) => {
    const { port, seen } = await serve((res) => res.writeHead(status, { location: '/elsewhere', 'proxy-authenticate': 'Basic' }).end('go away'));
    const error = await failure(createUdtsClient(config(port)).status('udts-1', options()));
    expect(error).toMatchObject({ kind: 'fatal', message });
    expect(seen).toHaveLength(1);
  });

  it('a refused connection is a transient network error, not a timeout', async () => {
    const { port } = await serve(DONE);
    closeServer?.();
    const error = await failure(createUdtsClient(config(port)).status('udts-1', options()));
    expect(error).toMatchObject({ kind: 'transient', timedOut: false, message: expect.stringMatching(/^network error \(ECONNREFUSED: /) });
  });

  it.each([
    [407, 'fatal', 'HTTP 407 Proxy Authentication Required: give its user and password in HTTP_PROXY'],
    [502, 'transient', 'HTTP 502'],
  ])('a proxy that answers CONNECT with %d is %s and named', async (status, kind, says) => {
    const proxy = createServer().on('connect', (_req, socket: Socket) => socket.end(`HTTP/1.1 ${status} No\r\n\r\n`));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    closeServer = () => proxy.close();
    const proxyPort = (proxy.address() as AddressInfo).port;
    for (const [name, value] of Object.entries({ HTTP_PROXY: `http://127.0.0.1:${proxyPort}`, http_proxy: '', NO_PROXY: '', no_proxy: '' })) vi.stubEnv(name, value);
    const error = await failure(createUdtsClient(config(0, { apiUrl: 'http://api.udts-wait.test/' })).status('udts-1', options()));
    expect(error).toMatchObject({ kind, message: expect.stringContaining(`the proxy 127.0.0.1:${proxyPort} (from HTTP_PROXY) refused a tunnel to api.udts-wait.test with ${says}`) });
  });

  it('a call leaves nothing on the run\'s signal, answered or not', async () => {
    const { port } = await serve((res, seen) => (seen.params.TaskId === 'udts-1' ? DONE(res, seen) : res.writeHead(502).end()));
    const run = new AbortController();
    const client = createUdtsClient(config(port));
    await client.status('udts-1', options(5_000, run.signal));
    await failure(client.status('udts-2', options(5_000, run.signal)));
    expect(getEventListeners(run.signal, 'abort')).toHaveLength(0);
  });

  it.each<[string, Handler]>([
    ['never starts', () => undefined],
    ['stalls in its body', (res) => res.writeHead(200).write('{"RetCode": 0,')],
  ])('an answer that %s times out: transient, marked timed out, naming the time', async (_what, handler) => {
    const { port } = await serve(handler);
    const error = await failure(createUdtsClient(config(port)).status('udts-1', options(200)));
    expect(error).toMatchObject({ kind: 'transient', timedOut: true, message: 'no answer within 200ms' });
  });

  it('a cancel rejects with its reason, mid-body too', async () => {
    const cancel = new AbortController();
    const reason = new Error('received SIGINT');
    // Cancelled once the first part of the body is on its way, the rest never sent.
    const { port } = await serve((res) => res.writeHead(200).write('{"RetCode": 0,', () => cancel.abort(reason)));
    await expect(createUdtsClient(config(port)).status('udts-1', options(5_000, cancel.signal))).rejects.toBe(reason);
  });
});
