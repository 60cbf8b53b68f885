/**
 * scripts/release.mjs, run for real in a scratch git repository, with a stand-in build (UDTS_WAIT_RELEASE_BUILD) that writes the
 * version into dist/ as the bundles do.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const IDENTITY = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };
const CHANGELOG = `# Changelog

## [1.0.0] - unreleased

### Added

- Everything.

[1.0.0]: https://github.com/o/r/releases/tag/v1.0.0
`;
const RELEASED_CHANGELOG = `# Changelog

## [Unreleased]

### Fixed

- A fix.

## [1.0.0] - 2026-01-01

- First.

[Unreleased]: https://github.com/o/r/compare/v1.0.0...HEAD
[1.0.0]: https://github.com/o/r/releases/tag/v1.0.0
`;
/** The stand-in build: dist/index.js carries src/version.ts, as the real bundles carry VERSION. */
const FAKE_BUILD = `import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
mkdirSync('dist', { recursive: true });
writeFileSync('dist/index.js', '// bundled\\n' + readFileSync('src/version.ts', 'utf8'));
`;

const scratchDirs: string[] = [];
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

function scratchRepo(version = '1.0.0', changelog = CHANGELOG): string {
  const dir = mkdtempSync(join(tmpdir(), 'udts-wait-release-'));
  scratchDirs.push(dir);
  mkdirSync(join(dir, 'scripts'));
  mkdirSync(join(dir, 'src'));
  for (const script of ['release.mjs', 'changelog.mjs']) copyFileSync(resolve('scripts', script), join(dir, 'scripts', script));
  const json = (value: object) => `${JSON.stringify(value, null, 2)}\n`;
  const files = {
    'fake-build.mjs': FAKE_BUILD,
    'package.json': json({ name: 'udts-wait', version, repository: { type: 'git', url: 'git+https://github.com/o/r.git' } }),
    'package-lock.json': json({ name: 'udts-wait', version, lockfileVersion: 3, requires: true, packages: { '': { name: 'udts-wait', version } } }),
    'src/version.ts': `/** The release. */\nexport const VERSION = '${version}';\n`,
    'CHANGELOG.md': changelog,
  };
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  git(dir, 'init', '--quiet', '--initial-branch=main');
  run(dir, 'node', 'fake-build.mjs');
  commitAll(dir, 'Start');
  return dir;
}

function run(cwd: string, command: string, ...args: string[]): { code: number | null; out: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...IDENTITY, UDTS_WAIT_RELEASE_BUILD: 'node fake-build.mjs' } });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}
const git = (cwd: string, ...args: string[]): string => run(cwd, 'git', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args).out.trim();
const release = (cwd: string, version: string) => run(cwd, 'node', 'scripts/release.mjs', version);
const read = (cwd: string, file: string): string => readFileSync(join(cwd, file), 'utf8');
function commitAll(cwd: string, message: string): void {
  git(cwd, 'add', '--all');
  git(cwd, 'commit', '--quiet', '--message', message);
}

