// @ts-check
// `npm test` on a fresh clone, or after a pull that added a package: install the locked dependencies
// first (npm ci), so the README's two commands are all a newcomer needs. Does nothing once every
// package that package.json names is installed.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
const missing = names.filter((name) => !existsSync(join('node_modules', name, 'package.json')));
if (!existsSync('node_modules/.package-lock.json') || missing.length > 0) {
  console.error(`udts-wait: installing the locked dependencies first (npm ci)${missing.length > 0 ? `: ${missing.slice(0, 3).join(', ')} missing` : ''}...`);
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
}
