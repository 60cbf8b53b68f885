/**
 * Issue 12: the layers of src/ are held by the linter, not by a reviewer. Back-imports planted in
 * memory (never written to src/) must fail `npm run lint` with a message naming what the layer may import.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function errorsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.message);
}

describe('the layer rule', () => {
  it.each([
    ['the loop formatting prose', 'src/wait/planted.ts', "import { describeReading } from '../report/describe.js';\nexport const x = describeReading;\n", /wait\/ \(the loop\) may import only duration, version, udts\//],
    ['the domain reading configuration', 'src/udts/planted.ts', "import type { Settings } from '../settings.js';\nexport type X = Settings;\n", /udts\/ \(the API\) may import only duration, version/],
    ['a climb back out of an allowed folder', 'src/wait/planted.ts', "import { x } from '../udts/../report/describe.js';\nexport const y = x;\n", /Layer violation/],
    ['a dynamic import', 'src/wait/planted.ts', "export const load = () => import('../report/describe.js');\n", /Layer violation/],
    ['the report importing a front door', 'src/report/planted.ts', "import { run } from '../main.js';\nexport const x = run;\n", /report\/ may import only/],
    ['the emulator importing the loop', 'src/emulator/planted.ts', "import { waitForTasks } from '../wait/waiter.js';\nexport const x = waitForTasks;\n", /emulator\/ may import only duration, version, udts\//],
    ['the loop talking to GitHub', 'src/wait/planted.ts', "import * as core from '@actions/core';\nexport const x = core;\n", /never talks to GitHub/],
    ['a front door importing the emulator', 'src/main.ts', "import { startEmulator } from './emulator/server.js';\nexport const x = startEmulator;\n", /emulator is a separate program/],
  ])('refuses %s', async (_name, file, code, message) => {
    const errors = await errorsFor(file, code);
    expect(errors.join('\n')).toMatch(message);
  });

  it('accepts what the layers allow', async () => {
    expect(await errorsFor('src/wait/planted.ts', "import { judge } from '../udts/verdict.js';\nimport { formatDuration } from '../duration.js';\nexport const x = [judge, formatDuration];\n")).toEqual([]);
  });
});
