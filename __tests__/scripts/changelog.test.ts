/** CHANGELOG.md's pending section (what scripts/release.mjs moves) and a release's notes (what the release workflow publishes). */
import { describe, expect, it } from 'vitest';
import { pendingSection, releaseChangelog, releaseNotes } from '../../scripts/changelog.mjs';

const RELEASED = `# Changelog

Intro.

## [Unreleased]

## [1.1.0] - 2026-03-01

### Fixed

- B.

## [1.0.0] - 2026-01-01

- A.

[Unreleased]: https://github.com/o/r/compare/v1.1.0...HEAD
[1.1.0]: https://github.com/o/r/releases/tag/v1.1.0
[1.0.0]: https://github.com/o/r/releases/tag/v1.0.0
`;

it.each([
  ['a named version before the first release', '## [1.0.0] - unreleased\n\n- A.\n', { version: '1.0.0', empty: false }],
  ['Unreleased with entries', '## [Unreleased]\n\n- A.\n\n## [1.0.0] - 2026-01-01\n', { version: undefined, empty: false }],
  ['Unreleased with nothing yet', RELEASED, { version: undefined, empty: true }],
  ['a released section on top', '## [1.0.0] - 2026-01-01\n\n- A.\n', undefined],
  ['no section at all', '# Changelog\n', undefined],
])('pendingSection: %s', (_what, text, expected) => {
  expect(pendingSection(`# Changelog\n\n${text}`)).toEqual(expected);
});

describe('releaseNotes', () => {
  it.each([
    ['1.1.0', '### Fixed\n\n- B.'],
    ['1.0.0', '- A.'],
  ])('gives the body of %s, without its heading or the link references', (version, notes) => {
    expect(releaseNotes(RELEASED, version)).toBe(notes);
  });

  it.each([['2.0.0'], ['Unreleased']])('refuses %s, which has no released section', (version) => {
    expect(() => releaseNotes(RELEASED, version)).toThrow(`no released section for ${version}`);
  });
});

it('releaseChangelog adds the link references when the file has none', () => {
  const text = releaseChangelog('# Changelog\n\n## [Unreleased]\n\n- A.\n', '1.0.0', '2026-02-03', 'https://github.com/o/r');
  expect(text).toBe(
    '# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-02-03\n\n- A.\n\n'
      + '[Unreleased]: https://github.com/o/r/compare/v1.0.0...HEAD\n[1.0.0]: https://github.com/o/r/releases/tag/v1.0.0\n',
  );
});
