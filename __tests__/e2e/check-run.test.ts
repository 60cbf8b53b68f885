/**
 * What only the bundle can show of the check run: dist/index.js loads its @actions/github chunk when
 * check-name is set, reaches GITHUB_API_URL (a GitHub Enterprise Server style prefix here, the
 * emulator's fake GitHub behind it), marks the pull request's head commit, and sends GitHub's API
 * version. (The update rules, refusals, rate limits and every conclusion: unit/front/check-run.test.ts;
 * not started without check-name: unit/front/check-run-start.test.ts; through a proxy:
 * proxy/check-run-proxy.test.ts.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GITHUB_TOKEN } from '../../src/emulator/scenario.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { reading, startAgainst } from './helpers.js';

const HEAD_SHA = 'b'.repeat(40);
const MERGE_SHA = 'c'.repeat(40);
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'udts-wait-event-'));
  writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 7, head: { sha: HEAD_SHA } } }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The runner's GitHub variables for a pull_request run against the emulator's fake GitHub API. */
function githubEnv(emulator: RunningEmulator): Record<string, string> {
  return {
    GITHUB_API_URL: `${emulator.url}/api/v3`,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_RUN_ID: '1234',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_SHA: MERGE_SHA,
  };
}

const STEPS = [reading('Loading', { Progress: { Percentage: 50 } }), reading('Done', { Progress: { Percentage: 100 } })];

describe('check run through the bundle', () => {
  it("created on the pull request's head and concluded success; the token is masked", async () => {
    const emulator = await startEmulator({ tasks: { 'udts-c': { steps: STEPS } } });
    try {
      const { done } = startAgainst(emulator, 'udts-c', { inputs: { 'check-name': 'Migration', 'github-token': DEMO_GITHUB_TOKEN }, env: githubEnv(emulator) });
      const run = await done;
      expect(run.code, run.stdout).toBe(0);
      const { checkRuns, requests } = emulator.stats().github;
      expect(checkRuns.map((kept) => [kept.repository, kept.run.name, kept.run.head_sha, kept.run.status, kept.run.conclusion])).toEqual([
        ['acme/shop', 'Migration', HEAD_SHA, 'completed', 'success'],
      ]);
      expect(requests.every((r) => r.path.startsWith('/api/v3/repos/acme/shop/') && r.auth === 'token' && r.apiVersion === '2022-11-28')).toBe(true);
      // The token appears once: in the add-mask command that hides it from every later line.
      expect(run.stdout.split(DEMO_GITHUB_TOKEN)).toHaveLength(2);
      expect(run.stdout).toContain(`::add-mask::${DEMO_GITHUB_TOKEN}`);
    } finally {
      await emulator.close();
    }
  });
});
