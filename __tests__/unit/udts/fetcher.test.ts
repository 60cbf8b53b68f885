/**
 * createStatusFetcher against a tiny local server: what goes on the wire (POST form, signature in the
 * body only) and hosts written as URLs write them (an IPv6 loopback in brackets).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createStatusFetcher } from '../../../src/udts/client.js';
import { sign } from '../../../src/udts/signature.js';

interface Seen {
  method: string;
  url: string;
  body: string;
  contentType: string;
}

let closeServer: (() => void) | undefined;
afterEach(() => closeServer?.());

/** Serves one answer on `host`; records each request. */
async function serve(host: string, answer: object): Promise<{ port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body, contentType: req.headers['content-type'] ?? '' });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, host, resolve));
  closeServer = () => server.close();
  return { port: (server.address() as AddressInfo).port, seen };
}

const DONE = { RetCode: 0, Action: 'GetUDTSTaskStatusResponse', Data: { Status: 'Done' } };
const options = () => ({ signal: new AbortController().signal, timeoutMs: 5_000 });

describe('createStatusFetcher', () => {
  it('POSTs a signed form body; the URL carries only the Action', async () => {
    const { port, seen } = await serve('127.0.0.1', DONE);
    const fetch = createStatusFetcher({
      apiUrl: `http://127.0.0.1:${port}`,
      publicKey: 'pub',
      privateKey: 'priv',
      projectId: 'org-1',
      userAgent: 'udts-wait/test',
    });
    await expect(fetch('udts-1', options())).resolves.toEqual({ status: 'Done' });
    expect(seen).toHaveLength(1);
    const request = seen[0] as Seen;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/?Action=GetUDTSTaskStatus');
    expect(request.contentType).toBe('application/x-www-form-urlencoded');
    const params = Object.fromEntries(new URLSearchParams(request.body));
    const { Signature, ...signed } = params;
    expect(signed).toEqual({ Action: 'GetUDTSTaskStatus', PublicKey: 'pub', ProjectId: 'org-1', TaskId: 'udts-1' });
    expect(Signature).toBe(sign(signed, 'priv'));
  });

  it('reaches an IPv6 loopback written in brackets (http://[::1]:port)', async (context) => {
    let server;
    try {
      server = await serve('::1', DONE);
    } catch {
      context.skip('this machine has no IPv6 loopback');
      return;
    }
    const fetch = createStatusFetcher({
      apiUrl: `http://[::1]:${server.port}`,
      publicKey: 'pub',
      privateKey: 'priv',
      userAgent: 'udts-wait/test',
    });
    await expect(fetch('udts-1', options())).resolves.toEqual({ status: 'Done' });
    expect(server.seen).toHaveLength(1);
  });
});
