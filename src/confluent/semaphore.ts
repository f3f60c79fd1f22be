// A counting semaphore with a FIFO queue. A waiter whose signal aborts leaves the queue at once,
// so a cancelled request never holds up the ones behind it.

export type Release = () => void;

export class Semaphore {
  #available: number;
  readonly #waiters: Array<(release: Release) => void> = [];

  constructor(permits: number) {
    if (!Number.isInteger(permits) || permits < 1) {
      throw new RangeError(`permits must be a positive integer, got ${permits}`);
    }
    this.#available = permits;
  }

  acquire(signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#available > 0) {
      this.#available -= 1;
      return Promise.resolve(this.#releaseOnce());
    }
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.#waiters.splice(this.#waiters.indexOf(grant), 1);
        reject(signal?.reason);
      };
      const grant = (release: Release): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(release);
      };
      this.#waiters.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #releaseOnce(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      // The permit passes straight to the next waiter, so no newcomer can jump the queue.
      if (next) next(this.#releaseOnce());
      else this.#available += 1;
    };
  }
}
