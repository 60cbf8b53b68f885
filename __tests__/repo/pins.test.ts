/** Third-party actions in our workflows are pinned by commit SHA with the release in a comment: a moved tag cannot change what runs. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = '.github/workflows';
const uses = readdirSync(DIR)
  .filter((file) => /\.ya?ml$/.test(file))
  .flatMap((file) => [...readFileSync(join(DIR, file), 'utf8').matchAll(/^\s*(?:-\s+)?uses:\s*(.*)$/gm)].map((m) => ({ file, line: m[1]?.trim() ?? '' })))
  .filter(({ line }) => !line.startsWith('./'));

describe('third-party actions in .github/workflows', () => {
  it('are there to check', () => {
    expect(uses.length).toBeGreaterThan(0);
  });

  it.each(uses)('$file: $line', ({ line }) => {
    expect(line).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });
});
