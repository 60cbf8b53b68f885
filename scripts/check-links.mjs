// @ts-check
// `npm run check-links`: every relative link in the repository's Markdown points at a file that exists,
// and every #anchor at a heading of its target (GitHub's heading ids). Links to other sites are not
// followed (CI reaches no network). Code blocks and `code` are skipped: they show links, they are not
// links. __tests__/docs/links.test.ts runs it on the repository.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const INLINE_LINK = /!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const REFERENCE = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm;
const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Markdown without fenced code blocks and inline code, line count kept (so reported lines stay right).
 * @param {string} markdown
 */
function withoutCode(markdown) {
  return withoutFences(markdown).replace(/(`+)(?:(?!\1)[\s\S])+?\1/g, (code) => code.replace(/[^\n]/g, ' '));
}

/** Markdown without fenced code blocks (a `# comment` in one is no heading). @param {string} markdown */
function withoutFences(markdown) {
  return markdown.replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?^ {0,3}\2[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ''));
}

/**
 * The anchors GitHub gives the headings of a Markdown text: lower case, punctuation dropped, spaces as
 * hyphens, a repeated one suffixed -1, -2, ...
 * @param {string} markdown
 * @returns {Set<string>}
 */
export function headingAnchors(markdown) {
  /** @type {Map<string, number>} */
  const seen = new Map();
  const anchors = new Set();
  for (const [, text] of withoutFences(markdown).matchAll(/^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/gm)) {
    const plain = (text ?? '')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link: its text
      .replace(/<[^>]+>/g, '');
    const base = plain.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/**
 * The broken relative links of the given Markdown files, as "file:line: what".
 * @param {string} root  the repository root
 * @param {string[]} files  Markdown files, relative to root
 * @returns {string[]}
 */
export function brokenLinks(root, files) {
  /** @type {Map<string, Set<string>>} */
  const anchorsOf = new Map();
  const anchors = (/** @type {string} */ path) => {
    if (!anchorsOf.has(path)) anchorsOf.set(path, headingAnchors(readFileSync(path, 'utf8')));
    return /** @type {Set<string>} */ (anchorsOf.get(path));
  };
  const problems = [];
  for (const file of files) {
    const path = resolve(root, file);
    const text = withoutCode(readFileSync(path, 'utf8'));
    const targets = [...text.matchAll(INLINE_LINK), ...text.matchAll(REFERENCE)];
    for (const match of targets) {
      const target = match[1] ?? '';
      if (EXTERNAL.test(target)) continue;
      const line = text.slice(0, match.index).split('\n').length;
      const [pathPart = '', anchor] = target.split('#', 2);
      const targetPath = pathPart === '' ? path : resolve(dirname(path), decodeURIComponent(pathPart));
      const where = `${file}:${line}`;
      if (!existsSync(targetPath)) {
        problems.push(`${where}: ${target}: no such file`);
      } else if (anchor !== undefined && anchor !== '') {
        if (statSync(targetPath).isFile() && /\.md$/i.test(targetPath) && !anchors(targetPath).has(decodeURIComponent(anchor).toLowerCase())) {
          problems.push(`${where}: ${target}: no heading #${anchor} in ${relative(root, targetPath)}`);
        }
      }
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.md'], { cwd: root, encoding: 'utf8' })
    .split('\n').filter((file) => file !== '' && existsSync(join(root, file)));
  const problems = brokenLinks(root, files);
  for (const problem of problems) console.error(problem);
  console.log(`${files.length} Markdown files, ${problems.length} broken link${problems.length === 1 ? '' : 's'}.`);
  process.exit(problems.length === 0 ? 0 : 1);
}
