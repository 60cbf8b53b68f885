// @ts-check
// Bench section 2: what one run costs when the task is already Done (one poll), from spawn to exit,
// against a bundle that only loads @actions/core and against bare `node -e 0`; the same run with a
// check run (it loads the @actions/github chunk); and a baseline build of the action (the same sources
// minified, or with --before another build of dist/). CPU time
// and peak memory come from runs of their own, so the preload that reports them stays out of the timings.
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runAction } from '../runner.mjs';
import { expectSuccess, KEY_INPUTS, NODE, nodeName } from './processes.mjs';
import { CHECK_INPUTS, githubEnv } from './scenarios.mjs';
import { kibibytes, median, mebibytes, millis, printTable, ratio, section } from './stats.mjs';

/** @typedef {(env: Record<string, string>, round: number) => Promise<number>} TimedRun  wall ms, after checking the run */

/**
 * Runs each kind `runs` times, interleaved, after a warm-up round; then as many times again for CPU and memory.
 * @param {object} bench
 * @param {Awaited<ReturnType<typeof import('../runner.mjs').startEmulatorProcess>>} bench.emulator  serving 'already-done' and GitHub
 * @param {import('./processes.mjs').Workspace} bench.workspace
 * @param {string} bench.coreOnlyScript  the bundled scripts/bench/core-only.ts
 * @param {{ dir: string, label: string }} bench.baseline  a build of the action to compare with: its folder and how it was made
 * @param {number} bench.runs
 */
export async function benchStartUp({ emulator, workspace, coreOnlyScript, baseline, runs }) {
  section(
    '2. One-poll run (task already Done): wall time from spawn to exit, CPU time (user + system), peak memory (maxRSS)',
    `On ${nodeName(NODE)}, ${runs} runs of each after a warm-up round, interleaved, as the runner runs them (scripts/runner.mjs:`,
    'clean environment, INPUT_* variables, output and summary files). The @actions/core-only bundle is built with ncc',
    '--minify and reads one input. udts-wait also reads the task\'s history (`history` is on by default);',
    'with check-name it creates and completes a check run on the emulator\'s fake GitHub API. CPU time and peak memory',
    `from ${runs} further runs of each, with a preload (NODE_OPTIONS=--require) that reads process.resourceUsage() at exit.`,
  );
  const inputs = { 'task-id': 'already-done', ...KEY_INPUTS, 'api-url': emulator.url, interval: '5s', timeout: '1m' };
  /** @param {string} script @returns {TimedRun} */
  const onePoll = (script) => async (env) => {
    const run = await runAction({ inputs, env, node: NODE, script });
    expectSuccess(run, `already-done (${script})`);
    if (run.outputs.polls !== '1') throw new Error(`one-poll run made ${run.outputs.polls} polls`);
    return run.durationMs;
  };
  /** @type {TimedRun} */
  const withCheckRun = async (env, round) => {
    const sha = round.toString(16).padStart(40, '0');
    const run = await runAction({ inputs: { ...inputs, ...CHECK_INPUTS }, env: { ...env, ...githubEnv(emulator.url, sha) }, node: NODE });
    expectSuccess(run, 'already-done with check-name');
    const checkRun = (await emulator.stats()).github.checkRuns.find((kept) => kept.run.head_sha === sha)?.run;
    if (checkRun?.conclusion !== 'success') throw new Error(`no successful check run on ${sha}: ${JSON.stringify(checkRun)}`);
    return run.durationMs;
  };
  /** @type {TimedRun} */
  const coreOnly = async (env) => {
    const run = await runAction({ inputs, env, node: NODE, script: coreOnlyScript });
    if (run.code !== 0) throw new Error(`the @actions/core-only bundle exited with ${run.code}: ${run.stderr}`);
    return run.durationMs;
  };
  /** @type {Array<[string, TimedRun]>} */
  const kinds = [
    ['node -e 0', bareNode],
    ['@actions/core-only bundle', coreOnly],
    ['udts-wait, one poll (dist/index.js)', onePoll('dist/index.js')],
    ['udts-wait, one poll, check-name set', withCheckRun],
  ];
  kinds.push([`${baseline.label}, one poll`, onePoll(join(baseline.dir, 'index.js'))]);

  /** @returns {number[][]} a list per kind */
  const perKind = () => kinds.map(() => []);
  const [times, cpu, rss] = [perKind(), perKind(), perKind()];
  // Rounds are numbered on through the CPU and memory runs, so that each check run goes on a commit of its own.
  for (let round = 0; round <= 2 * runs; round += 1) {
    for (const [i, [, run]] of kinds.entries()) {
      if (round > runs) {
        const { cpuMs, maxRssBytes } = await workspace.withUsage((env) => run(env, round));
        cpu[i]?.push(cpuMs);
        rss[i]?.push(maxRssBytes);
      } else {
        const ms = await run({}, round);
        if (round > 0) times[i]?.push(ms); // round 0 warms the disk cache and the first spawn
      }
    }
  }
  const [wall, cpuTime, peak] = [times.map(median), cpu.map(median), rss.map(median)];
  /** Row `i`'s median against row `base`'s (0: node -e 0, 1: the @actions/core-only bundle). @param {number[]} medians @param {number} i @param {number} base */
  const ratioTo = (medians, i, base) => (i === 0 && base === 1 ? '' : ratio(medians[i] ?? NaN, medians[base] ?? NaN));
  printTable(
    ['', 'wall time', 'vs node -e 0', 'vs core-only', 'CPU time', 'vs core-only', 'peak memory', 'vs core-only'],
    kinds.map(([label], i) => [
      label,
      millis(wall[i] ?? NaN), ratioTo(wall, i, 0), ratioTo(wall, i, 1),
      millis(cpuTime[i] ?? NaN), ratioTo(cpuTime, i, 1),
      mebibytes(peak[i] ?? NaN), ratioTo(peak, i, 1),
    ]),
  );
  const sizes = bundleSizes('dist');
  console.log(`   dist/: ${sizes.map(({ file, bytes }) => `${file} ${kibibytes(bytes)}`).join(', ')} (the entry loads the rest from its chunks; the largest, with Octokit, only with check-name).`);
  const beforeSizes = bundleSizes(baseline.dir);
  console.log(`   Baseline (${baseline.label}): ${beforeSizes.map(({ file, bytes }) => `${file} ${kibibytes(bytes)}`).join(', ')}.`);
  console.log(`   dist/ vs the baseline, one poll without check-name: wall time ${ratioTo(wall, 2, 4)}, CPU time ${ratioTo(cpuTime, 2, 4)},`
    + ` peak memory ${ratioTo(peak, 2, 4)}, dist/index.js ${ratio(sizes[0]?.bytes ?? NaN, beforeSizes[0]?.bytes ?? NaN)}.`);
}

/** `node -e 0`: the floor any Node process pays. @type {TimedRun} */
async function bareNode(env) {
  const startedAt = performance.now();
  await promisify(execFile)(NODE, ['-e', '0'], { env: { PATH: process.env.PATH ?? '', ...env } });
  return performance.now() - startedAt;
}

/** index.js, then each chunk ncc split off for a dynamic import() (NNN.index.js, numbered anew by each build), with sizes. @param {string} dir */
function bundleSizes(dir) {
  return ['index.js', ...readdirSync(dir).filter((file) => /^\d+\.index\.js$/.test(file)).sort()]
    .map((file) => ({ file, bytes: statSync(join(dir, file)).size }));
}
