// Builds the committed bundles with ncc: dist/index.js (the action), dist/cli.js (the CLI),
// dist/emulator.js (the API emulator), and dist/licenses.txt for what they carry.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ENTRIES = [
  { source: 'src/index.ts', output: 'index.js' },
  { source: 'src/cli.ts', output: 'cli.js', executable: true },
  { source: 'src/emulator/main.ts', output: 'emulator.js' },
];

// Files are renamed into dist/ one by one (never a deleted dist/), so a test or demo that runs the
// bundle while another shell rebuilds it never finds it missing.
mkdirSync('dist', { recursive: true });
/** Bundle names by the text of the third-party licenses they carry (ncc writes one per bundle). */
const licenses = new Map();
for (const entry of ENTRIES) {
  const out = mkdtempSync(join(tmpdir(), 'udts-wait-ncc-'));
  execFileSync('npx', ['ncc', 'build', entry.source, '-o', out, '--minify', '--license', 'licenses.txt', '--quiet'], {
    stdio: 'inherit',
  });
  // Rename within dist/ (same file system) so the swap is atomic.
  renameSync(join(out, 'index.js'), join('dist', `${entry.output}.tmp`));
  if (entry.executable) chmodSync(join('dist', `${entry.output}.tmp`), 0o755);
  renameSync(join('dist', `${entry.output}.tmp`), join('dist', entry.output));
  const licenseFile = join(out, 'licenses.txt');
  if (existsSync(licenseFile)) {
    const text = readFileSync(licenseFile, 'utf8').trim();
    licenses.set(text, [...(licenses.get(text) ?? []), entry.output]);
  }
  rmSync(out, { recursive: true, force: true });
}
const sections = [...licenses].map(([text, bundles]) => `Third-party code in dist/${bundles.join(', dist/')}:\n\n${text}`);
writeAtomically('dist/licenses.txt', `${sections.join('\n\n')}\n`);
writeAtomically('dist/package.json', '{ "type": "module" }\n');

/**
 * @param {string} path
 * @param {string} text
 */
function writeAtomically(path, text) {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}
