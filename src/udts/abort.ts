/**
 * Abort plumbing for one request: cut short by the run's cancel signal or by the request's own
 * timeout, whichever comes first, and able to tell the two apart.
 */

interface RequestAbort {
  signal: AbortSignal;
  /** True when the request's own timeout fired (not a cancel). */
  timedOut(): boolean;
  /** Clears the timer and the listener on the run's signal; call once the request has settled. */
  dispose(): void;
}

/**
 * One controller per request, tied to the run's signal by a listener that dispose() removes, and a
 * timer that dispose() clears. Not AbortSignal.any() and AbortSignal.timeout(): on Node 20 the first
 * keeps every request's signal alive on the long-lived run signal (about 180 KiB per 1,000 polls), and
 * the second leaves its timer running after the answer.
 */
export function requestAbort(runSignal: AbortSignal, timeoutMs: number): RequestAbort {
  const controller = new AbortController();
  let timedOut = false;
  const onCancel = () => controller.abort(runSignal.reason);
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts only once, so a listener left on it can never run again
  runSignal.addEventListener('abort', onCancel, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('request timeout'));
  }, Math.max(1, timeoutMs));
  if (runSignal.aborted) onCancel();
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      runSignal.removeEventListener('abort', onCancel);
    },
  };
}

/**
 * Settles with the promise, or rejects as soon as the signal aborts: a cancel ends the call at once,
 * whatever a library does with its request meanwhile (queued in a proxy tunnel's agent, say).
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts only once, so a listener left on it can never run again
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
