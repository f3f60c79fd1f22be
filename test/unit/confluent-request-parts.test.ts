import { describe, expect, it } from 'vitest';
import { openCallScope } from '../../src/confluent/call-scope.js';
import { ROUTES, pathOf } from '../../src/confluent/routes.js';
import { Semaphore } from '../../src/confluent/semaphore.js';

describe('pathOf', () => {
  it('encodes path parameters and leaves out undefined query values', () => {
    const path = pathOf(ROUTES.cluster, { params: { id: 'lkc/1' }, query: { environment: 'env-1', page_token: undefined } });
    expect(path).toBe('/cmk/v2/clusters/lkc%2F1?environment=env-1');
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
  it('hands permits out in arrival order', async () => {
    const semaphore = new Semaphore(1);
    const first = await semaphore.acquire();
    const order: string[] = [];
    const inOrder = (name: string) => (release: () => void) => {
      order.push(name);
      return release;
    };
    const second = semaphore.acquire().then(inOrder('second'));
    const third = semaphore.acquire().then(inOrder('third'));
    first();
    (await second)();
    (await third)();
    expect(order).toEqual(['second', 'third']);
  });

  it('serves waiters that go first, then those waiting in turn, then those that go last, each queue in arrival order', async () => {
    const semaphore = new Semaphore(1);
    const held = await semaphore.acquire();
    const order: string[] = [];
    const recordThenRelease = (name: string) => (release: () => void) => {
      order.push(name);
      release();
    };
    const waiting = [
      semaphore.acquire(undefined, 'last').then(recordThenRelease('fan-out call')),
      semaphore.acquire(undefined, 'in-turn').then(recordThenRelease('new call 1')),
      semaphore.acquire(undefined, 'first').then(recordThenRelease('next page A')),
      semaphore.acquire(undefined, 'in-turn').then(recordThenRelease('new call 2')),
      semaphore.acquire(undefined, 'first').then(recordThenRelease('next page B')),
    ];
    held();
    await Promise.all(waiting);
    expect(order).toEqual(['next page A', 'next page B', 'new call 1', 'new call 2', 'fan-out call']);
  });

  it('drops a waiter whose signal aborts, and gives its turn to the next', async () => {
    const semaphore = new Semaphore(1);
    const held = await semaphore.acquire();
    const controller = new AbortController();
    const cancelled = semaphore.acquire(controller.signal);
    const next = semaphore.acquire();
    controller.abort();
    await expect(cancelled).rejects.toBeDefined();
    held();
    await expect(next).resolves.toBeTypeOf('function');
  });

  it('ignores a second release of the same permit', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    release();
    release();
    await semaphore.acquire();
    let acquired = false;
    void semaphore.acquire().then(() => (acquired = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(acquired).toBe(false);
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
