// @ts-check
// `npm run demo`: the action against the bundled emulator, as a workflow would run it, with no
// account: starts dist/emulator.js with its MySQL migration scenario (about 15 s), runs dist/index.js
// with INPUT_* variables and the runner's GITHUB_* variables pointed at the emulator's fake GitHub
// API (so the check run shows too), then shows the log, the outputs, the job summary and the
// check-run requests.
import { runAction, startEmulatorProcess } from './runner.mjs';

const SCENARIO = 'mysql-migration';
/** @param {string} title */
const rule = (title) => {
  const line = `── ${title} ${'─'.repeat(Math.max(0, 60 - title.length))}`;
  // Bold on a terminal only: piped to a file, the demo's output stays plain text.
  return process.stdout.isTTY ? `\n\x1b[1m${line}\x1b[0m\n` : `\n${line}\n`;
};

const emulator = await startEmulatorProcess(SCENARIO);
try {
  const inputs = {
    'task-id': 'udts-demo-mysql',
    'public-key': 'demo-public-key',
    'private-key': 'demo-private-key',
    'api-url': emulator.url,
    interval: '3s',
    timeout: '2m',
    'check-name': 'UDTS migration',
    'github-token': 'demo-github-token',
  };
  // What the runner sets; the API URL is the emulator's fake of GitHub's check-runs API.
  const env = {
    GITHUB_API_URL: emulator.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: '4f6e2a1c9b7d3e5f8a0b2c4d6e8f0a1b3c5d7e9f',
    GITHUB_RUN_ID: '1',
  };
  console.log(rule('udts-wait demo'));
  console.log(`Emulator: ${emulator.url} (built-in scenario ${SCENARIO}; its fake GitHub API too)`);
  console.log('Step inputs:');
  for (const [name, value] of Object.entries(inputs)) console.log(`  ${name}: ${/key|token/.test(name) ? '***' : value}`);
  console.log(rule('step log (dist/index.js)'));
  const run = await runAction({ inputs, env, onStdout: (chunk) => process.stdout.write(chunk) });
  if (run.stderr) process.stderr.write(run.stderr);
  console.log('\n(Lines that start with :: are workflow commands: the runner hides the key they mask and');
  console.log(' shows ::notice, ::warning and ::error as annotations on the run page.)');
  console.log(rule(`step outputs (exit code ${run.code})`));
  for (const [name, value] of Object.entries(run.outputs)) console.log(`  ${name.padEnd(18)} ${value}`);
  console.log(rule('job summary (GITHUB_STEP_SUMMARY, Markdown)'));
  console.log(run.summary);
  console.log(rule('check run (requests to the fake GitHub API)'));
  const { github } = await emulator.stats();
  for (const request of github.requests) {
    const body = request.body ? ` ${JSON.stringify(request.body)}` : '';
    console.log(`  ${request.method} ${request.path.replace(/\?.*/, '')} -> ${request.status}${body}`);
  }
  for (const { run: checkRun } of github.checkRuns) {
    console.log(`\n  "${checkRun.name}" on ${checkRun.head_sha.slice(0, 7)}: ${checkRun.status}, conclusion ${checkRun.conclusion}`);
  }
  process.exitCode = run.code ?? 1;
} finally {
  await emulator.stop();
}
