// @ts-check
// `npm run demo`: the action against the bundled emulator, as a workflow would run it, with no
// account: starts dist/emulator.js with a MySQL migration scenario (about 15 s), runs dist/index.js
// with INPUT_* variables, then shows the log, the outputs and the job summary.
import { runAction, startEmulatorProcess } from './runner.mjs';

const SCENARIO = 'src/emulator/scenarios/mysql-migration.json';
/** @param {string} title */
const rule = (title) => `\n\x1b[1m── ${title} ${'─'.repeat(Math.max(0, 60 - title.length))}\x1b[0m\n`;

const emulator = await startEmulatorProcess(SCENARIO);
try {
  const inputs = {
    'task-id': 'udts-demo-mysql',
    'public-key': 'demo-public-key',
    'private-key': 'demo-private-key',
    'api-url': emulator.url,
    interval: '3s',
    timeout: '2m',
  };
  console.log(rule('udts-wait demo'));
  console.log(`Emulator: ${emulator.url} (scenario ${SCENARIO})`);
  console.log('Step inputs:');
  for (const [name, value] of Object.entries(inputs)) console.log(`  ${name}: ${name === 'private-key' ? '***' : value}`);
  console.log(rule('step log (dist/index.js)'));
  const run = await runAction({ inputs, onStdout: (chunk) => process.stdout.write(chunk) });
  if (run.stderr) process.stderr.write(run.stderr);
  console.log('\n(Lines that start with :: are workflow commands: the runner hides the key they mask and');
  console.log(' shows ::notice, ::warning and ::error as annotations on the run page.)');
  console.log(rule(`step outputs (exit code ${run.code})`));
  for (const [name, value] of Object.entries(run.outputs)) console.log(`  ${name.padEnd(18)} ${value}`);
  console.log(rule('job summary (GITHUB_STEP_SUMMARY, Markdown)'));
  console.log(run.summary);
  process.exitCode = run.code ?? 1;
} finally {
  await emulator.stop();
}
