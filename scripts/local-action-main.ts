/**
 * The logic entrypoint for `@github/local-action` (`npm run local-action`). That tool imports a
 * module and calls its exported `run()` with no arguments, after stubbing `@actions/core`; the
 * action's own run() takes its world as an argument, so this gives it the real one.
 */
import { run as runAction } from '../src/action/main.js';
import { connectToApi } from '../src/core/gate.js';
import { systemClock } from '../src/wait/clock.js';

/** Runs the action once with the system clock, the process environment and real HTTP. */
export async function run(): Promise<void> {
  await runAction({
    clock: systemClock,
    signal: new AbortController().signal,
    env: process.env,
    connect: connectToApi,
  });
}
