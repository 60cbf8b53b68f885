/**
 * Bounds how many requests are in flight at once. Aborting the signal it was made with refuses every
 * queued `acquire`, so a cancelled run never hangs in the queue.
 *
 * The queue has one abort listener, not one per waiting request: Node's EventTarget walks its whole
 * listener list on every add and remove, so a listener each made 100 tasks (92 of them queued) cost
 * thousands of list steps per round, enough to wake V8's top-tier compiler (about 5 MiB of peak memory).
 */
export class Limiter {
  private active = 0;
  private readonly queue: Array<{ grant: () => void; refuse: (reason: unknown) => void }> = [];

  constructor(
    private readonly limit: number,
    private readonly signal: AbortSignal,
  ) {
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts only once, so a listener left on it can never run again
    signal.addEventListener('abort', () => this.refuseAll(), { once: true });
  }

  async acquire(): Promise<void> {
    if (this.signal.aborted) throw this.signal.reason;
    if (this.active < this.limit) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      this.queue.push({
        grant: () => {
          this.active += 1;
          resolve();
        },
        refuse: reject,
      });
    });
  }

  release(): void {
    this.active -= 1;
    this.queue.shift()?.grant();
  }

  private refuseAll(): void {
    for (const waiting of this.queue.splice(0)) waiting.refuse(this.signal.reason);
  }
}
