// @ts-check
// Bench section 2: what one run costs when the task is already Done (one poll), from spawn to exit,
// against a bundle that only loads @actions/core and against bare `node -e 0`; then each one's peak
// memory, in runs of their own so the maxRSS preload stays out of the timings.
import { spawn } from 'node:child_process';
import { runAction } from '../runner.mjs';
import { collect, expectSuccess, KEY_INPUTS, NODE } from './processes.mjs';
import { median, mebibytes, millis, printTable, ratio, section } from './stats.mjs';

/** @typedef {Awaited<ReturnType<typeof import('../runner.mjs').startEmulatorProcess>>} Emulator */

/**
 * Times the three, interleaved after one warm-up round, prints the table and returns the
 * @actions/core-only bundle's peak memory (section 3's floor).
 * @param {object} bench
 * @param {Emulator} bench.emulator  serving the 'already-done' task
 * @param {string} bench.coreOnlyScript  the bundled scripts/bench/core-only.ts
 * @param {import('./processes.mjs').Workspace} bench.workspace  for the maxRSS preload
 * @param {number} bench.runs  timed runs of each
 * @param {number} bench.memoryRuns  further runs of each for peak memory
 */
export async function benchStartUp({ emulator, coreOnlyScript, workspace, runs, memoryRuns }) {
  section(
    '2. One-poll run (task already Done): wall time from spawn to exit',
    `${runs} runs of each after one warm-up, interleaved; both bundles run as the runner does (scripts/runner.mjs:`,
    'clean environment, INPUT_* variables, output and summary files). The @actions/core-only bundle is',
    'built with ncc --minify like dist/index.js, and only reads one input.',
  );
  const inputs = { 'task-id': 'already-done', ...KEY_INPUTS, 'api-url': emulator.url, interval: '5s', timeout: '1m' };
  /** @type {Record<'bare' | 'core' | 'action', number[]>} */
  const times = { bare: [], core: [], action: [] };
  for (let round = 0; round <= runs; round += 1) {
    const bare = await timeBareNode();
    const core = (await runAction({ inputs, node: NODE, script: coreOnlyScript })).durationMs;
    const run = await runAction({ inputs, node: NODE });
    expectSuccess(run, 'already-done');
    if (run.outputs.polls !== '1') throw new Error(`one-poll run made ${run.outputs.polls} polls`);
    if (round === 0) continue; // warm-up: disk cache, first spawn
    times.bare.push(bare);
    times.core.push(core);
    times.action.push(run.durationMs);
  }
  // Peak memory in runs of their own, so the preload stays out of the timings.
  /** @type {Record<'bare' | 'core' | 'action', number[]>} */
  const rss = { bare: [], core: [], action: [] };
  for (let round = 0; round < memoryRuns; round += 1) {
    rss.bare.push((await workspace.withMaxRss((env) => timeBareNode(env))).maxRssBytes);
    rss.core.push((await workspace.withMaxRss((env) => runAction({ inputs, env, node: NODE, script: coreOnlyScript }))).maxRssBytes);
    rss.action.push((await workspace.withMaxRss((env) => runAction({ inputs, env, node: NODE }))).maxRssBytes);
  }
  const bare = median(times.bare);
  const core = median(times.core);
  const action = median(times.action);
  const [bareRss, coreRss, actionRss] = [median(rss.bare), median(rss.core), median(rss.action)];
  printTable(
    ['', 'wall time', 'vs node -e 0', 'vs core-only', 'peak memory', 'vs core-only'],
    [
      ['node -e 0', millis(bare), ratio(bare, bare), '', mebibytes(bareRss), ''],
      ['@actions/core-only bundle', millis(core), ratio(core, bare), ratio(core, core), mebibytes(coreRss), ratio(coreRss, coreRss)],
      ['action, one poll (dist/index.js)', millis(action), ratio(action, bare), ratio(action, core), mebibytes(actionRss), ratio(actionRss, coreRss)],
    ],
  );
  console.log(`   The action's whole run (inputs, one signed request, outputs, summary) costs ${millis(action - core)} and ${mebibytes(actionRss - coreRss)} more than loading @actions/core.`);
  console.log(`   Peak memory (maxRSS) from ${memoryRuns} further runs of each with a preload that reports it at exit.`);
  return { coreRssBytes: coreRss };
}

/**
 * Wall time of `node -e 0`: the floor any Node process pays.
 * @param {Record<string, string>} [env]
 */
async function timeBareNode(env = {}) {
  const startedAt = performance.now();
  const { code } = await collect(spawn(NODE, ['-e', '0'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
  if (code !== 0) throw new Error(`node -e 0 exited with ${code}`);
  return performance.now() - startedAt;
}
