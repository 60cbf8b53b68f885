/**
 * Issue 13: the npm package is the CLI and the emulator, bundled: a small tarball of the bundles,
 * README and LICENSE (no sources, no tests), whose manifest asks nothing to be installed.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('npm pack', () => {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' })) as Array<{
    size: number;
    files: Array<{ path: string }>;
  }>;
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, unknown>;

  it('holds the two bundles, their licences, README and LICENSE, nothing else', () => {
    expect(pack?.files.map((file) => file.path).sort()).toEqual(
      ['LICENSE', 'README.md', 'dist/cli.js', 'dist/emulator.js', 'dist/licenses.txt', 'dist/package.json', 'package.json'],
    );
  });

  it('is small: under 100 kB packed', () => {
    expect(pack?.size).toBeLessThan(100_000);
  });

  it('installs nothing and can be published: no runtime or optional dependencies, not private, two bins', () => {
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.optionalDependencies).toBeUndefined();
    expect(manifest.private).toBeUndefined();
    expect(manifest.bin).toEqual({ 'udts-wait': 'dist/cli.js', 'udts-wait-emulator': 'dist/emulator.js' });
  });
});
