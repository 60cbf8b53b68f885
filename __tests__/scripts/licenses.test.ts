/** dist/licenses.txt lists the third-party packages ncc bundled, by the dist/ file that carries them, and nothing of ours. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagesByFile, renderLicenses } from '../../scripts/licenses.mjs';

const ROOT = '/repo';
const chunks = [{ id: 792, files: ['index.js'] }, { id: 730, files: ['730.index.js'] }];

describe('packagesByFile', () => {
  it.each<[string, string, string[]]>([
    ['a package module', './node_modules/tunnel/lib/tunnel.js', ['node_modules/tunnel']],
    ['a scoped package', './node_modules/@actions/core/lib/core.js', ['node_modules/@actions/core']],
    ['a nested copy: the innermost package', './node_modules/@actions/github/node_modules/@actions/http-client/lib/index.js', ['node_modules/@actions/github/node_modules/@actions/http-client']],
    ['an absolute module path', '/repo/node_modules/undici/index.js', ['node_modules/undici']],
    ['nothing of our sources', './src/action/index.ts', []],
    ['nothing of the undici stub (a file: package outside node_modules)', './stubs/undici/index.js', []],
    ['nothing of the webpack runtime', 'webpack/runtime/ensure chunk', []],
    ['nothing of a Node built-in', 'external "node:http"', []],
  ])('takes %s', (_what, name, dirs) => {
    expect(packagesByFile({ chunks, modules: [{ name, chunks: [730] }] }, ROOT)).toEqual(new Map(dirs.length > 0 ? [['730.index.js', new Set(dirs)]] : []));
  });

  it('takes the chunk of a concatenated module for its parts', () => {
    const modules = [{ name: './src/index.ts + 2 modules', chunks: [792], modules: [{ name: './src/main.ts' }, { name: './node_modules/@actions/io/lib/io.js' }] }];
    expect(packagesByFile({ chunks, modules }, ROOT)).toEqual(new Map([['index.js', new Set(['node_modules/@actions/io'])]]));
  });
});

it('renderLicenses lists each package once with its files, license and license text, sorted by name', () => {
  const root = mkdtempSync(join(tmpdir(), 'udts-wait-licenses-'));
  const addPackage = (dir: string, manifest: object, license?: string): void => {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, 'package.json'), JSON.stringify(manifest));
    if (license) writeFileSync(join(root, dir, 'LICENSE.md'), `${license}\r\n`);
  };
  addPackage('node_modules/zeta', { name: 'zeta', version: '1.0.0', license: 'ISC' }, 'ISC text');
  addPackage('node_modules/alpha', { name: 'alpha', version: '2.0.0', licenses: [{ type: 'MIT' }] });
  const files = new Map([['index.js', new Set(['node_modules/zeta', 'node_modules/alpha'])], ['730.index.js', new Set(['node_modules/zeta'])]]);
  const text = renderLicenses(files, root);
  expect(text.split(`\n\n${'-'.repeat(72)}\n\n`).slice(1)).toEqual([
    'alpha 2.0.0 (MIT), in dist/index.js\n\n(the package ships no license file)',
    'zeta 1.0.0 (ISC), in dist/730.index.js, dist/index.js\n\nISC text\n',
  ]);
});
