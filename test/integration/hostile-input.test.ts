// Input shaped to break a server: deeply nested variables, entity representations whose keys would
// reach a Confluent URL, and request ids made to flood or forge log lines. Each is refused or
// replaced with a clear code, costs no upstream call, and leaves the server answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `[[[…value…]]]`, `depth` arrays deep, as JSON text (JSON.stringify itself would overflow building it). */
const nestedJson = (depth: number, value = '"u-1"') => `${'['.repeat(depth)}${value}${']'.repeat(depth)}`;

describe('hostile input', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  async function post(body: string, headers: Record<string, string> = {}) {
    stack.simulator.log.clear();
    const response = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) as any, upstreamCalls: stack.simulator.log.count() };
  }

  it.each([
    ['an id', 'query ($id: ID!) { user(id: $id) { id } }', 'id'],
    ['a filter', 'query ($f: UserFilter) { users(filter: $f) { totalCount } }', 'f'],
    ['representations', 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', 'r'],
  ])('answers variables nested 5,000 deep in %s with a 400 and a code', async (_, query, name) => {
    const { status, body, upstreamCalls } = await post(`{"query":${JSON.stringify(query)},"variables":{"${name}":${nestedJson(5_000)}}}`);
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(upstreamCalls).toBe(0);
  });

  it.each([
    ['a role binding id that is a path', { __typename: 'RoleBinding', id: '..' }],
    ['a workspace id with a slash', { __typename: 'Workspace', id: 'env-1/../../iam/v2/users' }],
    ['a user id that is a number', { __typename: 'User', id: 123 }],
    ['a user id that is an object', { __typename: 'User', id: { toString: 'u-1' } }],
    ['an email that is a list', { __typename: 'User', email: ['a@example.com'] }],
    ['a cluster id with a query string', { __typename: 'KafkaCluster', id: 'lkc-1?environment=env-2' }],
  ])('refuses a representation with %s before any upstream call', async (_, representation) => {
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
    const { status, body, upstreamCalls } = await post(JSON.stringify({ query, variables: { r: [representation] } }));
    expect(status).toBe(400);
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'representations' });
    expect(upstreamCalls).toBe(0);
  });

  it.each([
    ['too long', 'r'.repeat(10_000)],
    ['with markup', '<script>alert(1)</script>'],
    ['with spaces and quotes', 'id "forged" level=50'],
  ])('logs a request id of its own when the caller sends one %s', async (_, requestId) => {
    const before = stack.logLines.length;
    await post('{"query":"{ organization { id } }"}', { 'x-request-id': requestId });
    const line = stack.logLines
      .slice(before)
      .map((text) => JSON.parse(text))
      .find((entry) => entry.msg === 'graphql request');
    expect(line.requestId).toMatch(UUID);
  });

  it("keeps the caller's plain request id", async () => {
    const before = stack.logLines.length;
    await post('{"query":"{ organization { id } }"}', { 'x-request-id': 'router-7f3a:01.2_b' });
    const line = stack.logLines
      .slice(before)
      .map((text) => JSON.parse(text))
      .find((entry) => entry.msg === 'graphql request');
    expect(line.requestId).toBe('router-7f3a:01.2_b');
  });

  it('answers a good query after all of them', async () => {
    const { status, body } = await post('{"query":"{ organization { id } }"}');
    expect({ status, body }).toEqual({ status: 200, body: { data: { organization: { id: stack.simulator.data.organization.id } } } });
  });
});

describe('upstream values of the wrong type', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('are coerced to the type the schema declares, or fail their own field with a code', async () => {
    const [environment] = stack.simulator.data.environments;
    const sent = environment as unknown as Record<string, any>;
    sent.display_name = 42;
    sent.metadata = { ...sent.metadata, created_at: 'not a date' };
    const { data, errors } = await stack.graphql(`{ workspace(id: "${environment!.id}") { id name createdAt } }`);
    expect(data.workspace).toEqual({ id: environment!.id, name: '42', createdAt: null });
    expect(errors).toEqual([expect.objectContaining({ path: ['workspace', 'createdAt'], extensions: { code: 'INTERNAL' } })]);
  });
});
