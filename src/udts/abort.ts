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

/** A controller tied to a parent signal: it aborts with the parent, with the parent's reason, until disposed. */
export interface LinkedAbort {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
  /** Removes the one listener on the parent, so a long-lived parent keeps nothing; call once the work has settled. */
  dispose(): void;
}

/** The one way a piece of work (a request, a wait, a phase) is cut short by the run's cancel and by its own stop. */
export function linkAbort(parent: AbortSignal): LinkedAbort {
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent.reason);
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts only once, so a listener left on it can never run again
  parent.addEventListener('abort', onAbort, { once: true });
  if (parent.aborted) onAbort();
  return { signal: controller.signal, abort: (reason) => controller.abort(reason), dispose: () => parent.removeEventListener('abort', onAbort) };
}

/**
 * One linked controller per request and a timer that dispose() clears. Not AbortSignal.any() and
 * AbortSignal.timeout(): on Node 20 the first keeps every request's signal alive on the long-lived run
 * signal (about 180 KiB per 1,000 polls), and the second leaves its timer running after the answer.
 */
export function requestAbort(runSignal: AbortSignal, timeoutMs: number): RequestAbort {
  const link = linkAbort(runSignal);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    link.abort(new Error('request timeout'));
  }, Math.max(1, timeoutMs));
  return {
    signal: link.signal,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      link.dispose();
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
