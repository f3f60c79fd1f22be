import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { describe, expect, it, vi } from 'vitest';
import { CachedReads } from '../../src/cache/cached-reads.js';
import { InFlightCalls } from '../../src/cache/in-flight.js';
import { credentialIdentity, SharedCache } from '../../src/cache/shared-cache.js';
import { createCacheStore } from '../../src/cache/store.js';
import { costsTtlSeconds, RECENT_COSTS_TTL_SECONDS, SETTLED_COSTS_TTL_SECONDS } from '../../src/cache/ttl.js';
import { ConfluentError } from '../../src/confluent/errors.js';
import { ROUTES } from '../../src/confluent/routes.js';
import { createLogger } from '../../src/logger.js';
import { costLineReader } from '../../src/confluent/cost-lines.js';

const logger = createLogger('silent');

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('costsTtlSeconds', () => {
  const now = Date.parse('2026-11-29T12:00:00Z');
  it('keeps windows that ended more than 72 hours ago for long', () => {
    expect(costsTtlSeconds('2026-11-01', now)).toBe(SETTLED_COSTS_TTL_SECONDS);
    expect(costsTtlSeconds('2026-11-26', now)).toBe(SETTLED_COSTS_TTL_SECONDS);
  });
  it('keeps windows reaching into the last 72 hours briefly', () => {
    expect(costsTtlSeconds('2026-11-27', now)).toBe(RECENT_COSTS_TTL_SECONDS);
    expect(costsTtlSeconds('2026-11-30', now)).toBe(RECENT_COSTS_TTL_SECONDS);
  });
});

describe('SharedCache', () => {
  it('never lets one credential read what another wrote, even with the same key id', async () => {
    const store = new InMemoryLRUCache<string>();
    const first = new SharedCache({ store, serializes: true, credential: credentialIdentity('KEY', 'secret-one'), logger });
    const second = new SharedCache({ store, serializes: true, credential: credentialIdentity('KEY', 'secret-two'), logger });
    await first.set(first.keyOf(['users']), [{ id: 'u-1' }], Date.now() + 60_000);
    expect((await first.get('users', first.keyOf(['users'])))?.value).toEqual([{ id: 'u-1' }]);
    expect(await second.get('users', second.keyOf(['users']))).toBeUndefined();
    expect(credentialIdentity('KEY', 'secret-one')).not.toContain('secret');
  });

  it('turns store errors into misses and reports itself unavailable, then available again', async () => {
    let failing = true;
    const inner = new InMemoryLRUCache<string>();
    const flaky: KeyValueCache<string> = {
      get: (key) => (failing ? Promise.reject(new Error('connection refused')) : inner.get(key)),
      set: (key, value, options) => (failing ? Promise.reject(new Error('connection refused')) : inner.set(key, value, options)),
      delete: (key) => inner.delete(key),
    };
    const events: string[] = [];
    const cache = new SharedCache({
      store: flaky,
      serializes: true,
      credential: 'c',
      logger,
      metrics: {
        hit: (resource) => events.push(`hit:${resource}`),
        miss: (resource) => events.push(`miss:${resource}`),
        error: (operation) => events.push(`error:${operation}`),
        available: (available) => events.push(`available:${available}`),
      },
    });
    await cache.set(cache.keyOf(['users']), [1], Date.now() + 60_000);
    expect(await cache.get('users', cache.keyOf(['users']))).toBeUndefined();
    expect(cache.available).toBe(false);
    failing = false;
    expect(await cache.probe()).toBe(true);
    const expiresAt = Date.now() + 60_000;
    await cache.set(cache.keyOf(['users']), [1], expiresAt);
    expect(await cache.get('users', cache.keyOf(['users']))).toEqual({ value: [1], expiresAt });
    expect(events).toEqual(['available:true', 'error:set', 'available:false', 'error:get', 'miss:users', 'available:true', 'hit:users']);
  });

  it('serves no entry past its own expiry, whatever the store still holds, and keeps none for under a second', async () => {
    const store = new InMemoryLRUCache<string>();
    const cache = new SharedCache({ store, serializes: true, credential: 'c', logger });
    const now = Date.now();
    await cache.set(cache.keyOf(['users']), [1], now + 30_000);
    await cache.set(cache.keyOf(['environments']), [2], now + 900);
    expect(await store.get(cache.keyOf(['environments']))).toBeUndefined();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now + 29_000);
    expect((await cache.get('users', cache.keyOf(['users'])))?.value).toEqual([1]);
    clock.mockReturnValue(now + 30_001);
    expect(await store.get(cache.keyOf(['users']))).toBeDefined();
    expect(await cache.get('users', cache.keyOf(['users']))).toBeUndefined();
    clock.mockRestore();
  });

  it('treats a store that does not answer as a miss', async () => {
    const silent: KeyValueCache<string> = { get: () => new Promise(() => {}), set: async () => {}, delete: async () => true };
    const cache = new SharedCache({ store: silent, serializes: true, credential: 'c', logger });
    expect(await cache.get('users', cache.keyOf(['users']))).toBeUndefined();
    expect(cache.available).toBe(false);
  });
});

