/**
 * Self-hosted runners behind a proxy: dist/index.js honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY as
 * @actions/http-client does, and so does the check run's @actions/github chunk on its way to
 * GITHUB_API_URL (a GitHub Enterprise Server style prefix). Why https and a made-up host name:
 * http-client never proxies loopback hosts (lib/proxy.js checkBypass), and the action accepts plain
 * http only to those, so the emulator (the API and its fake of GitHub) is served over TLS as
 * https://api.udts-wait.test (certificate in fixtures/, trusted through NODE_EXTRA_CA_CERTS). The proxy
 * resolves that name itself; for direct connections hosts-preload.mjs plays the hosts file, so no DNS
 * server is ever asked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../scripts/runner.mjs';
import { DEMO_GITHUB_TOKEN } from '../../src/emulator/scenario.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { baseInputs, commands, reading, scenario } from '../e2e/helpers.js';
import { CA_FILE, FIXTURES, TEST_HOST, startForwardingProxy, startTlsFront, type ForwardingProxy } from './servers.js';

const PRELOAD = pathToFileURL(join(dirname(FIXTURES), 'hosts-preload.mjs')).href;
const STEPS = [reading('Loading', { Progress: { Percentage: 60, CurCount: 6, TotalCount: 10 } }), reading('Done', { Progress: { Percentage: 100 } })];
const HEAD_SHA = 'b'.repeat(40);

let dir: string;
let emulator: RunningEmulator;
let front: Awaited<ReturnType<typeof startTlsFront>>;
let apiUrl: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'udts-wait-event-'));
  writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 7, head: { sha: HEAD_SHA } } }));
  // One task per test, so that concurrent tests count their own requests.
  const names = ['https-proxy', 'no-proxy-domain', 'proxy-down', 'loopback', 'proxy-407'];
  emulator = await startEmulator(scenario(Object.fromEntries(names.map((name) => [`udts-${name}`, STEPS]))));
  front = await startTlsFront(Number(new URL(emulator.url).port));
  apiUrl = `https://${TEST_HOST}:${front.port}`;
});
afterAll(async () => {
  await front.close();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the bundled action for `taskId` at `url` with the test's hosts file and CA, plus `env` and `inputs`. */
function runThrough(taskId: string, url: string, env: Record<string, string>, inputs: Record<string, string> = {}) {
  return runAction({
    // History off: these tests count the requests each route sees.
    inputs: { ...baseInputs({ url }, taskId), timeout: '20s', ...inputs },
    env: { NODE_EXTRA_CA_CERTS: CA_FILE, NODE_OPTIONS: `--import ${PRELOAD}`, UDTS_TEST_HOSTS: JSON.stringify({ [TEST_HOST]: '127.0.0.1' }), ...env },
  });
}

const requestsFor = (taskId: string) => emulator.stats().recent.filter((r) => r.params.TaskId === taskId);

/** A proxy per test, so each test reads only what its own run sent through it; it refuses the first CONNECTs with `refuseConnects`. */
async function withProxy<T>(use: (proxy: ForwardingProxy) => Promise<T>, refuseConnects: number[] = []): Promise<T> {
  const proxy = await startForwardingProxy({ [TEST_HOST]: '127.0.0.1' }, refuseConnects);
  try {
    return await use(proxy);
  } finally {
    await proxy.close();
  }
}

const USER = 'proxy-user-q7';
const PASSWORD = 'proxy-pass-9f3k';
// Every form the credentials could leak in: as given, URL-encoded, and as the Basic header carries them.
const SECRETS = [USER, PASSWORD, encodeURIComponent(`${USER}:${PASSWORD}`), Buffer.from(`${USER}:${PASSWORD}`).toString('base64')];
const withCredentials = (proxy: ForwardingProxy) => proxy.url.replace('http://', `http://${USER}:${PASSWORD}@`);
const expectNoCredentials = (run: Awaited<ReturnType<typeof runThrough>>) => {
  const record = [run.stdout, run.stderr, JSON.stringify(run.outputs), run.summary].join('\n');
  for (const secret of SECRETS) expect(record).not.toContain(secret);
};

