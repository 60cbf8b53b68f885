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

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist');
/** Bundle names by the text of the third-party licenses they carry (ncc writes one per bundle). */
const licenses = new Map();
for (const entry of ENTRIES) {
  const out = mkdtempSync(join(tmpdir(), 'udts-wait-ncc-'));
  execFileSync('npx', ['ncc', 'build', entry.source, '-o', out, '--minify', '--license', 'licenses.txt', '--quiet'], {
    stdio: 'inherit',
  });
  renameSync(join(out, 'index.js'), join('dist', entry.output));
  const licenseFile = join(out, 'licenses.txt');
  if (existsSync(licenseFile)) {
    const text = readFileSync(licenseFile, 'utf8').trim();
    licenses.set(text, [...(licenses.get(text) ?? []), entry.output]);
  }
  if (entry.executable) chmodSync(join('dist', entry.output), 0o755);
  rmSync(out, { recursive: true, force: true });
}
const sections = [...licenses].map(([text, bundles]) => `Third-party code in dist/${bundles.join(', dist/')}:\n\n${text}`);
writeFileSync('dist/licenses.txt', `${sections.join('\n\n')}\n`);
writeFileSync('dist/package.json', '{ "type": "module" }\n');