describe('InFlightCalls', () => {
  it('makes identical calls in flight at once only once', async () => {
    const calls = new InFlightCalls();
    const answer = deferred<string>();
    let started = 0;
    const start = () => {
      started += 1;
      return answer.promise;
    };
    const both = Promise.all([calls.run('k', 'users', start, {}), calls.run('k', 'users', start, {})]);
    answer.resolve('listed');
    expect(await both).toEqual(['listed', 'listed']);
    expect(started).toBe(1);
    // Once settled, the next call starts afresh.
    const again = calls.run('k', 'users', start, {});
    expect(await again).toBe('listed');
    expect(started).toBe(2);
  });

  it('lets a caller with a short deadline leave without failing the others or aborting the call', async () => {
    const calls = new InFlightCalls();
    const answer = deferred<string>();
    let sharedSignal: AbortSignal | undefined;
    const start = (request: { signal?: AbortSignal }) => {
      sharedSignal = request.signal;
      return answer.promise;
    };
    const impatient = new AbortController();
    const first = calls.run('k', 'costs', start, { signal: impatient.signal });
    const second = calls.run('k', 'costs', start, { signal: new AbortController().signal });
    impatient.abort();
    await expect(first).rejects.toBeInstanceOf(ConfluentError);
    expect(sharedSignal?.aborted).toBe(false);
    answer.resolve('costs');
    expect(await second).toBe('costs');
  });

  it('keeps the shared call going until the latest deadline among the callers still waiting', async () => {
    const calls = new InFlightCalls();
    const seen: Array<number | undefined> = [];
    let sharedOptions: { deadlineAt?: number } = {};
    const start = (request: { deadlineAt?: number }) => {
      sharedOptions = request;
      seen.push(request.deadlineAt);
      return new Promise<never>(() => {});
    };
    const soon = new AbortController();
    const now = Date.now();
    const first = calls.run('k', 'costs', start, { signal: soon.signal, deadlineAt: now + 1_000 });
    const second = calls.run('k', 'costs', start, { signal: new AbortController().signal, deadlineAt: now + 9_000 });
    // The first caller's deadline, then the later one once the second caller waits too.
    expect(seen).toEqual([now + 1_000]);
    expect(sharedOptions.deadlineAt).toBe(now + 9_000);
    soon.abort(new DOMException('deadline', 'TimeoutError'));
    await expect(first).rejects.toMatchObject({ kind: 'timeout' });
    expect(sharedOptions.deadlineAt).toBe(now + 9_000);
    const third = calls.run('k', 'costs', start, { signal: new AbortController().signal, deadlineAt: now + 20_000 });
    expect(sharedOptions.deadlineAt).toBe(now + 20_000);
    void second.catch(() => {});
    void third.catch(() => {});
  });

  it('aborts the shared call when every caller has left', async () => {
    const calls = new InFlightCalls();
    let sharedSignal: AbortSignal | undefined;
    const controller = new AbortController();
    const call = calls.run(
      'k',
      'costs',
      (request) => {
        sharedSignal = request.signal;
        return new Promise<never>(() => {});
      },
      { signal: controller.signal },
    );
    controller.abort(new DOMException('deadline', 'TimeoutError'));
    await expect(call).rejects.toMatchObject({ kind: 'timeout' });
    expect(sharedSignal?.aborted).toBe(true);
  });
});

describe('cached reads', () => {
  it('names the Confluent route, not the cache entry, to a caller that stops waiting on a shared call', async () => {
    const store = new InMemoryLRUCache<object>();
    const cache = new SharedCache({ store, serializes: false, credential: 'c', logger });
    const never = new Promise<never>(() => {});
    const upstream = { listUsers: () => never } as unknown as ConstructorParameters<typeof CachedReads>[0];
    const reads = new CachedReads(upstream, cache);
    const impatient = new AbortController();
    const waiting = reads.listUsers({ signal: impatient.signal });
    impatient.abort(new DOMException('deadline', 'TimeoutError'));
    await expect(waiting).rejects.toMatchObject({ kind: 'timeout', route: ROUTES.users });
  });
});

describe('the in-memory store', () => {
  it('weighs a large text by its length, so a few of them fill it', async () => {
    const memory = createCacheStore({ kind: 'memory', maxBytes: 10_000_000 }, logger)!;
    const record = (mark: string) => ({ text: mark.repeat(2_000_000) });
    for (const mark of ['a', 'b', 'c']) await memory.store.set(mark, record(mark));
    // Each weighs about 4 MB: the oldest has made room for the newest.
    expect(await memory.store.get('a')).toBeUndefined();
    expect(await memory.store.get('b')).toEqual(record('b'));
    expect(await memory.store.get('c')).toEqual(record('c'));
  });

  it('weighs listings by their length', async () => {
    const memory = createCacheStore({ kind: 'memory', maxBytes: 150_000 }, logger)!;
    await memory.store.set(
      'small',
      Array.from({ length: 100 }, (_, i) => ({ id: i })),
    );
    await memory.store.set(
      'large',
      Array.from({ length: 5_000 }, (_, i) => ({ id: i })),
    );
    expect(await memory.store.get('small')).toHaveLength(100);
    // 5,000 items of a field each, weighed as 48 bytes each with their place in the list, do not fit in 150 KB.
    expect(await memory.store.get('large')).toBeUndefined();
  });

  it('weighs a window of cost lines by the fields and text of its lines', async () => {
    const memory = createCacheStore({ kind: 'memory', maxBytes: 1_000_000 }, logger)!;
    const readLine = costLineReader();
    const window = (count: number) =>
      Array.from({ length: count }, (_, i) =>
        readLine({
          id: `cost-${i}`,
          start_date: '2026-10-01',
          end_date: '2026-10-02',
          unit: 'GB',
          original_amount: 1,
          description: `line ${i}`,
        }),
      );
    await memory.store.set('small', window(100));
    await memory.store.set('large', window(5_000));
    expect(await memory.store.get('small')).toHaveLength(100);
    // 5,000 lines of 17 fields each are more than a megabyte.
    expect(await memory.store.get('large')).toBeUndefined();
  });
});
