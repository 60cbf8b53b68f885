/** The npm package: the CLI and emulator bundles, their licence file, README and LICENSE, small, asking nothing to be installed. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('npm pack', () => {
  type Pack = { size: number; files: Array<{ path: string }> };
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' })) as Pack[];
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, unknown>;

  it('holds the two bundles, their licences, README and LICENSE, nothing else', () => {
    expect(pack?.files.map((file) => file.path).sort()).toEqual(
      ['LICENSE', 'README.md', 'dist/cli.js', 'dist/emulator.js', 'dist/npm-licenses.txt', 'dist/package.json', 'package.json'],
    );
  });

  it('its licence file lists exactly the packages in the two bundles it carries', () => {
    const listed = [...readFileSync('dist/npm-licenses.txt', 'utf8').matchAll(/^(\S+) \S+ \(.*\), in (.*)$/gm)].map((m) => `${m[1]}: ${m[2]}`);
    const all = [...readFileSync('dist/licenses.txt', 'utf8').matchAll(/^(\S+) \S+ \(.*\), in (.*)$/gm)]
      .map((m) => [m[1], (m[2] ?? '').split(', ').filter((file) => file === 'dist/cli.js' || file === 'dist/emulator.js')] as const)
      .filter(([, files]) => files.length > 0).map(([name, files]) => `${name}: ${files.join(', ')}`);
    expect(listed).toEqual(all);
    expect(listed.join('\n')).not.toMatch(/octokit|undici/);
  });

  // The readable bundles packed to 96 kB with the README of the time. 150 kB leaves room for their growth and fails on one of
  // the action's chunks slipping in (the check-run chunk alone gzips to about 490 kB).
  it('is small: under 150 kB packed', () => {
    expect(pack?.size).toBeLessThan(150_000);
  });

  it('installs nothing and can be published: no runtime or optional dependencies, not private, two bins', () => {
    expect([manifest.dependencies, manifest.optionalDependencies, manifest.private]).toEqual([undefined, undefined, undefined]);
    expect(manifest.bin).toEqual({ 'udts-wait': 'dist/cli.js', 'udts-wait-emulator': 'dist/emulator.js' });
  });
});
