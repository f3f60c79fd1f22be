import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

const ORGANIZATIONS = `{ organizations(first: 5) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id name createdAt } } }`;

describe('the subgraph over the simulator', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('lists the simulator organization', async () => {
    const org = stack.simulator.data.organization;
    const { data, errors } = await stack.graphql(ORGANIZATIONS);
    expect(errors).toBeUndefined();
    expect(data.organizations.totalCount).toBe(1);
    expect(data.organizations.nodes).toEqual([{ id: org.id, name: org.display_name, createdAt: org.metadata?.created_at }]);
    expect(data.organizations.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    expect(data.organizations.pageInfo.endCursor).toEqual(expect.any(String));
  });

  it('answers organization without an id with the key’s own organization, and by id', async () => {
    const org = stack.simulator.data.organization;
    const { data } = await stack.graphql(
      `query ($id: ID) { mine: organization { id name } byId: organization(id: $id) { id } missing: organization(id: "00000000-0000-4000-8000-000000000000") { id } }`,
      { id: org.id },
    );
    expect(data).toEqual({ mine: { id: org.id, name: org.display_name }, byId: { id: org.id }, missing: null });
  });

  it('resolves the organization through node(id:)', async () => {
    const org = stack.simulator.data.organization;
    const { data } = await stack.graphql(`query ($id: ID!) { node(id: $id) { __typename id } }`, { id: org.id });
    expect(data.node).toEqual({ __typename: 'Organization', id: org.id });
  });

  it.each([0, 101, -5])('rejects first: %i with BAD_USER_INPUT before any upstream call', async (first) => {
    stack.simulator.log.clear();
    const response = await stack.graphql(`query ($first: Int) { organizations(first: $first) { totalCount } }`, { first });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/first/);
    expect(stack.simulator.log.count()).toBe(0);
  });

  it('rejects a malformed cursor with BAD_USER_INPUT', async () => {
    const response = await stack.graphql(`{ organizations(after: "not-a-cursor") { totalCount } }`);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers malformed JSON with a 400 JSON error and no stack trace', async () => {
    const response = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('serves GraphiQL to a browser from its own host only', async () => {
    const response = await fetch(`${stack.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('GraphiQL');
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      expect(asset.startsWith('/')).toBe(true);
      const file = await fetch(`${stack.url}${asset}`);
      expect(file.status, asset).toBe(200);
      expect((await file.arrayBuffer()).byteLength, asset).toBeGreaterThan(1000);
    }
  });

  it('reports health and readiness', async () => {
    expect(await (await fetch(`${stack.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${stack.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', cache: 'off' });
  });
});

describe('the subgraph with a wrong API secret', () => {
  const wrongSecret = 'cfltWRONGSECRET0123456789abcdef';
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ apiSecret: wrongSecret });
  });
  afterAll(() => stack.close());

  it('is not ready, and says why without the secret', async () => {
    const response = await fetch(`${stack.url}/readyz`);
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ status: 'unavailable', code: 'UNAUTHENTICATED' });
    expect(text).not.toContain(wrongSecret);
  });

  it('answers queries with UNAUTHENTICATED and never shows or logs the secret', async () => {
    const response = await stack.graphql(ORGANIZATIONS);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(response)).not.toContain(wrongSecret);
    expect(stack.logLines.length).toBeGreaterThan(0);
    expect(stack.logLines.join('\n')).not.toContain(wrongSecret);
  });
});
