#!/usr/bin/env node
/**
 * The CLI's entry point (dist/cli.js, `udts-wait` on the PATH): the same core as the action, for
 * other CI systems and terminals. Wires the process into runCli and exits with its code.
 */
// First of all imports, so that it evaluates before any other module (signals.ts).
import { cancelSignal } from './signals.js';
import { runCli } from './run.js';
import { connectToApi } from '../core/gate.js';
import { exitWhenFlushed } from '../core/process.js';
import { systemClock } from '../wait/clock.js';
import { commandName } from '../version.js';

const code = await runCli({
  argv: process.argv.slice(2),
  command: commandName(process.argv[1], 'udts-wait'),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY === true,
  clock: systemClock,
  signal: cancelSignal,
  connect: connectToApi,
});
// Leave once stdout has taken a large --json on a pipe, even if a socket lingers.
exitWhenFlushed(code);
