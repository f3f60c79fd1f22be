// A counting semaphore with three FIFO queues: waiters that go `first` are served before those that
// wait `in-turn`, and those before the ones that go `last`. A waiter whose signal aborts leaves its
// queue at once, so a cancelled request never holds up the ones behind it.

export type Release = () => void;
export type Turn = 'first' | 'in-turn' | 'last';

export class Semaphore {
  #available: number;
  readonly #queues: Record<Turn, Array<(release: Release) => void>> = { first: [], 'in-turn': [], last: [] };

  constructor(permits: number) {
    if (!Number.isInteger(permits) || permits < 1) {
      throw new RangeError(`permits must be a positive integer, got ${permits}`);
    }
    this.#available = permits;
  }

  acquire(signal?: AbortSignal, turn: Turn = 'in-turn'): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#available > 0) {
      this.#available -= 1;
      return Promise.resolve(this.#releaseOnce());
    }
    const waiters = this.#queues[turn];
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        waiters.splice(waiters.indexOf(grant), 1);
        reject(signal?.reason);
      };
      const grant = (release: Release): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(release);
      };
      waiters.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #releaseOnce(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queues.first.shift() ?? this.#queues['in-turn'].shift() ?? this.#queues.last.shift();
      // The permit passes straight to the next waiter, so no newcomer can jump the queue.
      if (next) next(this.#releaseOnce());
      else this.#available += 1;
    };
  }
}
