/** `--help` explains the format with a valid example and lists the built-in scenarios; `--scenario` takes a name or a file. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS, resolveScenario } from '../../../src/emulator/builtin.js';
import { helpText } from '../../../src/emulator/help.js';
import { checkScenario } from '../../../src/emulator/scenario.js';

describe('--help', () => {
  const help = helpText();

  it('gives an example that is a valid scenario', () => {
    const example = /for example:\n([\s\S]*?\n {2}\})\n/.exec(help)?.[1];
    expect(example).toBeDefined();
    expect(() => checkScenario(JSON.parse(example ?? ''), 'the help example')).not.toThrow();
  });

  it.each(['tasks', 'steps', 'data', 'fault', 'repeat', 'at', 'advance', 'keys', 'latencyMs', 'history', 'historyFault', 'historyAction', 'github', 'projectId'])(
    'explains "%s"',
    (field) => {
      expect(help).toMatch(new RegExp(`^ {2}${field} |"${field}"`, 'm'));
    },
  );

  it.each(Object.keys(BUILTIN_SCENARIOS))('lists the built-in scenario %s with its task ids', (name) => {
    const line = help.split('\n').findIndex((text) => text.startsWith(`  ${name} `));
    expect(line).toBeGreaterThan(0);
    const tasks = Object.keys((BUILTIN_SCENARIOS[name]?.scenario as { tasks: object }).tasks);
    expect(help.split('\n')[line + 1]).toContain(`task ids: ${tasks.join(', ')}`);
  });
});

describe('--scenario NAME|FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'udts-scenario-'));

  it('takes a file, named like a built-in too', () => {
    writeFileSync(join(dir, 'live-sync'), JSON.stringify({ tasks: { mine: { steps: [{ data: { Status: 'Done' } }] } } }));
    expect(Object.keys(resolveScenario(join(dir, 'live-sync')).tasks)).toEqual(['mine']);
  });

  it('lists the built-in names for a name it does not know', () => {
    const names = 'mysql-migration, live-sync, several-tasks, service-retry, late-task';
    expect(() => resolveScenario('live-synk')).toThrow(`No built-in scenario 'live-synk' and no such file (built-in: ${names})`);
  });

  it('names the file and the task and step of an error in it', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ tasks: { t: { steps: [{ data: {} }, { fault: { kind: 'http' } }] } } }));
    expect(() => resolveScenario(file)).toThrow(`${file}: task t, step 2: an http fault needs "status"`);
  });
});
