// @ts-check
// `npm run release -- X.Y.Z`: makes release vX.Y.Z as a local commit and tags, and prints the push
// commands; it pushes nothing. Refuses a dirty work tree, a dist/ that differs from a fresh build,
// and a version not above the current one (the current one is allowed while it has no tag, so that
// the version package.json starts with can be the first release). Then it sets the version in
// package.json, package-lock.json and src/version.ts, moves CHANGELOG.md's pending section under the
// version and today's date (UTC), rebuilds dist/ (the bundles carry the version), commits
// `Release vX.Y.Z`, tags vX.Y.Z and moves the major tag vX to that commit.
//
// UDTS_WAIT_RELEASE_BUILD replaces the build command (default `npm run -s bundle`), so that a test can
// run the whole release in a scratch repository in seconds.
import { execFileSync, execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pendingSection, releaseChangelog } from './changelog.mjs';

process.chdir(join(dirname(fileURLToPath(import.meta.url)), '..'));
const BUILD = process.env.UDTS_WAIT_RELEASE_BUILD || 'npm run -s bundle';
const VERSION_TS = 'src/version.ts';

/** @param {string[]} args */
const git = (...args) => execFileSync('git', args, { encoding: 'utf8' }).trimEnd();
/** @param {string} tag */
const tagExists = (tag) => git('tag', '--list', tag) !== '';
/**
 * @param {string} message
 * @returns {never}
 */
function refuse(message) {
  console.error(`release: ${message}`);
  process.exit(1);
}

const version = process.argv[2] ?? '';
if (!/^\d+\.\d+\.\d+$/.test(version)) refuse(`give the version as X.Y.Z (npm run release -- 1.2.3), not '${version}'`);
const tag = `v${version}`;
const majorTag = `v${version.split('.')[0]}`;

if (git('status', '--porcelain') !== '') refuse('the work tree has uncommitted changes; commit or stash them first');
const branch = git('branch', '--show-current');
if (branch === '') refuse('HEAD is detached; check out the branch to release from');

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const current = String(manifest.version);
const order = compareVersions(version, current);
if (order < 0) refuse(`${version} is below the current version ${current}`);
if (order === 0 && tagExists(tag)) refuse(`${version} is already released (tag ${tag}); give a higher version`);
if (tagExists(tag)) refuse(`tag ${tag} already exists`);

const changelog = readFileSync('CHANGELOG.md', 'utf8');
const pending = pendingSection(changelog);
if (!pending) refuse('CHANGELOG.md has no pending section at the top (## [Unreleased])');
if (pending.empty) refuse('the pending section of CHANGELOG.md is empty: say what this release changes');
if (pending.version !== undefined && pending.version !== version) refuse(`CHANGELOG.md's pending section is for ${pending.version}, not ${version}`);

console.log(`release: checking that dist/ is what the sources build (${BUILD})`);
execSync(BUILD, { stdio: 'inherit' });
if (git('status', '--porcelain', '--', 'dist') !== '') {
  refuse(`dist/ differs from a fresh build of the committed sources:\n${git('status', '--porcelain', '--', 'dist')}\nThe rebuilt dist/ is left in the work tree: review it, commit it, then run the release again.`);
}

try {
  writeJson('package.json', { ...manifest, version });
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
  writeJson('package-lock.json', { ...lock, version, packages: { ...lock.packages, '': { ...lock.packages[''], version } } });
  const versionTs = readFileSync(VERSION_TS, 'utf8');
  const withVersion = versionTs.replace(/^export const VERSION = '[^']*';$/m, `export const VERSION = '${version}';`);
  if (!withVersion.includes(`'${version}'`)) throw new Error(`${VERSION_TS} has no line \`export const VERSION = '...';\``);
  writeFileSync(VERSION_TS, withVersion);
  const date = new Date().toISOString().slice(0, 10);
  writeFileSync('CHANGELOG.md', releaseChangelog(changelog, version, date, repositoryUrl(manifest)));
  console.log(`release: rebuilding dist/ for ${version}`);
  execSync(BUILD, { stdio: 'inherit' });
  git('add', '--all', '--', 'package.json', 'package-lock.json', VERSION_TS, 'CHANGELOG.md', 'dist');
  git('commit', '--quiet', '--message', `Release ${tag}`);
} catch (error) {
  // The tree was clean when we started: put it back as it was, so a retry starts from the same place.
  git('checkout', '--', '.');
  git('clean', '-fdq', '--', 'dist');
  throw error;
}
git('tag', '--annotate', tag, '--message', `Release ${tag}`);
git('tag', '--force', '--annotate', majorTag, '--message', `${majorTag}: the newest ${majorTag}.x.y release, now ${tag}`);

console.log(`
release: ${tag} is committed and tagged on ${branch}; ${majorTag} now points at it too. Nothing is pushed yet.
Push the commit and the version tag (the tag starts the workflow that creates the GitHub release and,
when the repository variable NPM_PUBLISH is 'true', publishes the CLI to npm with provenance):

  git push origin ${branch} ${tag}

then move the major tag on GitHub (it already exists there after the first release, so it needs --force):

  git push --force origin ${majorTag}

The package's very first publish is made by hand (see CONTRIBUTING.md, "Releasing").
`);

/**
 * Writes JSON as npm does (two-space indent, a final newline), so only the changed line differs.
 * @param {string} path
 * @param {unknown} value
 */
function writeJson(path, value) {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Numeric order of two X.Y.Z versions: negative, zero or positive.
 * @param {string} a
 * @param {string} b
 */
function compareVersions(a, b) {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i += 1) {
    const diff = (x?.[i] ?? 0) - (y?.[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** @param {{ repository?: { url?: string } | string }} pkg  https://github.com/OWNER/REPO */
function repositoryUrl(pkg) {
  const url = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository?.url ?? '');
  return url.replace(/^git\+/, '').replace(/\.git$/, '');
}
