import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { READINESS_KEPT_MS } from '../../src/http/health.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { lastFullMonth } from '../helpers/expected.js';
import { scrape, valueOf } from '../helpers/prometheus.js';
import { redisAvailable, startRedis, type RedisUnderTest } from '../helpers/redis.js';
import { startServerOver, type ServerUnderTest } from '../helpers/stack.js';

const QUERY = `query ($period: DateRangeInput!) { workspaces(first: 100) { nodes { id
  clusters(first: 100) { nodes { id name } }
  usageSummary(period: $period, groupBy: [PRODUCT]) { product { id } amount }
  roleBindings(first: 100) { totalCount nodes { principal { id } } } } } }`;

describe.skipIf(!redisAvailable)(
  `two replicas sharing one Redis (${redisAvailable ? 'redis-server found' : 'skipped: no /usr/bin/redis-server; .ci/run installs it'})`,
  () => {
    let simulator: Simulator;
    let redis: RedisUnderTest;
    let first: ServerUnderTest;
    let second: ServerUnderTest;
    const period = lastFullMonth();

    beforeAll(async () => {
      simulator = await startSimulator();
      redis = await startRedis();
      const config = { cache: { kind: 'redis' as const, url: redis.url } };
      first = await startServerOver(simulator, { config });
      second = await startServerOver(simulator, { config });
    });
    afterAll(async () => {
      await first?.close();
      await second?.close();
      await redis?.stop();
      await simulator?.close();
    });

    it('answers on the second replica, with no upstream call, what the first one warmed', async () => {
      const warmed = await first.graphql(QUERY, { period });
      expect(warmed.errors).toBeUndefined();
      expect(simulator.log.count()).toBeGreaterThan(0);
      simulator.log.clear();
      const answered = await second.graphql(QUERY, { period });
      expect(answered).toEqual(warmed);
      expect(simulator.log.count()).toBe(0);
      expect(await (await fetch(`${second.url}/readyz`)).json()).toEqual({ status: 'ready', cache: 'available' });
      const metrics = await scrape(second.metricsUrl);
      expect(valueOf(metrics, 'cache_available')).toBe(1);
      expect(valueOf(metrics, 'cache_requests_total', { resource: 'responses', result: 'hit' })).toBe(1);
    });

    it('reads cost lines another replica kept, for a query of its own over the same period', async () => {
      const usage = `query ($period: DateRangeInput!) { usage(period: $period, first: 5) { totalCount nodes { id amount resource { id } } }
      usageSummary(period: $period, groupBy: [WORKSPACE]) { workspace { id } amount } }`;
      await first.graphql(QUERY, { period });
      simulator.log.clear();
      const answered = await second.graphql(usage, { period });
      expect(answered.errors).toBeUndefined();
      expect(simulator.log.count()).toBe(0);
      expect(answered.data.usage.totalCount).toBeGreaterThan(5);
      expect(answered.data.usage.nodes).toHaveLength(5);
      expect(answered).toEqual(await first.graphql(usage, { period }));
    });

    it('still answers with Redis stopped, reading Confluent, and says the cache is unavailable', async () => {
      await redis.stop();
      simulator.log.clear();
      const answered = await second.graphql(`{ users(first: 3, filter: { status: INVITED }) { totalCount } }`);
      expect(answered.errors).toBeUndefined();
      expect(answered.data.users.totalCount).toBeGreaterThan(0);
      expect(simulator.log.count('GET /iam/v2/invitations')).toBe(1);
      // Readiness is checked again once the last check is old enough (probes share one for a while).
      const now = Date.now();
      vi.spyOn(Date, 'now').mockReturnValue(now + READINESS_KEPT_MS);
      const ready = await fetch(`${second.url}/readyz`);
      vi.restoreAllMocks();
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', cache: 'unavailable' });
      const metrics = await scrape(second.metricsUrl);
      expect(valueOf(metrics, 'cache_available')).toBe(0);
      expect(valueOf(metrics, 'cache_errors_total', { operation: 'get' })).toBeGreaterThan(0);
    });
  },
);
