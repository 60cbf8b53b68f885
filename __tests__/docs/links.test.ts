/** Every relative link and #anchor in the Markdown resolves; the checker finds a missing file or heading, anchors read as GitHub makes them. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokenLinks } from '../../scripts/check-links.mjs';

describe('Markdown links', () => {
  it('every relative link and anchor in the repository resolves', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.md'], { encoding: 'utf8' })
      .split('\n').filter(Boolean);
    expect(files).toContain('README.md');
    expect(brokenLinks(process.cwd(), files)).toEqual([]);
  });

  it('finds a missing file and a missing heading; skips code, other sites and good links', () => {
    const root = mkdtempSync(join(tmpdir(), 'udts-wait-links-'));
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs', 'b.md'), '# B\n\n## The `check` run (optional)\n\n## B\n');
    writeFileSync(join(root, 'a.md'), [
      '# A', '',
      '[ok](docs/b.md#the-check-run-optional) [self](#a) [web](https://example.com/x.md)',
      '[gone](docs/c.md) `[code](nowhere.md)`',
      '```md', '[fenced](nowhere.md)', '```',
      '[bad anchor](docs/b.md#nope)', '',
      '[ref]: ./docs/b.md#b-1',
    ].join('\n'));
    expect(brokenLinks(root, ['a.md'])).toEqual([
      'a.md:4: docs/c.md: no such file',
      'a.md:8: docs/b.md#nope: no heading #nope in docs/b.md',
    ]);
  });
});
