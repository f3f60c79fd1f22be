// Who may call: the router's shared secret and users' bearer tokens, checked before anything runs,
// against a JWKS this test serves from keys it generates. A refused request gets 401 with
// UNAUTHENTICATED and costs no upstream call.
import { UnsecuredJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuthConfig } from '../../src/config.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { startServerOver, type ServerUnderTest } from '../helpers/stack.js';
import { AUDIENCE, ISSUER, jwksServer, jwtAuth as jwtAuthAt, signingKey, token, type SigningKey } from '../helpers/tokens.js';

const QUERY = JSON.stringify({ query: '{ organization { id } }' });

describe('authentication', () => {
  let simulator: Simulator;
  let jwks: Awaited<ReturnType<typeof jwksServer>>;
  const published: SigningKey[] = [];
  let current: SigningKey;
  let other: SigningKey;
  const servers: ServerUnderTest[] = [];

  beforeAll(async () => {
    simulator = await startSimulator();
    [current, other] = await Promise.all([signingKey('key-1'), signingKey('key-other')]);
    published.push(current);
    jwks = await jwksServer(published);
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    for (const server of servers) await server.close();
    jwks.server.close();
    await simulator.close();
  });

  async function serverWith(auth: AuthConfig): Promise<ServerUnderTest> {
    const server = await startServerOver(simulator, { config: { auth } });
    servers.push(server);
    return server;
  }
  const jwtAuth = (): AuthConfig => jwtAuthAt(jwks.url);

  async function post(server: ServerUnderTest, headers: Record<string, string>) {
    simulator.log.clear();
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: QUERY,
    });
    return {
      status: response.status,
      body: (await response.json()) as any,
      upstreamCalls: simulator.log.count(),
      challenge: response.headers.get('www-authenticate'),
    };
  }

  const expectRefused = (result: Awaited<ReturnType<typeof post>>) => {
    expect(result.status).toBe(401);
    expect(result.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(result.body.data).toBeUndefined();
    expect(result.upstreamCalls).toBe(0);
  };

  it('serves a request with a valid bearer token', async () => {
    const server = await serverWith(jwtAuth());
    const result = await post(server, { authorization: `Bearer ${await token(current)}` });
    expect(result.status).toBe(200);
    expect(result.body.data.organization.id).toBe(simulator.data.organization.id);
  });

  it.each([
    ['no token', async () => ({})],
    ['another scheme', async () => ({ authorization: 'Basic dXNlcjpwYXNz' })],
    [
      'an expired token',
      async () => ({
        authorization: `Bearer ${await token(current, {}, (jwt) => jwt.setExpirationTime(Math.floor(Date.now() / 1000) - 60))}`,
      }),
    ],
    ['a token not valid yet', async () => ({ authorization: `Bearer ${await token(current, {}, (jwt) => jwt.setNotBefore('10m'))}` })],
    [
      'a token of another issuer',
      async () => ({ authorization: `Bearer ${await token(current, {}, (jwt) => jwt.setIssuer('https://evil.example.com/'))}` }),
    ],
    [
      'a token for another audience',
      async () => ({ authorization: `Bearer ${await token(current, {}, (jwt) => jwt.setAudience('another-api'))}` }),
    ],
    ['a token signed by a key the JWKS does not hold', async () => ({ authorization: `Bearer ${await token(other)}` })],
    [
      'an unsigned token (alg: none)',
      async () => ({
        authorization: `Bearer ${new UnsecuredJWT({ scope: 'confluent:billing:read' }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').encode()}`,
      }),
    ],
    ['a token that is not a JWT', async () => ({ authorization: 'Bearer not.a.jwt' })],
  ])('refuses %s with 401 and no upstream call', async (_, headers) => {
    const server = await serverWith(jwtAuth());
    const result = await post(server, await headers());
    expectRefused(result);
    expect(result.challenge).toMatch(/^Bearer/);
  });

  it('accepts a key added to the JWKS without a restart, fetching the JWKS again once', async () => {
    const server = await serverWith(jwtAuth());
    expect((await post(server, { authorization: `Bearer ${await token(current)}` })).status).toBe(200);
    const fetchedBefore = jwks.fetches();
    const rotated = await signingKey('key-2');
    published.push(rotated);
    // Past the cool-down between two fetches of the JWKS.
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 11_000);
    expect((await post(server, { authorization: `Bearer ${await token(rotated)}` })).status).toBe(200);
    expect(jwks.fetches()).toBe(fetchedBefore + 1);
    // The key is known from then on: no more fetches.
    expect((await post(server, { authorization: `Bearer ${await token(rotated)}` })).status).toBe(200);
    expect(jwks.fetches()).toBe(fetchedBefore + 1);
  });

  it("logs the caller's subject and scopes, from `scope` or `scp`, and never the token", async () => {
    const server = await serverWith(jwtAuth());
    const spaced = await token(current, { scope: 'confluent:directory:read confluent:billing:read' });
    const listed = await token(current, { scope: undefined, scp: ['confluent:inventory:read'] }, (jwt) => jwt.setSubject('user-2'));
    await post(server, { authorization: `Bearer ${spaced}` });
    await post(server, { authorization: `Bearer ${listed}` });
    const lines = server.logLines.map((line) => JSON.parse(line)).filter((line) => line.msg === 'graphql request');
    expect(lines.map((line) => [line.sub, line.scopes])).toEqual([
      ['user-1', ['confluent:directory:read', 'confluent:billing:read']],
      ['user-2', ['confluent:inventory:read']],
    ]);
    for (const line of server.logLines) {
      expect(line).not.toContain(spaced);
      expect(line).not.toContain(listed);
    }
  });

  it("refuses a request without the router's secret, or with another, and serves one with it", async () => {
    const server = await serverWith({ routerSecret: 's3cret-shared-with-the-router' });
    expectRefused(await post(server, {}));
    expectRefused(await post(server, { 'router-authorization': 's3cret-shared-with-the-rout' }));
    expect((await post(server, { 'router-authorization': 's3cret-shared-with-the-router' })).status).toBe(200);
  });

  it('requires both the secret and a token when both are set', async () => {
    const server = await serverWith({ ...jwtAuth(), routerSecret: 'router-secret' });
    const bearer = `Bearer ${await token(current)}`;
    expectRefused(await post(server, { authorization: bearer }));
    expectRefused(await post(server, { 'router-authorization': 'router-secret' }));
    expect((await post(server, { authorization: bearer, 'router-authorization': 'router-secret' })).status).toBe(200);
  });

  it('leaves the health endpoints open', async () => {
    const server = await serverWith({ routerSecret: 'router-secret' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
