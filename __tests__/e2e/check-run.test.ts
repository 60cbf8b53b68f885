/**
 * What only the bundle can show of the check run, in one run: dist/index.js loads its @actions/github
 * chunk when check-name is set; reaches GITHUB_API_URL (a GitHub Enterprise Server style prefix, the
 * emulator's fake GitHub behind a TLS front at https://api.udts-wait.test: see
 * proxy/through-a-proxy.test.ts for why a made-up name) through HTTPS_PROXY, while the UDTS API on
 * plain loopback is never proxied; marks the pull request's head commit; sends GitHub's API version;
 * and masks the token. (The update rules, refusals, rate limits and every conclusion:
 * unit/front/check-run.test.ts; not started without check-name: unit/front/check-run-start.test.ts.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GITHUB_TOKEN } from '../../src/emulator/scenario.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { CA_FILE, TEST_HOST, startForwardingProxy, startTlsFront } from '../proxy/servers.js';
import { reading, startAgainst } from './helpers.js';

const HEAD_SHA = 'b'.repeat(40);
const MERGE_SHA = 'c'.repeat(40);
const STEPS = [reading('Loading', { Progress: { Percentage: 50 } }), reading('Done', { Progress: { Percentage: 100 } })];

let dir: string;
let emulator: RunningEmulator;
let front: Awaited<ReturnType<typeof startTlsFront>>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'udts-wait-event-'));
  writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 7, head: { sha: HEAD_SHA } } }));
  emulator = await startEmulator({ tasks: { 'udts-c': { steps: STEPS } } });
  front = await startTlsFront(Number(new URL(emulator.url).port));
});
afterAll(async () => {
  await front.close();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('check run through the bundle', () => {
  it("behind HTTPS_PROXY, created on the pull request's head and concluded success; the token is masked", async () => {
    const proxy = await startForwardingProxy({ [TEST_HOST]: '127.0.0.1' });
    try {
      const run = await startAgainst(emulator, 'udts-c', {
        inputs: { 'check-name': 'Migration', 'github-token': DEMO_GITHUB_TOKEN },
        env: {
          NODE_EXTRA_CA_CERTS: CA_FILE,
          HTTPS_PROXY: proxy.url,
          GITHUB_API_URL: `https://${TEST_HOST}:${front.port}/api/v3`,
          GITHUB_REPOSITORY: 'acme/shop',
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: join(dir, 'event.json'),
          GITHUB_SHA: MERGE_SHA,
        },
      }).done;
      expect(run.code, run.stdout).toBe(0);
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
    } finally {
      await proxy.close();
    }
  });
});
