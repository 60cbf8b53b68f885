// @ts-check
// Builds the committed bundles with ncc: dist/index.js (the action), dist/cli.js (the CLI),
// dist/emulator.js (the API emulator), every chunk ncc splits off for a dynamic import() (named
// like 730.index.js, loaded from beside the bundle), ncc's dist/package.json, dist/licenses.txt
// for the third-party code all of them carry, and dist/npm-licenses.txt for what the npm package's
// two bundles carry. Files in dist/ that no build produces are removed.
//
// Not minified: dist/ is what a user who pins a commit runs, so it must read as code (names,
// structure and comments kept). The bench compares its start-up with a minified build of the same
// sources (scripts/bench/processes.mjs).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { NPM_BUNDLES, npmPackages, packagesByFile, renderLicenses } from './licenses.mjs';

const ENTRIES = [
  { source: 'src/action/index.ts', output: 'index.js' },
  { source: 'src/cli/index.ts', output: 'cli.js', executable: true },
  { source: 'src/emulator/main.ts', output: 'emulator.js', executable: true },
];
const SHEBANG = '#!/usr/bin/env node\n';
const DIST = 'dist';

/** @type {Map<string, { text: string, executable: boolean, source: string }>} dist file name -> content */
const outputs = new Map();
/** @type {Map<string, Set<string>>} dist file name -> third-party package directories */
const packages = new Map();
for (const entry of ENTRIES) {
  const out = mkdtempSync(join(tmpdir(), 'udts-wait-ncc-'));
  try {
    execFileSync('npx', ['ncc', 'build', entry.source, '-o', out, '--stats-out', join(out, 'stats.json'), '--quiet'], { stdio: 'inherit' });
    const stats = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8'));
    const distName = (/** @type {string} */ file) => (file === 'index.js' ? entry.output : file);
    for (const file of listFiles(out).filter((f) => f !== 'stats.json')) {
      let text = readFileSync(join(out, file), 'utf8');
      if (file === 'index.js' && entry.executable && !text.startsWith('#!')) text = SHEBANG + text;
      addOutput(distName(file), { text, executable: file === 'index.js' && entry.executable === true, source: entry.source });
    }
    for (const [file, dirs] of packagesByFile(stats, process.cwd())) {
      packages.set(distName(file), new Set([...(packages.get(distName(file)) ?? []), ...dirs]));
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
addOutput('licenses.txt', { text: renderLicenses(packages, process.cwd()), executable: false, source: 'scripts/licenses.mjs' });
// The npm package carries only the CLI and the emulator: its licence file lists what those two hold.
const npmHeader = `Third-party code in the npm package udts-wait (${NPM_BUNDLES.map((f) => `dist/${f}`).join(', ')}), as ncc bundled it.`;
addOutput('npm-licenses.txt', { text: renderLicenses(npmPackages(packages), process.cwd(), npmHeader), executable: false, source: 'scripts/licenses.mjs' });

// Files are renamed into dist/ one by one (never a deleted dist/), chunks before the entry files that
// load them, so a test or demo that runs a bundle while another shell rebuilds it never misses a file.
const entryNames = new Set(ENTRIES.map((e) => e.output));
const order = [...outputs.keys()].sort((a, b) => Number(entryNames.has(a)) - Number(entryNames.has(b)));
for (const name of order) {
  const { text, executable } = /** @type {{ text: string, executable: boolean }} */ (outputs.get(name));
  const path = join(DIST, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, text);
  chmodSync(`${path}.tmp`, executable ? 0o755 : 0o644);
  renameSync(`${path}.tmp`, path);
}
for (const stale of listFiles(DIST).filter((f) => !outputs.has(f))) rmSync(join(DIST, stale));

/**
 * Records one dist/ file; two entries may emit the same chunk, but never two different files of one name.
 * @param {string} name
 * @param {{ text: string, executable: boolean, source: string }} output
 */
function addOutput(name, output) {
  const earlier = outputs.get(name);
  if (earlier && earlier.text !== output.text) {
    throw new Error(`dist/${name}: ${earlier.source} and ${output.source} emit different files of this name`);
  }
  outputs.set(name, earlier ?? output);
}

/**
 * Every file under dir, as paths relative to it.
 * @param {string} dir
 * @returns {string[]}
 */
function listFiles(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()).sort();
}