describe.concurrent('through a forwarding proxy', () => {
  // Which variable applies to which URL is proxyRoute's table (unit/udts/proxy.test.ts).
  it("HTTPS_PROXY: a proxy's 502 to CONNECT is retried, then every request goes through a CONNECT tunnel; the proxy sees only ciphertext", async () => {
    const taskId = 'udts-https-proxy';
    await withProxy(async (proxy) => {
      const run = await runThrough(taskId, apiUrl, { HTTPS_PROXY: withCredentials(proxy) });
      expect(run.outputs.result, run.stdout + run.stderr).toBe('success');
      expect(run.code).toBe(0);
      expect(commands(run.stdout, 'warning')).toEqual([
        expect.stringMatching(new RegExp(`^${taskId}: the proxy ${new URL(proxy.url).host} \\(from HTTPS_PROXY\\) refused a tunnel to .* with HTTP 502; retry 1 in`)),
      ]);
      expect(requestsFor(taskId)).toHaveLength(2);
      // The refused CONNECT, then one tunnel per request (a new client per call), each to the API's host and port.
      expect(proxy.events).toEqual(Array.from({ length: 3 }, () => ({ kind: 'connect', target: `${TEST_HOST}:${front.port}` })));
      // Inside the tunnel is TLS: the proxy cannot read the action, the task, the key or the signature.
      const seen = proxy.tunnelled();
      expect(seen.length).toBeGreaterThan(0);
      for (const secret of ['GetUDTSTaskStatus', taskId, 'demo-public-key', 'Signature', 'udts-wait/']) expect(seen).not.toContain(secret);
      expectNoCredentials(run);
    }, [502]);
  });

  it('a proxy that does not answer stops the requests: no silent fallback to a direct connection', async () => {
    await withProxy(async (proxy) => {
      await proxy.close(); // its port is now closed
      const run = await runThrough('udts-proxy-down', apiUrl, { HTTPS_PROXY: proxy.url }, { interval: '200ms', timeout: '2s' });
      expect(run.outputs.result).toBe('timeout');
      expect(run.stdout).toMatch(/tunneling socket could not be established, cause=connect ECONNREFUSED 127\.0\.0\.1:/);
      expect(requestsFor('udts-proxy-down')).toEqual([]);
      expect(run.code).not.toBe(0);
    });
  });

  // A proxy that accepts the connection but never answers CONNECT leaves a socket no request abort reaches;
  // the step must still end by itself once the record is published (or run into vitest's own timeout).
  it('a proxy that never answers: the wait times out, the record is written, and the process exits by itself', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const proxyUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
      const run = await runThrough('udts-x', `https://${TEST_HOST}:9`, { HTTPS_PROXY: proxyUrl }, { interval: '1s', timeout: '2s' });
      expect(run.code).toBe(1);
      expect(run.outputs.result).toBe('timeout');
      expect(run.summary).toMatch(/^## ⏱️ UDTS migration gate timed out/);
      expect(sockets.size).toBeGreaterThanOrEqual(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});

describe.concurrent('a proxy that refuses', () => {
  it('407 to CONNECT ends the run after one attempt, naming the proxy and HTTPS_PROXY, never its credentials', async () => {
    // One refusal, then tunnels: a retry would succeed, so the run's result shows whether there was one.
    await withProxy(async (proxy) => {
      const run = await runThrough('udts-proxy-407', apiUrl, { HTTPS_PROXY: withCredentials(proxy) });
      expect(proxy.events).toEqual([{ kind: 'connect', target: `${TEST_HOST}:${front.port}` }]);
      expect(requestsFor('udts-proxy-407')).toEqual([]);
      expect(run.code).toBe(1);
      expect(run.outputs).toMatchObject({ result: 'error', polls: '1' });
      const address = new URL(proxy.url).host;
      expect(commands(run.stdout, 'error')).toEqual([
        expect.stringContaining(`the proxy ${address} (from HTTPS_PROXY) refused a tunnel to ${TEST_HOST}:${front.port} with HTTP 407 Proxy Authentication Required: give its user and password in HTTPS_PROXY`),
      ]);
      expect(run.summary).toContain(`the proxy ${address} (from HTTPS`); // the summary escapes Markdown: HTTPS\_PROXY
      expectNoCredentials(run);
    }, [407]);
  });
});

describe.concurrent('NO_PROXY and loopback', () => {
  // The forms NO_PROXY takes are http-client's (and proxyRoute's table); this shows the bundle honours it.
  it('naming a domain suffix, among others: the action connects directly and the proxy sees nothing', async () => {
    await withProxy(async (proxy) => {
      const run = await runThrough('udts-no-proxy-domain', apiUrl, { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: 'internal.example, .udts-wait.test' });
      expect(run.outputs.result, run.stdout + run.stderr).toBe('success');
      expect(requestsFor('udts-no-proxy-domain')).toHaveLength(Number(run.outputs.polls));
      expect(proxy.events).toEqual([]);
    });
  });

  // The update rules, refusals, rate limits and conclusions of the check run: unit/front/check-run.test.ts.
  it("the loopback API over plain http is never proxied; the check run goes through HTTPS_PROXY, on the pull request's head; the token is masked", async () => {
    await withProxy(async (proxy) => {
      const run = await runThrough('udts-loopback', emulator.url, {
        HTTP_PROXY: proxy.url,
        HTTPS_PROXY: proxy.url,
        GITHUB_API_URL: `${apiUrl}/api/v3`,
        GITHUB_REPOSITORY: 'acme/shop',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: join(dir, 'event.json'),
        GITHUB_SHA: 'c'.repeat(40),
      }, { 'check-name': 'Migration', 'github-token': DEMO_GITHUB_TOKEN });
      expect(run.code, run.stdout).toBe(0);
      expect(requestsFor('udts-loopback')).toHaveLength(Number(run.outputs.polls));
      const { checkRuns, requests } = emulator.stats().github;
      expect(checkRuns.map((kept) => [kept.repository, kept.run.name, kept.run.head_sha, kept.run.status, kept.run.conclusion])).toEqual([
        ['acme/shop', 'Migration', HEAD_SHA, 'completed', 'success'],
      ]);
      expect(requests.every((r) => r.path.startsWith('/api/v3/repos/acme/shop/') && r.auth === 'token' && r.apiVersion === '2022-11-28')).toBe(true);
      // Every GitHub call went through the proxy, as a tunnel to GITHUB_API_URL; the UDTS calls did not.
      expect(new Set(proxy.events.map((event) => (event.kind === 'connect' ? event.target : event.url)))).toEqual(new Set([`${TEST_HOST}:${front.port}`]));
      expect(proxy.tunnelled()).not.toContain(DEMO_GITHUB_TOKEN);
      // The token appears once: in the add-mask command that hides it from every later line.
      expect(run.stdout.split(DEMO_GITHUB_TOKEN)).toHaveLength(2);
      expect(run.stdout).toContain(`::add-mask::${DEMO_GITHUB_TOKEN}`);
    });
  });
});
