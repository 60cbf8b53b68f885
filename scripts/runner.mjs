// @ts-check
// Runs the bundled action as the GitHub runner does: inputs as INPUT_* variables, outputs and the
// job summary through the GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files. Shared by `npm run demo`,
// the end-to-end tests and the benchmark, so all three exercise exactly what users run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

/**
 * @typedef {object} ActionRun
 * @property {number | null} code  exit code (null when killed by a signal)
 * @property {string} stdout       the step's log, as the runner would show it
 * @property {string} stderr
 * @property {Record<string, string>} outputs  what the action wrote to GITHUB_OUTPUT
 * @property {string} summary      what it wrote to GITHUB_STEP_SUMMARY
 * @property {number} durationMs   wall time from spawn to exit
 */

/**
 * @typedef {object} ActionOptions
 * @property {Record<string, string>} inputs   action inputs by name ('task-id': 'udts-1')
 * @property {Record<string, string>} [env]    extra environment (RUNNER_DEBUG, UCLOUD_*, proxies)
 * @property {string} [node]                  the node binary (default: this process's)
 * @property {string} [script]                default dist/index.js
 * @property {(chunk: string) => void} [onStdout]  sees the log as it is written
 */

/**
 * The name the runner gives an input's variable: upper-cased, spaces to '_', hyphens kept.
 * @param {string} name
 */
export function inputVariable(name) {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * Starts the action; `child` lets a caller send signals, `done` settles when it exits.
 * @param {ActionOptions} options
 */
export function startAction(options) {
  const dir = mkdtempSync(join(tmpdir(), 'udts-wait-run-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  /** @type {Record<string, string>} */
  const env = {
    // A clean environment, as on a runner: nothing of the caller's UCLOUD_* credentials leaks in.
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs)) env[inputVariable(name)] = value;

  const startedAt = performance.now();
  const child = spawn(options.node ?? process.execPath, [options.script ?? 'dist/index.js'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    stdout += chunk;
    options.onStdout?.(chunk);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));

  /** @type {Promise<ActionRun>} */
  const done = once(child, 'close').then(([code]) => {
    const run = {
      code: /** @type {number | null} */ (code),
      stdout,
      stderr,
      outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
      summary: readFileSync(summaryFile, 'utf8'),
      durationMs: performance.now() - startedAt,
    };
    rmSync(dir, { recursive: true, force: true });
    return run;
  });
  return { child, done };
}

/**
 * Runs the action to its end.
 * @param {ActionOptions} options
 */
export function runAction(options) {
  return startAction(options).done;
}

/**
 * Reads a GITHUB_OUTPUT file: `name<<DELIMITER` blocks (what @actions/core writes) and `name=value` lines.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseOutputFile(text) {
  /** @type {Record<string, string>} */
  const outputs = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const value = [];
      for (i += 1; i < lines.length && lines[i] !== delimiter; i += 1) value.push(lines[i]);
      outputs[name] = value.join('\n');
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

/**
 * Starts dist/emulator.js with a scenario file and resolves with its URL, its counters and a stop
 * function. `quiet` keeps its banner (stderr) out of this process's output and shows it only if the
 * emulator fails to start: the bench's tables stay readable.
 * @param {string} scenarioFile
 * @param {{ node?: string, port?: number, quiet?: boolean }} [options]
 */
export async function startEmulatorProcess(scenarioFile, options = {}) {
  const child = spawn(options.node ?? process.execPath, ['dist/emulator.js', '--scenario', scenarioFile, '--port', String(options.port ?? 0)], {
    stdio: ['ignore', 'pipe', options.quiet ? 'pipe' : 'inherit'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const stdout = /** @type {import('node:stream').Readable} */ (child.stdout).setEncoding('utf8');
  const url = await new Promise((resolve, reject) => {
    let seen = '';
    stdout.on('data', (chunk) => {
      seen += chunk;
      const line = seen.split('\n')[0];
      if (seen.includes('\n') && line) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code} before listening${stderr ? `: ${stderr}` : ''}`)));
  });
  return {
    /** @type {string} */ url,
    /** The emulator's own counters: requests, byTask, maxInFlight. */
    stats: async () => {
      const response = await fetch(`${url}/_emulator/stats`);
      return /** @type {import('../src/emulator/server.js').EmulatorStats} */ (await response.json());
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
