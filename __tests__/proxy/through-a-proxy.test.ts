/**
 * Self-hosted runners behind a proxy: dist/index.js honours HTTPS_PROXY / HTTP_PROXY /
 * NO_PROXY as @actions/http-client does, shown end to end through a forwarding proxy.
 *
 * Why https and a made-up host name: http-client never proxies loopback hosts (localhost, 127.*,
 * [::1]; lib/proxy.js checkBypass), and the action accepts plain http only to exactly those hosts
 * (src/core/settings.ts), so a plain-http emulator can never be reached through a proxy — the last test
 * below shows it. The real case is an https API reached through the proxy with CONNECT, so the test
 * serves the emulator over TLS as https://api.udts-wait.test (certificate in fixtures/, trusted
 * through NODE_EXTRA_CA_CERTS). The proxy resolves that name to 127.0.0.1 itself; for direct
 * connections (NO_PROXY) hosts-preload.mjs plays the hosts file, so no DNS server is ever asked.
 */
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { runAction } from '../../scripts/runner.mjs';
import { commands, reading, scenario } from '../e2e/helpers.js';
import { CA_FILE, FIXTURES, TEST_HOST, startForwardingProxy, startTlsFront, type ForwardingProxy } from './servers.js';

const PRELOAD = pathToFileURL(join(dirname(FIXTURES), 'hosts-preload.mjs')).href;
const DONE = reading('Done', { Progress: { Percentage: 100, CurCount: 10, TotalCount: 10 } });
const LOADING = reading('Loading', { Progress: { Percentage: 60, CurCount: 6, TotalCount: 10 } });

let emulator: RunningEmulator;
let front: Awaited<ReturnType<typeof startTlsFront>>;
let apiUrl: string;
beforeAll(async () => {
  // One task per test, so that concurrent tests count their own requests.
  const tasks = Object.fromEntries(
    [
      'https-proxy', 'no-proxy-domain', 'proxy-down', 'loopback', 'proxy-407', 'proxy-502',
    ]
      .map((name) => [`udts-${name}`, [LOADING, DONE]]),
  );
  emulator = await startEmulator(scenario(tasks));
  front = await startTlsFront(Number(new URL(emulator.url).port));
  apiUrl = `https://${TEST_HOST}:${front.port}`;
});
afterAll(async () => {
  await front.close();
  await emulator.close();
});

