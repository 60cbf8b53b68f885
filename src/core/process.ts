/**
 * What both entry points (dist/index.js, dist/cli.js) need from the process: a cancel signal from
 * SIGINT and SIGTERM, the exit once the budget after it is spent (run-end.ts), and streams whose
 * reader left must not crash the run.
 */
import { CANCEL_BUDGET_MS } from './run-end.js';

/**
 * Aborts the returned signal on the first SIGINT or SIGTERM. A further signal is ignored by the action
 * (it is publishing the record: a second signal must not kill it) and ends the CLI at once with 130
 * (a person pressing Ctrl-C twice wants out).
 */
export function cancelOnSignals(repeated: 'ignore' | 'exit'): AbortSignal {
  const cancel = new AbortController();
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.on(name, () => {
      if (!cancel.signal.aborted) {
        cancel.abort(new Error(`received ${name}`));
        // A hung socket or timer must not keep the process past the budget; the exit code is what
        // was published by then.
        setTimeout(() => process.exit(), CANCEL_BUDGET_MS).unref();
      } else if (repeated === 'exit') {
        process.exit(130);
      }
    });
  }
  return cancel.signal;
}

/** A closed stdout or stderr (EPIPE) loses those lines, never the run: outputs and summary are files. */
export function tolerateClosedStreams(): void {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
}

/**
 * Ends the process once stdout and stderr have taken everything written to them, with `code` (or the
 * exit code already set). The record is published by then; a socket left behind (a proxy that never
 * answered a CONNECT, whose request no abort reaches) must not keep a finished step alive until the
 * job's own timeout.
 */
export function exitWhenFlushed(code?: number): void {
  if (code !== undefined) process.exitCode = code;
  let pending = 2;
  const done = () => {
    pending -= 1;
    if (pending === 0) process.exit();
  };
  // A write callback runs once the data before it is flushed (or the stream failed: nothing to wait for).
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.destroyed || !stream.writable) done();
    else stream.write('', done);
  }
}
