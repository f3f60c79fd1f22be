import { describe, expect, it } from 'vitest';
import { openCallScope } from '../../src/confluent/call-scope.js';
import { ROUTES, pathOf } from '../../src/confluent/routes.js';
import { Semaphore } from '../../src/confluent/semaphore.js';

describe('pathOf', () => {
  it('encodes path parameters and leaves out undefined query values', () => {
    const path = pathOf(ROUTES.roleBinding, { params: { id: 'rb/1' }, query: { environment: 'env-1', page_token: undefined } });
    expect(path).toBe('/iam/v2/role-bindings/rb%2F1?environment=env-1');
  });

  it('encodes query values', () => {
    const crn = 'crn://confluent.cloud/organization=o-1/*';
    expect(pathOf(ROUTES.roleBindings, { query: { crn_pattern: crn, page_size: 100 } })).toBe(
      `/iam/v2/role-bindings?crn_pattern=${encodeURIComponent(crn).replace(/%20/g, '+')}&page_size=100`,
    );
  });

  it('refuses an empty id, which would read the whole collection instead', () => {
    expect(() => pathOf(ROUTES.user, { params: { id: '' } })).toThrow(TypeError);
  });
});

describe('Semaphore', () => {
  /** A task that holds its permit until `finish` is called. */
  function heldTask() {
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    return { task: () => done, finish };
  }
  const turnsPassed = () => new Promise((resolve) => setImmediate(resolve));

  it('starts tasks in arrival order, one per permit', async () => {
    const semaphore = new Semaphore(1);
    const held = heldTask();
    const order: string[] = [];
    const first = semaphore.run(held.task);
    const second = semaphore.run(async () => void order.push('second'));
    const third = semaphore.run(async () => void order.push('third'));
    await turnsPassed();
    expect(order).toEqual([]);
    held.finish();
    await Promise.all([first, second, third]);
    expect(order).toEqual(['second', 'third']);
  });

  it('starts the next task when one settles, before whoever awaits the settled one resumes', async () => {
    const semaphore = new Semaphore(1);
    const held = heldTask();
    const order: string[] = [];
    const first = semaphore.run(held.task).then(() => order.push('awaiter of the first'));
    const second = semaphore.run(async () => void order.push('second started'));
    held.finish();
    await Promise.all([first, second]);
    expect(order).toEqual(['second started', 'awaiter of the first']);
  });

  it('serves waiters that go first, then those waiting in turn, then those that go last, each queue in arrival order', async () => {
    const semaphore = new Semaphore(1);
    const held = heldTask();
    const order: string[] = [];
    const record = (name: string) => async () => void order.push(name);
    const running = semaphore.run(held.task);
    const waiting = [
      semaphore.run(record('fan-out call'), undefined, 'last'),
      semaphore.run(record('new call 1'), undefined, 'in-turn'),
      semaphore.run(record('next page A'), undefined, 'first'),
      semaphore.run(record('new call 2'), undefined, 'in-turn'),
      semaphore.run(record('next page B'), undefined, 'first'),
    ];
    held.finish();
    await Promise.all([running, ...waiting]);
    expect(order).toEqual(['next page A', 'next page B', 'new call 1', 'new call 2', 'fan-out call']);
  });

  it('drops a waiter whose signal aborts, and gives its turn to the next', async () => {
    const semaphore = new Semaphore(1);
    const held = heldTask();
    const running = semaphore.run(held.task);
    const controller = new AbortController();
    let cancelledStarted = false;
    const cancelled = semaphore.run(async () => void (cancelledStarted = true), controller.signal);
    const next = semaphore.run(async () => 'next ran');
    controller.abort(new Error('gone'));
    await expect(cancelled).rejects.toThrow('gone');
    held.finish();
    await running;
    await expect(next).resolves.toBe('next ran');
    expect(cancelledStarted).toBe(false);
  });

  it('passes the permit on when a task fails, and rejects with its error', async () => {
    const semaphore = new Semaphore(1);
    const failing = semaphore.run(async () => {
      throw new Error('upstream broke');
    });
    const next = semaphore.run(async () => 'next ran');
    await expect(failing).rejects.toThrow('upstream broke');
    await expect(next).resolves.toBe('next ran');
  });

  it('holds at most its permits at once', async () => {
    const semaphore = new Semaphore(2);
    let running = 0;
    let most = 0;
    const task = async () => {
      running += 1;
      most = Math.max(most, running);
      await turnsPassed();
      running -= 1;
    };
    await Promise.all(Array.from({ length: 7 }, () => semaphore.run(task)));
    expect(most).toBe(2);
  });
});

describe('openCallScope', () => {
  it('fires as a timeout at the deadline', async () => {
    const scope = openCallScope({ deadlineAt: Date.now() + 20 });
    await expect(scope.wait(5_000)).rejects.toThrow();
    expect(scope.abortKind()).toBe('timeout');
    scope.dispose();
  });

  it('treats a caller signal that timed out as a timeout, any other abort as an abort', () => {
    const timedOut = new AbortController();
    timedOut.abort(new DOMException('late', 'TimeoutError'));
    expect(openCallScope({ signal: timedOut.signal }).abortKind()).toBe('timeout');

    const cancelled = new AbortController();
    const scope = openCallScope({ signal: cancelled.signal });
    expect(scope.abortKind()).toBeUndefined();
    cancelled.abort();
    expect(scope.abortKind()).toBe('aborted');
    expect(scope.signal.aborted).toBe(true);
  });
});
