/**
 * The action's entry point (dist/index.js). Wires the real world into run(): the system clock, the
 * process environment, real HTTP, and the runner's cancel signals.
 */
import { run } from './main.js';
import { createStatusFetcher } from './udts/client.js';
import { systemClock } from './wait/clock.js';

const cancel = new AbortController();
// The runner cancels with SIGINT, then SIGTERM 7.5 s later: stop waiting, then publish what we know.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => cancel.abort(new Error(`received ${signal}`)));
}

await run({ clock: systemClock, signal: cancel.signal, env: process.env, makeFetcher: createStatusFetcher });
// After a cancel, leave at once with a failure, even if a socket or timer lingers.
if (cancel.signal.aborted) process.exit(1);
