/**
 * The action's entry point (dist/index.js). Wires the real world into run(): the system clock, the
 * process environment, real HTTP, and the runner's cancel signals.
 */
import { run } from './main.js';
import { createUdtsClient } from './udts/client.js';
import { systemClock } from './wait/clock.js';

const cancel = new AbortController();
// The runner cancels with SIGINT, then SIGTERM 7.5 s later: stop waiting, then publish what we know.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => cancel.abort(new Error(`received ${signal}`)));
}

await run({ clock: systemClock, signal: cancel.signal, env: process.env, makeClient: createUdtsClient });
// After a cancel, leave at once, even if a socket or timer lingers; the exit code is what was
// published (a failure, unless the run had already succeeded when the signal came).
if (cancel.signal.aborted) process.exit();
