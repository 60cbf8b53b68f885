// @ts-check
// dist/licenses.txt from what ncc actually bundled. ncc's own --license output cannot serve: it names
// a package by the nearest package.json, so our stub (stubs/undici) appears as third-party `undici`,
// and with a dynamic import() it lists only the last chunk's packages. Here the source is ncc's
// module list (--stats-out): every module under node_modules belongs to the package of the last
// node_modules/<name> in its path; modules elsewhere (src/, stubs/) are our own code.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * @typedef {object} WebpackStats  the part of ncc's --stats-out JSON read here
 * @property {Array<{ id: string | number, files: string[] }>} chunks
 * @property {Array<StatsModule>} modules
 * @typedef {{ name?: string, chunks?: Array<string | number>, modules?: StatsModule[] }} StatsModule
 */

const PACKAGE_DIR = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//;
const LICENSE_FILE = /^(licen[cs]e|copying)(\.(md|txt|markdown))?$/i;

/**
 * Third-party package directories (relative to the project root) by the output file that carries
 * them, the file named as ncc wrote it (index.js for the entry, e.g. 730.index.js for a chunk).
 * @param {WebpackStats} stats
 * @param {string} root  the directory ncc ran in, which module names are relative to
 * @returns {Map<string, Set<string>>}
 */
export function packagesByFile(stats, root) {
  const filesByChunk = new Map(stats.chunks.map((chunk) => [String(chunk.id), chunk.files]));
  /** @type {Map<string, Set<string>>} */
  const result = new Map();
  /** @param {StatsModule[]} modules @param {Array<string | number>} chunks */
  const visit = (modules, chunks) => {
    for (const module of modules) {
      // A concatenated module lists its parts in `modules`; the parts carry no chunk ids of their own.
      const moduleChunks = module.chunks && module.chunks.length > 0 ? module.chunks : chunks;
      if (module.modules) visit(module.modules, moduleChunks);
      const dir = PACKAGE_DIR.exec(relative(root, resolve(root, module.name ?? '')))?.[1];
      if (!dir) continue;
      for (const file of moduleChunks.flatMap((id) => filesByChunk.get(String(id)) ?? [])) {
        result.set(file, (result.get(file) ?? new Set()).add(dir));
      }
    }
  };
  visit(stats.modules, []);
  return result;
}

/**
 * The text of dist/licenses.txt: each package once (sorted by name), the dist/ files that carry it,
 * its license, and its license file.
 * @param {Map<string, Set<string>>} packageDirsByDistFile  dist file name -> package directories
 * @param {string} root  the project root the directories are relative to
 * @param {string} [header]  the first paragraph: what the list covers
 */
export function renderLicenses(packageDirsByDistFile, root, header = 'Third-party code in the bundles of dist/, as ncc bundled it (scripts/licenses.mjs).') {
  /** @type {Map<string, { name: string, version: string, title: string, files: Set<string>, text: string }>} */
  const packages = new Map();
  for (const [file, dirs] of packageDirsByDistFile) {
    for (const dir of dirs) {
      const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      const key = `${manifest.name}@${manifest.version}`;
      if (!packages.has(key)) {
        const title = `${manifest.name} ${manifest.version} (${licenseId(manifest)})`;
        packages.set(key, { name: manifest.name, version: manifest.version, title, files: new Set(), text: licenseText(join(root, dir)) });
      }
      packages.get(key)?.files.add(`dist/${file}`);
    }
  }
  const blocks = [...packages.values()]
    .sort((a, b) => compare(a.name, b.name) || compare(a.version, b.version))
    .map((p) => `${p.title}, in ${[...p.files].sort().join(', ')}\n\n${p.text}`);
  return `${[header, ...blocks].join(`\n\n${'-'.repeat(72)}\n\n`)}\n`;
}

/** Plain code-unit order, the same on every machine (no locale). @param {string} a @param {string} b */
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** @param {{ license?: unknown, licenses?: Array<{ type?: string }> }} manifest */
function licenseId(manifest) {
  if (typeof manifest.license === 'string') return manifest.license;
  return manifest.licenses?.map((l) => l.type).join(' OR ') || 'no license field';
}

/** @param {string} dir */
function licenseText(dir) {
  const file = readdirSync(dir).filter((name) => LICENSE_FILE.test(name)).sort()[0];
  if (!file) return '(the package ships no license file)';
  return readFileSync(join(dir, file), 'utf8').replace(/\r\n/g, '\n').trim();
}

/** The dist/ files the npm package carries (package.json "files"): the CLI and the emulator. */
export const NPM_BUNDLES = ['cli.js', 'emulator.js'];

/**
 * The same map cut to the files the npm package carries, for its own licence file: the action's
 * bundles and chunks (Octokit, undici) are not in the tarball, so they are not listed there.
 * @param {Map<string, Set<string>>} packageDirsByDistFile
 * @returns {Map<string, Set<string>>}
 */
export function npmPackages(packageDirsByDistFile) {
  return new Map([...packageDirsByDistFile].filter(([file]) => NPM_BUNDLES.includes(file)));
}
