/** A controller tied to a parent signal: it aborts with the parent, with the parent's reason, until disposed. */
interface LinkedAbort {
  readonly signal: AbortSignal;
  abort(reason?: unknown): void;
  /** True when the work's own timeout fired (not its parent). */
  timedOut(): boolean;
  /** Clears the timer and the one listener on the parent (so a long-lived parent keeps nothing); call once the work has settled. */
  dispose(): void;
}

/**
 * The one way a piece of work (a request, the wait, a phase) is tied to the run's cancel, cut short by
 * a timeout of its own, and let go of once done: a listener that dispose() removes, a timer it clears. Not
 * AbortSignal.any() and AbortSignal.timeout(): on Node 20 the first keeps every request's signal alive
 * on the long-lived run signal (about 180 KiB per 1,000 polls), and the second leaves its timer running.
 */
export function linkAbort(parent: AbortSignal, timeoutMs?: number): LinkedAbort {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(parent.reason);
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts only once, so a listener left on it can never run again
  parent.addEventListener('abort', onAbort, { once: true });
  const timer = timeoutMs === undefined ? undefined : setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('request timeout'));
  }, Math.max(1, timeoutMs));
  if (parent.aborted) onAbort();
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      parent.removeEventListener('abort', onAbort);
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
