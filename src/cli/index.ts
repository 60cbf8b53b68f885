#!/usr/bin/env node
/**
 * The CLI's entry point (dist/cli.js, `udts-wait` on the PATH): the same core as the action, for
 * other CI systems and terminals. Wires the process into runCli and exits with its code.
 */
import { runCli } from './run.js';
import { connectToApi } from '../core/gate.js';
import { cancelOnSignals, exitWhenFlushed, tolerateClosedStreams } from '../core/process.js';
import { systemClock } from '../wait/clock.js';
import { commandName } from '../version.js';

tolerateClosedStreams();
const signal = cancelOnSignals('exit');

const code = await runCli({
  argv: process.argv.slice(2),
  command: commandName(process.argv[1], 'udts-wait'),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY === true,
  clock: systemClock,
  signal,
  connect: connectToApi,
});
// Leave once stdout has taken a large --json on a pipe, even if a socket lingers.
exitWhenFlushed(code);
