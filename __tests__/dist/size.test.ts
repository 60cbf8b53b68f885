/**
 * Size budgets of the committed, readable (unminified) bundles. They do not keep dist/ small for its
 * own sake; they catch a dependency that slips into the wrong bundle. Every run of the action loads
 * dist/index.js (a small entry that listens for a cancel first) and the chunks of the rest: about
 * 250 kB when the budget was set. The real undici in place of its stub (stubs/undici) would add about
 * 0.93 MB, so 300 kB leaves 20% for growth and still fails on that. The chunks loaded only with
 * check-name (@actions/github, Octokit, one undici 6) were 1.18 MB; 1.45 MB leaves 20% for their
 * releases and fails on a second copy of undici, as two once slipped in (2.11 MB).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const EVERY_RUN_BUDGET_BYTES = 300_000;
const CHECK_RUN_BUDGET_BYTES = 1_450_000;
const OTHER_PROGRAMS = new Set(['cli.js', 'emulator.js']);

it('bundle size: what every run of the action loads stays within 300 kB, the check run\'s chunks within 1.45 MB', () => {
  const files = readdirSync('dist').filter((file) => file.endsWith('.js') && !OTHER_PROGRAMS.has(file));
  const sizes = { everyRun: 0, checkRun: 0 };
  for (const file of files) {
    const text = readFileSync(join('dist', file), 'utf8');
    // The check run's chunks are the ones that carry Octokit, which only check-name loads.
    sizes[text.includes('@octokit/') ? 'checkRun' : 'everyRun'] += Buffer.byteLength(text);
  }
  expect(sizes.everyRun, 'index.js and the chunks every run loads, in bytes').toBeLessThanOrEqual(EVERY_RUN_BUDGET_BYTES);
  expect(sizes.checkRun, 'the check run\'s chunks, in bytes').toBeGreaterThan(0);
  expect(sizes.checkRun, 'the check run\'s chunks, in bytes').toBeLessThanOrEqual(CHECK_RUN_BUDGET_BYTES);
});
