/**
 * The layers of src/ (docs/architecture.md) are held by the linter: back-imports planted in memory must fail the lint with a message
 * naming what the layer may import.
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
    ['the loop formatting prose', 'src/wait/planted.ts', "import { describeReading } from '../report/describe.js';\nexport const x = describeReading;\n", /wait\/ \(the loop and the verdict\) may import only duration, text, version, udts\/ \(LAYERS in eslint.config.js; docs\/architecture.md/],
    ['the API reading configuration', 'src/udts/planted.ts', "import type { Settings } from '../core/settings.js';\nexport type X = Settings;\n", /udts\/ \(the API\) may import only duration, text, version/],
    ['a climb back out of an allowed folder', 'src/wait/planted.ts', "import { x } from '../udts/../report/describe.js';\nexport const y = x;\n", /Layer violation/],
    ['a dynamic import', 'src/wait/planted.ts', "export const load = () => import('../report/describe.js');\n", /Layer violation/],
    ['the renderer importing a front door', 'src/report/planted.ts', "import { run } from '../action/main.js';\nexport const x = run;\n", /report\/ \(pure rendering\) may import only/],
    ['the renderer writing the log', 'src/report/planted.ts', "import * as core from '@actions/core';\nexport const x = core;\n", /never talks to GitHub/],
    ['the core reaching into a front door', 'src/core/planted.ts', "import { actionSink } from '../action/sink.js';\nexport const x = actionSink;\n", /core\/ .* may import only/],
    ['one twin importing the other', 'src/cli/planted.ts', "import { run } from '../action/main.js';\nexport const x = run;\n", /cli\/ .* may import only/],
    ['the emulator importing the loop', 'src/emulator/planted.ts', "import { waitForTasks } from '../wait/waiter.js';\nexport const x = waitForTasks;\n", /emulator\/ .* may import only duration, text, version, udts\//],
    ['the loop talking to GitHub', 'src/wait/planted.ts', "import * as core from '@actions/core';\nexport const x = core;\n", /never talks to GitHub/],
    ['a front door importing the emulator', 'src/action/planted.ts', "import { startEmulator } from '../emulator/server.js';\nexport const x = startEmulator;\n", /action\/ .* may import only/],
  ])('refuses %s', async (_name, file, code, message) => {
    const errors = await errorsFor(file, code);
    expect(errors.join('\n')).toMatch(message);
  });

  it('accepts what the layers allow', async () => {
    expect(await errorsFor('src/wait/planted.ts', "import { readingFromData } from '../udts/status.js';\nimport { formatDuration } from '../duration.js';\nexport const x = [readingFromData, formatDuration];\n")).toEqual([]);
  });
});
