/**
 * The action once its entry (index.ts) listens for the runner's cancel: wires the real world into
 * run(): the system clock, the process environment, real HTTP, and that cancel signal.
 */
import * as core from '@actions/core';
import { connectToApi } from '../core/gate.js';
import { run } from './main.js';
import { exitWhenFlushed } from '../core/process.js';
import { sanitizeText } from '../report/sanitize.js';
import { systemClock } from '../wait/clock.js';

/** Runs the action to its end; `signal` is aborted on the runner's cancel. */
export async function start(signal: AbortSignal): Promise<void> {
  // The last resort for a bug that escapes run(): one error annotation with its message, never a
  // stack or a dump of the bundle's source.
  for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
    process.on(event, (error: unknown) => {
      core.setFailed(sanitizeText(`udts-wait: unexpected error: ${error instanceof Error ? error.message : String(error)}`));
      process.exit();
    });
  }
  await run({ clock: systemClock, signal, env: process.env, connect: connectToApi });
  // The record is published: leave, even if a socket or timer lingers; the exit code is what was
  // published (after a cancel, a failure unless the run had already succeeded when the signal came).
  exitWhenFlushed();
}
