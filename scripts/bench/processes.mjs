// @ts-check
// Bench processes: which Node runs what, the temporary folder (scenario files, bundles, the maxRSS
// preload), building the baselines with ncc, and reading a child's output and the action's result.
// The emulator is started by ../runner.mjs, the recording proxy by recorder.mjs.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/** The Node the action runs on: inside `npm run` this is Node 24, the one action.yml declares. */
export const NODE = process.execPath;

/** The emulator's demo credentials, as action inputs. */
export const KEY_INPUTS = { 'public-key': 'demo-public-key', 'private-key': 'demo-private-key' };

/**
 * @typedef {ReturnType<typeof createWorkspace>} Workspace
 */

/**
 * Makes the bench's temporary folder, with the maxRSS preload in it; `remove()` deletes it all.
 */
export function createWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'udts-wait-bench-'));
  // Loaded with NODE_OPTIONS=--require into a measured process: writes its peak RSS (bytes) at exit.
  const maxRssPreload = join(dir, 'max-rss.cjs');
  writeFileSync(
    maxRssPreload,
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.BENCH_MAXRSS_FILE, String(process.resourceUsage().maxRSS * 1024)));\n",
  );
  return {
    dir,
    /**
     * Writes an emulator scenario into the folder and returns its path.
     * @param {string} name
     * @param {unknown} scenario
     */
    writeScenario(name, scenario) {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(scenario));
      return file;
    },
    /**
     * Runs a process with the maxRSS preload and reads its peak RSS.
     * @template T
     * @param {(env: Record<string, string>) => Promise<T>} start  given the environment to add
     */
    async withMaxRss(start) {
      const rssFile = join(dir, `rss-${Math.random().toString(36).slice(2)}`);
      const result = await start({ NODE_OPTIONS: `--require ${maxRssPreload}`, BENCH_MAXRSS_FILE: rssFile });
      const maxRssBytes = Number(readFileSync(rssFile, 'utf8'));
      rmSync(rssFile, { force: true });
      return { result, maxRssBytes };
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Bundles the baselines and the memory and schedule harnesses (scripts/bench/*.ts) with ncc --minify, as the action
 * is bundled, in parallel, into the workspace; returns each bundle's path.
 * @param {Workspace} workspace
 */
export async function buildBenchBundles(workspace) {
  const ncc = resolve('node_modules/@vercel/ncc/dist/ncc/cli.js');
  /** @param {string} name */
  const build = async (name) => {
    const out = join(workspace.dir, name);
    await promisify(execFile)(NODE, [ncc, 'build', `scripts/bench/${name}.ts`, '-o', out, '--minify', '--quiet']);
    writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
    return join(out, 'index.js');
  };
  const [fixedLoopScript, coreOnlyScript, memoryScript, scheduleScript] = await Promise.all(
    [build('fixed-loop'), build('core-only'), build('memory'), build('schedule-sim')],
  );
  return { fixedLoopScript, coreOnlyScript, memoryScript, scheduleScript };
}

/** The system's Node (npm names it) when it is not the Node 24 the bench runs the action on. */
export function otherSystemNode() {
  const systemNode = process.env.npm_node_execpath;
  return systemNode && realpathSync(systemNode) !== realpathSync(NODE) ? systemNode : undefined;
}

/** The Nodes the bundles run on here: the one action.yml declares, then the system's when it differs. */
export function bundleNodes() {
  const systemNode = otherSystemNode();
  return systemNode ? [NODE, systemNode] : [NODE];
}

/**
 * "node v24.21.0 (/path/to/node)": the heading of a per-Node table.
 * @param {string} node
 */
export async function nodeLabel(node) {
  const version = (await promisify(execFile)(node, ['--version'])).stdout.trim();
  return `node ${version} (${node})`;
}

/**
 * Stops the bench unless the action run succeeded: a figure from a failed run would mislead.
 * @param {{ code: number | null, stdout: string, stderr: string, outputs: Record<string, string> }} run
 * @param {string} what
 */
export function expectSuccess(run, what) {
  if (run.code !== 0 || run.outputs.result !== 'success') {
    throw new Error(`the action on ${what} did not succeed (exit ${run.code}, result '${run.outputs.result}'):\n${run.stdout}${run.stderr}`);
  }
}

/**
 * Waits for a child to close and returns its exit code and output.
 * @param {import('node:child_process').ChildProcessWithoutNullStreams | import('node:child_process').ChildProcess} child
 */
export async function collect(child) {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'close');
  return { code: /** @type {number | null} */ (code), stdout, stderr };
}
