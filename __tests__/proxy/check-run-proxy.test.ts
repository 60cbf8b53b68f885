/**
 * The check run honours the proxy variables and GITHUB_API_URL as the status calls do.
 * GitHub is the emulator's fake, served over TLS as https://api.udts-wait.test (see through-a-proxy.test.ts for
 * why a made-up name and a TLS front); the UDTS API stays on plain loopback, which is never proxied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../scripts/runner.mjs';
import { DEMO_GITHUB_TOKEN } from '../../src/emulator/scenario.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { CA_FILE, TEST_HOST, startForwardingProxy, startTlsFront } from './servers.js';

let emulator: RunningEmulator;
let front: Awaited<ReturnType<typeof startTlsFront>>;
beforeAll(async () => {
  emulator = await startEmulator({ tasks: { 'udts-proxied': { steps: [{ data: { Status: 'Done', Progress: { Percentage: 100 } } }] } } });
  front = await startTlsFront(Number(new URL(emulator.url).port));
});
afterAll(async () => {
  await front.close();
  await emulator.close();
});

describe('the check run behind a proxy', () => {
  it('HTTPS_PROXY: the GitHub calls go through the proxy as CONNECT tunnels to GITHUB_API_URL; the API call does not', async () => {
    const proxy = await startForwardingProxy({ [TEST_HOST]: '127.0.0.1' });
    try {
      const run = await runAction({
        inputs: {
          'task-id': 'udts-proxied', 'public-key': 'demo-public-key', 'private-key': 'demo-private-key', 'api-url': emulator.url,
          history: 'false', 'check-name': 'Migration', 'github-token': DEMO_GITHUB_TOKEN,
        },
        env: {
          NODE_EXTRA_CA_CERTS: CA_FILE,
          HTTPS_PROXY: proxy.url,
          GITHUB_API_URL: `https://${TEST_HOST}:${front.port}/api/v3`,
          GITHUB_REPOSITORY: 'acme/shop',
          GITHUB_SHA: 'd'.repeat(40),
        },
      });
      expect(run.code, run.stdout).toBe(0);
      expect(emulator.stats().github.checkRuns.map((kept) => kept.run.conclusion)).toEqual(['success']);
      const tunnels = proxy.events.filter((event) => event.kind === 'connect');
      expect(tunnels.length).toBeGreaterThanOrEqual(1);
      expect(new Set(tunnels.map((event) => (event.kind === 'connect' ? event.target : '')))).toEqual(new Set([`${TEST_HOST}:${front.port}`]));
      expect(proxy.tunnelled()).not.toContain(DEMO_GITHUB_TOKEN);
    } finally {
      await proxy.close();
    }
  });
});
