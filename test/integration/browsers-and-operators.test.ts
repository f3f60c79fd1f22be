// What browsers and operators reach: CORS for listed origins only, /metrics on its own port,
// readiness that asks Confluent at most once in a while, and GraphiQL only where it is wanted.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { READINESS_KEPT_MS } from '../../src/http/health.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { startServerOver, type ServerUnderTest } from '../helpers/stack.js';

const APP = 'https://app.example.com';

describe('browsers and operators', () => {
  let simulator: Simulator;
  let server: ServerUnderTest;
  let closed: ServerUnderTest;
  beforeAll(async () => {
    simulator = await startSimulator();
    server = await startServerOver(simulator, { config: { corsOrigins: [APP, 'http://localhost:3000'] } });
    closed = await startServerOver(simulator, { config: { graphiql: false } });
  });
  afterAll(async () => {
    await server.close();
    await closed.close();
    await simulator.close();
  });

  const preflight = (url: string, origin: string) =>
    fetch(`${url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });

  it('answers the preflight of a listed origin, allowing Authorization and Content-Type', async () => {
    const response = await preflight(server.url, APP);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase().split(',')).toEqual(['authorization', 'content-type']);
    const post = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { origin: APP, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organization { id } }' }),
    });
    expect(post.headers.get('access-control-allow-origin')).toBe(APP);
  });

  it('allows no other origin, nor any without CORS_ORIGINS', async () => {
    expect((await preflight(server.url, 'https://evil.example.com')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(server.url, 'https://app.example.com.evil.example.com')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(closed.url, APP)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves /metrics on the metrics port only', async () => {
    expect((await fetch(`${server.metricsUrl}/metrics`)).status).toBe(200);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${server.metricsUrl}/graphql`)).status).toBe(404);
  });

  it('asks Confluent at most once per readiness window, however often it is probed', async () => {
    simulator.log.clear();
    const now = Date.now() + 3_600_000;
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now);
    const probes = await Promise.all(Array.from({ length: 10 }, () => fetch(`${server.url}/readyz`)));
    expect(probes.map((probe) => probe.status)).toEqual(Array(10).fill(200));
    clock.mockReturnValue(now + READINESS_KEPT_MS - 1);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(simulator.log.count()).toBe(1);
    clock.mockReturnValue(now + READINESS_KEPT_MS);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(simulator.log.count()).toBe(2);
    clock.mockRestore();
  });

  it('serves GraphiQL only where it is on', async () => {
    const page = (url: string) => fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
    expect((await page(server.url)).headers.get('content-type')).toMatch(/text\/html/);
    expect((await page(closed.url)).headers.get('content-type')).not.toMatch(/text\/html/);
  });

  it('turns GraphiQL off under NODE_ENV=production unless GRAPHIQL=on, and refuses an origin with a path', () => {
    expect(loadConfig({}).graphiql).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).graphiql).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', GRAPHIQL: 'on' }).graphiql).toBe(true);
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.com, http://localhost:3000/' }).corsOrigins).toEqual([
      'https://a.example.com',
      'http://localhost:3000',
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example.com/app' })).toThrow(/^CORS_ORIGINS:/);
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(/^CORS_ORIGINS:/);
  });
});
