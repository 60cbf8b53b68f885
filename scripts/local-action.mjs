// @ts-check
// `npm run local-action`: runs the action under @github/local-action (GitHub's tool that runs an
// action on a workstation, with @actions/core replaced by its own stubs) against the bundled emulator.
//
// local-action runs TypeScript sources, not the ncc bundle (its stubs cannot reach into a bundle), and
// calls the logic entrypoint's `run()` with no arguments: scripts/local-action-main.ts gives the
// action's run() its real world. Inputs travel in a .env file, as the tool expects.
//
//   npm run local-action                       # the demo MySQL migration (about 15 s)
//   npm run local-action -- --scenario FILE --task-id ID [--interval 1s] [--timeout 2m]
//
// Exit code: 0 when the action's `result` output is success (or pending), 1 otherwise. local-action
// itself exits 0 even when the action calls setFailed, so the result is read from its output.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { inputVariable, startEmulatorProcess } from './runner.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const LOCAL_ACTION_BIN = join(ROOT, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js');
const ENTRYPOINT = 'scripts/local-action-main.ts';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'src/emulator/scenarios/mysql-migration.json' },
    'task-id': { type: 'string', default: 'udts-demo-mysql' },
    interval: { type: 'string', default: '1s' },
    timeout: { type: 'string', default: '2m' },
  },
});

/**
 * One `KEY="value"` line of a .env file; dotenv expands \n inside double quotes.
 * @param {string} name
 * @param {string} value
 */
function envLine(name, value) {
  return `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/**
 * The value of the last `::set-output name=NAME::VALUE` line local-action's setOutput stub printed.
 * @param {string} log
 * @param {string} name
 */
function outputFromLog(log, name) {
  const lines = log.split('\n').filter((line) => line.startsWith(`::set-output name=${name}::`));
  return lines.at(-1)?.slice(`::set-output name=${name}::`.length).trim();
}

// A scenario path is taken relative to where the command was given; the rest runs from the repository.
const scenarioFile = resolve(values.scenario ?? '');
process.chdir(ROOT);
const dir = mkdtempSync(join(tmpdir(), 'udts-wait-local-action-'));
const emulator = await startEmulatorProcess(scenarioFile);
/** @type {number} */
let code;
try {
  const summaryFile = join(dir, 'summary.md');
  writeFileSync(summaryFile, '');
  /** @type {Record<string, string>} */
  const inputs = {
    'task-id': values['task-id'] ?? '',
    'public-key': 'demo-public-key',
    'private-key': 'demo-private-key',
    'api-url': emulator.url,
    interval: values.interval ?? '1s',
    timeout: values.timeout ?? '2m',
  };
  const envFile = join(dir, '.env');
  writeFileSync(
    envFile,
    [
      ...Object.entries(inputs).map(([name, value]) => envLine(inputVariable(name), value)),
      envLine('GITHUB_STEP_SUMMARY', summaryFile),
      envLine('ACTIONS_STEP_DEBUG', 'false'),
      '',
    ].join('\n'),
  );

  console.log(`Emulator: ${emulator.url} (scenario ${values.scenario})`);
  const child = spawn(process.execPath, [LOCAL_ACTION_BIN, 'run', '.', ENTRYPOINT, envFile], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let log = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    log += chunk;
    process.stdout.write(chunk);
  });
  const [exitCode] = await once(child, 'close');
  const result = outputFromLog(log, 'result');
  console.log(`\n── job summary (${summaryFile}) ──\n`);
  console.log(readFileSync(summaryFile, 'utf8'));
  console.log(`local-action exited with ${exitCode}; the action's result output: ${result ?? '(none)'}`);
  code = exitCode === 0 && (result === 'success' || result === 'pending') ? 0 : 1;
} finally {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = code;
