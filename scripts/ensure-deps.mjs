// @ts-check
// `npm test` on a fresh clone: install the locked dependencies first (npm ci), so the README's two
// commands are all a newcomer needs. Does nothing once node_modules matches what was installed.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('node_modules/.package-lock.json') || !existsSync('node_modules/vitest')) {
  console.error('udts-wait: installing the locked dependencies first (npm ci)...');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
}
