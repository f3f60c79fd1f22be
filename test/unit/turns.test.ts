import { describe, expect, it } from 'vitest';
import { createTurns } from '../../src/loaders/turns.js';

/** Blocks the thread, as completing a wide answer does. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

/** Counts event-loop turns in which other callbacks (I/O, say) got to run. */
function startProbe() {
  let turns = 0;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  return {
    stop: () => {
      stopped = true;
      return turns;
    },
  };
}

describe('event-loop turns', () => {
  it('resumes callers waiting on one value in turns of their own, with other callbacks run between them', async () => {
    const inTurn = createTurns();
    const shared = Promise.resolve('lines');
    const probe = startProbe();
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        inTurn(shared).then((value) => {
          expect(value).toBe('lines');
          order.push(index);
          busyFor(2);
        }),
      ),
    );
    const probed = probe.stop();
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Without turns all ten resume in one run of microtasks and the probe never runs in between.
    expect(probed).toBeGreaterThanOrEqual(9);
  });

  it('hands out turns as values become ready, so a ready value never waits for one that is not', async () => {
    const inTurn = createTurns();
    let releaseSlow: (value: string) => void = () => {};
    const slow = inTurn(new Promise<string>((resolve) => (releaseSlow = resolve)));
    const fast = await inTurn(Promise.resolve('fast'));
    expect(fast).toBe('fast');
    releaseSlow('slow');
    await expect(slow).resolves.toBe('slow');
  });

  it('fails only the caller whose value failed, and the turns after it go on', async () => {
    const inTurn = createTurns();
    const failed = inTurn(Promise.reject(new Error('upstream down')));
    const after = inTurn(Promise.resolve(42));
    await expect(failed).rejects.toThrow('upstream down');
    await expect(after).resolves.toBe(42);
  });
});
