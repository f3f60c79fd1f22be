// A counting semaphore with three FIFO queues: waiters that go `first` are served before those that
// wait `in-turn`, and those before the ones that go `last`. A waiter whose signal aborts leaves its
// queue at once, so a cancelled request never holds up the ones behind it.

export type Turn = 'first' | 'in-turn' | 'last';

export class Semaphore {
  #available: number;
  readonly #queues: Record<Turn, Array<() => void>> = { first: [], 'in-turn': [], last: [] };

  constructor(permits: number) {
    if (!Number.isInteger(permits) || permits < 1) {
      throw new RangeError(`permits must be a positive integer, got ${permits}`);
    }
    this.#available = permits;
  }

  /**
   * Runs `task` holding a permit: at once if one is free, else when one is handed over. When the
   * task settles, its permit passes to the next waiter, whose task starts right then, before
   * anything that awaits the finished task runs: however long the caller then works with the
   * result, the permit is not left idle meanwhile. Rejects with the signal's reason if it aborts
   * while the task is still waiting.
   */
  run<T>(task: () => Promise<T>, signal?: AbortSignal, turn: Turn = 'in-turn'): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const start = (): void => {
        let running: Promise<T>;
        try {
          running = task();
        } catch (error) {
          running = Promise.reject(error);
        }
        running.then(
          (value) => {
            this.#handOver();
            resolve(value);
          },
          (error: unknown) => {
            this.#handOver();
            reject(error);
          },
        );
      };
      if (this.#available > 0) {
        this.#available -= 1;
        start();
        return;
      }
      const waiters = this.#queues[turn];
      const onAbort = (): void => {
        waiters.splice(waiters.indexOf(grant), 1);
        reject(signal?.reason);
      };
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        start();
      };
      waiters.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** The permit passes straight to the next waiter, so no newcomer can jump the queue. */
  #handOver(): void {
    const next = this.#queues.first.shift() ?? this.#queues['in-turn'].shift() ?? this.#queues.last.shift();
    if (next) next();
    else this.#available += 1;
  }
}