describe('npm run release -- X.Y.Z', () => {
  it('makes the first release from the version package.json starts with', () => {
    const repo = scratchRepo();
    const { code, out } = release(repo, '1.0.0');
    expect(code, out).toBe(0);
    expect(git(repo, 'log', '--format=%s%d', '-2')).toBe('Release v1.0.0 (HEAD -> main, tag: v1.0.0, tag: v1)\nStart');
    expect(git(repo, 'status', '--porcelain')).toBe('');
    expect(git(repo, 'cat-file', '-t', 'v1.0.0')).toBe('tag');
    expect(read(repo, 'dist/index.js')).toContain("VERSION = '1.0.0'");
    expect(read(repo, 'CHANGELOG.md')).toMatch(/^## \[Unreleased\]\n\n## \[1\.0\.0\] - \d{4}-\d{2}-\d{2}\n\n### Added\n\n- Everything\.\n/m);
    expect(out).toContain('git push origin main v1.0.0');
    expect(out).toContain('git push --force origin v1\n');
  });

  it('sets the version everywhere it is kept, rebuilds dist/ and moves the major tag', () => {
    const repo = scratchRepo('1.0.0', RELEASED_CHANGELOG);
    git(repo, 'tag', '--annotate', 'v1.0.0', '--message', 'v1.0.0');
    git(repo, 'tag', '--annotate', 'v1', '--message', 'v1');
    const { code, out } = release(repo, '1.0.1');
    expect(code, out).toBe(0);
    expect(git(repo, 'log', '--format=%s%d', '-2')).toBe('Release v1.0.1 (HEAD -> main, tag: v1.0.1, tag: v1)\nStart (tag: v1.0.0)');
    expect(JSON.parse(read(repo, 'package.json')).version).toBe('1.0.1');
    expect(JSON.parse(read(repo, 'package-lock.json'))).toMatchObject({ version: '1.0.1', packages: { '': { version: '1.0.1' } } });
    expect(git(repo, 'show', '--format=', '--stat', 'HEAD')).toMatch(/CHANGELOG\.md.*\n.*dist\/index\.js.*\n.*package-lock\.json.*\n.*package\.json.*\n.*src\/version\.ts/);
    expect(read(repo, 'src/version.ts')).toContain("export const VERSION = '1.0.1';");
    expect(read(repo, 'dist/index.js')).toContain("VERSION = '1.0.1'");
    const changelog = read(repo, 'CHANGELOG.md');
    expect(changelog).toMatch(/^## \[Unreleased\]\n\n## \[1\.0\.1\] - \d{4}-\d{2}-\d{2}\n\n### Fixed\n\n- A fix\.\n\n## \[1\.0\.0\] - 2026-01-01\n/m);
    expect(changelog).toMatch(/\n\[Unreleased\]: https:\/\/github\.com\/o\/r\/compare\/v1\.0\.1\.\.\.HEAD\n\[1\.0\.1\]: https:\/\/github\.com\/o\/r\/releases\/tag\/v1\.0\.1\n\[1\.0\.0\]: .*\n$/);
  });

  it.each<[string, string, RegExp, ((repo: string) => void)?, string?]>([
    ['a version that is not X.Y.Z', '1.0', /give the version as X\.Y\.Z/],
    ['a version with a v', 'v1.0.0', /give the version as X\.Y\.Z/],
    ['a version below the current one', '0.9.9', /0\.9\.9 is below the current version 1\.0\.0/],
    ['a pending section for another version', '1.1.0', /pending section is for 1\.0\.0, not 1\.1\.0/],
    ['the current version once it is tagged', '1.0.0', /1\.0\.0 is already released \(tag v1\.0\.0\)/, (repo) => git(repo, 'tag', 'v1.0.0')],
    ['a dirty work tree, an untracked file too', '1.0.0', /uncommitted changes/, (repo) => writeFileSync(join(repo, 'notes.txt'), 'draft')],
    ['an empty pending section', '1.0.1', /pending section of CHANGELOG\.md is empty/, (repo) => git(repo, 'tag', 'v1.0.0'),
      '# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-01-01\n\n- First.\n'],
  ])('refuses %s, and leaves the repository as it was', (_what, version, message, prepare, changelog) => {
    const repo = scratchRepo('1.0.0', changelog);
    prepare?.(repo);
    const before = git(repo, 'status', '--porcelain');
    const { code, out } = release(repo, version);
    expect([code, out]).toEqual([1, expect.stringMatching(message)]);
    expect(git(repo, 'log', '--oneline')).not.toContain('Release');
    expect(git(repo, 'status', '--porcelain')).toBe(before);
  });

  it('refuses a dist/ that differs from a fresh build, and leaves the rebuilt one to commit', () => {
    const repo = scratchRepo();
    writeFileSync(join(repo, 'src/version.ts'), `${read(repo, 'src/version.ts')}// changed without a rebuild\n`);
    commitAll(repo, 'Change the source only');
    const { code, out } = release(repo, '1.0.0');
    expect([code, out]).toEqual([1, expect.stringContaining('dist/ differs from a fresh build')]);
    expect(git(repo, 'status', '--porcelain')).toBe('M dist/index.js');
    expect(git(repo, 'tag', '--list')).toBe('');
  });
});