/** Runs the bundled action for `taskId` at `url` with the test's hosts file and CA, plus `env` and `inputs`. */
function runThrough(taskId: string, url: string, env: Record<string, string>, inputs: Record<string, string> = {}) {
  return runAction({
    inputs: {
      'task-id': taskId,
      'public-key': 'demo-public-key',
      'private-key': 'demo-private-key',
      'api-url': url,
      interval: '100ms',
      timeout: '20s',
      history: 'false', // these tests count the requests each route sees
      ...inputs,
    },
    env: {
      NODE_EXTRA_CA_CERTS: CA_FILE,
      NODE_OPTIONS: `--import ${PRELOAD}`,
      UDTS_TEST_HOSTS: JSON.stringify({ [TEST_HOST]: '127.0.0.1' }),
      ...env,
    },
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

describe.concurrent('through a forwarding proxy', () => {
  // Which variable applies to which URL is proxyRoute's table (unit/udts/proxy.test.ts).
  it('HTTPS_PROXY: every request goes through the proxy as a CONNECT tunnel, and the proxy sees only ciphertext', async () => {
    const taskId = 'udts-https-proxy';
    await withProxy(async (proxy) => {
      const run = await runThrough(taskId, apiUrl, { HTTPS_PROXY: proxy.url });

      expect(run.outputs.result, run.stdout + run.stderr).toBe('success');
      expect(run.code).toBe(0);
      const polls = Number(run.outputs.polls);
      expect(polls).toBe(2);
      expect(requestsFor(taskId)).toHaveLength(polls);
      // One tunnel per request (a new client per call), each to the API's host and port.
      expect(proxy.events).toEqual(Array.from({ length: polls }, () => ({ kind: 'connect', target: `${TEST_HOST}:${front.port}` })));
      // Inside the tunnel is TLS: the proxy cannot read the action, the task, the key or the signature.
      const seen = proxy.tunnelled();
      expect(seen.length).toBeGreaterThan(0);
      for (const secret of ['GetUDTSTaskStatus', taskId, 'demo-public-key', 'Signature', 'udts-wait/']) {
        expect(seen).not.toContain(secret);
      }
    });
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
});

describe.concurrent('proxy refusals', () => {
  const USER = 'proxy-user-q7';
  const PASSWORD = 'proxy-pass-9f3k';
  // Every form the credentials could leak in: as given, URL-encoded, and as the Basic header carries them.
  const SECRETS = [USER, PASSWORD, encodeURIComponent(`${USER}:${PASSWORD}`), Buffer.from(`${USER}:${PASSWORD}`).toString('base64')];
  const withCredentials = (proxy: ForwardingProxy) => proxy.url.replace('http://', `http://${USER}:${PASSWORD}@`);

  it.each([
    { status: 407, taskId: 'udts-proxy-407', says: /HTTP 407 Proxy Authentication Required: give its user and password in HTTPS_PROXY/ },
  ])('$status to CONNECT ends the run after one attempt, naming the proxy and HTTPS_PROXY, never its credentials', async ({ status, taskId, says }) => {
    // One refusal, then tunnels: a retry would succeed, so the run's result shows whether there was one.
    await withProxy(async (proxy) => {
      const run = await runThrough(taskId, apiUrl, { HTTPS_PROXY: withCredentials(proxy) });

      expect(proxy.events).toEqual([{ kind: 'connect', target: `${TEST_HOST}:${front.port}` }]);
      expect(requestsFor(taskId)).toEqual([]);
      expect(run.code).toBe(1);
      expect(run.outputs).toMatchObject({ result: 'error', polls: '1' });
      const errors = commands(run.stdout, 'error');
      expect(errors).toHaveLength(1);
      const address = new URL(proxy.url).host;
      expect(errors[0]).toContain(`the proxy ${address} (from HTTPS_PROXY) refused a tunnel to ${TEST_HOST}:${front.port}`);
      expect(errors[0]).toMatch(says);
      expect(run.summary).toContain(`the proxy ${address} (from HTTPS`); // the summary escapes Markdown: HTTPS\_PROXY
      const record = [run.stdout, run.stderr, JSON.stringify(run.outputs), run.summary].join('\n');
      for (const secret of SECRETS) expect(record).not.toContain(secret);
    }, [status]);
  });

  it('a proxy\'s 502 to CONNECT is retried, and the run goes on through the proxy', async () => {
    await withProxy(async (proxy) => {
      const run = await runThrough('udts-proxy-502', apiUrl, { HTTPS_PROXY: withCredentials(proxy) });

      expect(run.outputs.result, run.stdout + run.stderr).toBe('success');
      expect(run.code).toBe(0);
      const warnings = commands(run.stdout, 'warning');
      expect(warnings[0]).toMatch(new RegExp(`^udts-proxy-502: the proxy ${new URL(proxy.url).host} \\(from HTTPS_PROXY\\) refused a tunnel to .* with HTTP 502; retry 1 in`));
      // The refused CONNECT, then one tunnel per poll.
      expect(proxy.events).toHaveLength(1 + requestsFor('udts-proxy-502').length);
      const record = [run.stdout, run.stderr, JSON.stringify(run.outputs), run.summary].join('\n');
      for (const secret of SECRETS) expect(record).not.toContain(secret);
    }, [502]);
  });
});

describe.concurrent('NO_PROXY', () => {
  // The forms NO_PROXY takes are http-client's (and proxyRoute's table); this shows the bundle honours it.
  it('naming a domain suffix, among others: the action connects directly and the proxy sees nothing', async () => {
    const taskId = 'udts-no-proxy-domain';
    await withProxy(async (proxy) => {
      const run = await runThrough(taskId, apiUrl, { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: 'internal.example, .udts-wait.test' });

      expect(run.outputs.result, run.stdout + run.stderr).toBe('success');
      expect(requestsFor(taskId)).toHaveLength(Number(run.outputs.polls));
      expect(proxy.events).toEqual([]);
    });
  });

  it('the loopback emulator over plain http is never proxied, even with HTTP_PROXY set and no NO_PROXY', async () => {
    await withProxy(async (proxy) => {
      const run = await runThrough('udts-loopback', emulator.url, { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });

      expect(run.outputs.result, run.stdout + run.stderr).toBe('success');
      expect(requestsFor('udts-loopback')).toHaveLength(Number(run.outputs.polls));
      expect(proxy.events).toEqual([]);
    });
  });
});
