// @ts-check
// Bench processes: which Node runs what, the temporary folder (scenario files, harness bundles, the
// resource-usage preload), and reading a child's output and the action's result.
import { execFile, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { fetchNode24, knownNode24 } from '../node24.mjs';

/** The Node the action runs on: Node 24, as action.yml declares (scripts/node24.mjs fetches it once). */
export const NODE = knownNode24() ?? fetchNode24();
/** Every Node a memory figure is given for: NODE, then the user's own (the one running the bench) if another. */
export const NODES = realpathSync(process.execPath) === realpathSync(NODE) ? [NODE] : [NODE, process.execPath];

/** "Node 24.21.0": a column heading. @param {string} node */
export const nodeName = (node) => `Node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim().slice(1)}`;

/** The emulator's demo credentials, as action inputs. */
export const KEY_INPUTS = { 'public-key': 'demo-public-key', 'private-key': 'demo-private-key' };

/** @typedef {ReturnType<typeof createWorkspace>} Workspace */

/** The bench's temporary folder, with the resource-usage preload in it; `remove()` deletes it all. */
export function createWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'udts-wait-bench-'));
  // Loaded with NODE_OPTIONS=--require into a measured process: writes its resource usage at exit.
  const preload = join(dir, 'usage.cjs');
  writeFileSync(preload, "process.on('exit', () => require('node:fs').writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify(process.resourceUsage())));\n");
  let files = 0;
  return {
    dir,
    /** Writes an emulator scenario and returns its path. @param {unknown} scenario */
    writeScenario(scenario) {
      const file = join(dir, `scenario-${(files += 1)}.json`);
      writeFileSync(file, JSON.stringify(scenario));
      return file;
    },
    /**
     * Runs `start` with the preload in its environment; returns its result, the process's peak RSS
     * and its CPU time (user + system: less swayed than wall time by other work on the machine).
     * @template T
     * @param {(env: Record<string, string>) => Promise<T>} start
     */
    async withUsage(start) {
      const usageFile = join(dir, `usage-${(files += 1)}.json`);
      const result = await start({ NODE_OPTIONS: `--require ${preload}`, BENCH_USAGE_FILE: usageFile });
      const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
      return { result, maxRssBytes: usage.maxRSS * 1_024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1_000 };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Bundles each scripts/bench/<name>.ts with ncc --minify, as the action is bundled, into the workspace.
 * @template {string} Name
 * @param {Workspace} workspace
 * @param {Name[]} names
 * @returns {Promise<Record<Name, string>>} each bundle's path
 */
export async function buildHarnesses(workspace, names) {
  const ncc = resolve('node_modules/@vercel/ncc/dist/ncc/cli.js');
  const paths = await Promise.all(names.map(async (name) => {
    const out = join(workspace.dir, name);
    await promisify(execFile)(process.execPath, [ncc, 'build', `scripts/bench/${name}.ts`, '-o', out, '--minify', '--quiet']);
    writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
    return [name, join(out, 'index.js')];
  }));
  return /** @type {Record<Name, string>} */ (Object.fromEntries(paths));
}

/**
 * The action built from the same sources as dist/index.js, but minified as dist/ was before it was made
 * readable (ncc --minify): the baseline of the start-up figures. Only the entry: a run without
 * check-name loads nothing else.
 * @param {Workspace} workspace
 * @returns {Promise<string>} the folder holding its index.js
 */
export async function buildMinifiedAction(workspace) {
  const out = join(workspace.dir, 'minified');
  await promisify(execFile)(process.execPath, [resolve('node_modules/@vercel/ncc/dist/ncc/cli.js'), 'build', 'src/action/index.ts', '-o', out, '--minify', '--quiet']);
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  return out;
}

/**
 * Stops the bench unless the action run succeeded: a figure from a failed run would mislead.
 * @param {import('../runner.mjs').ActionRun} run
 * @param {string} what
 */
export function expectSuccess(run, what) {
  if (run.code !== 0 || run.outputs.result !== 'success') {
    throw new Error(`the action on ${what} did not succeed (exit ${run.code}, result '${run.outputs.result}'):\n${run.stdout}${run.stderr}`);
  }
}

/** Waits for a child to close and returns its exit code and output. @param {import('node:child_process').ChildProcess} child */
export async function collect(child) {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'close');
  return { code: /** @type {number | null} */ (code), stdout, stderr };
}
