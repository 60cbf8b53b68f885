// @ts-check
// CHANGELOG.md's shape (Keep a Changelog): one pending section at the top, `## [Unreleased]` (or,
// before the first release, `## [X.Y.Z] - unreleased`), then `## [X.Y.Z] - YYYY-MM-DD` per release,
// and link references at the end. scripts/release.mjs moves the pending section under a version;
// `node scripts/changelog.mjs notes X.Y.Z` prints a release's section (the release workflow's notes).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const SECTION_HEADING = /^## \[([^\]]+)\](.*)$/gm;
const LINK_REFERENCE = /^\[[^\]]+\]: /m;

/**
 * The pending section: its version when the heading names one (`## [1.0.0] - unreleased`), and
 * whether it says anything yet.
 * @param {string} text  CHANGELOG.md
 * @returns {{ version: string | undefined, empty: boolean } | undefined} undefined when there is none
 */
export function pendingSection(text) {
  const first = sections(text)[0];
  if (!first) return undefined;
  if (first.label === 'Unreleased' && first.rest === '') return { version: undefined, empty: first.body === '' };
  if (/^ - unreleased$/i.test(first.rest)) return { version: first.label, empty: first.body === '' };
  return undefined;
}

/**
 * The text after releasing `version` on `date`: the pending section's heading becomes
 * `## [version] - date` under a fresh, empty `## [Unreleased]`, and the link references point at the
 * new tag (`[version]`) and at what has changed since (`[Unreleased]`).
 * @param {string} text
 * @param {string} version  X.Y.Z
 * @param {string} date  YYYY-MM-DD
 * @param {string} repoUrl  https://github.com/OWNER/REPO
 */
export function releaseChangelog(text, version, date, repoUrl) {
  const pending = sections(text)[0];
  if (!pending || !pendingSection(text)) throw new Error('CHANGELOG.md has no pending section at the top');
  const released = `${text.slice(0, pending.start)}## [Unreleased]\n\n## [${version}] - ${date}${text.slice(pending.headingEnd)}`;
  const links = [`[Unreleased]: ${repoUrl}/compare/v${version}...HEAD`, `[${version}]: ${repoUrl}/releases/tag/v${version}`];
  const kept = released.split('\n').filter((line) => !line.startsWith('[Unreleased]: ') && !line.startsWith(`[${version}]: `));
  const firstLink = kept.findIndex((line) => LINK_REFERENCE.test(line));
  if (firstLink === -1) return `${kept.join('\n').trimEnd()}\n\n${links.join('\n')}\n`;
  kept.splice(firstLink, 0, ...links);
  return `${kept.join('\n').trimEnd()}\n`;
}

/**
 * The body of a released version's section (what the GitHub release says).
 * @param {string} text
 * @param {string} version
 */
export function releaseNotes(text, version) {
  const section = sections(text).find((s) => s.label === version && / - \d{4}-\d{2}-\d{2}$/.test(s.rest));
  if (!section) throw new Error(`CHANGELOG.md has no released section for ${version} (## [${version}] - YYYY-MM-DD)`);
  return section.body;
}

/**
 * Level-2 sections: label in brackets, the rest of the heading line, and the body up to the next
 * section or the link references.
 * @param {string} text
 */
function sections(text) {
  const headings = [...text.matchAll(SECTION_HEADING)];
  return headings.map((match, i) => {
    const start = match.index ?? 0;
    const headingEnd = start + match[0].length;
    const next = headings[i + 1]?.index ?? text.length;
    const raw = text.slice(headingEnd, next);
    const linkAt = raw.search(LINK_REFERENCE);
    const body = (linkAt === -1 ? raw : raw.slice(0, linkAt)).trim();
    return { label: match[1] ?? '', rest: (match[2] ?? '').trimEnd(), start, headingEnd, body };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [command, version] = process.argv.slice(2);
  if (command !== 'notes' || !version) {
    console.error('usage: node scripts/changelog.mjs notes X.Y.Z   (prints that release section of CHANGELOG.md)');
    process.exit(2);
  }
  try {
    console.log(releaseNotes(readFileSync('CHANGELOG.md', 'utf8'), version.replace(/^v/, '')));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
