// What clients may learn from errors, and what the server keeps to itself: codes and paths yes;
// stack traces, upstream URLs, secrets and (in production) schema details no.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startStack, type Stack } from '../helpers/stack.js';

const TYPO = '{ organization { id nmae } }';

async function postJson(stack: Stack, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('outside production', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('suggests field names', async () => {
    const { body } = await postJson(stack, { query: TYPO });
    expect(body.errors[0].message).toMatch(/Did you mean "name"\?/);
  });

  it('answers introspection', async () => {
    const { body } = await postJson(stack, { query: '{ __schema { queryType { name } } }' });
    expect(body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  describe('CSRF prevention', () => {
    const getQuery = (headers: Record<string, string> = {}) =>
      fetch(`${stack.url}/graphql?query=${encodeURIComponent('{ organization { id } }')}`, { headers });

    it('refuses a GET query that a browser could send cross-site without a preflight, before any upstream call', async () => {
      stack.simulator.log.clear();
      const response = await getQuery();
      expect(response.status).toBe(400);
      const body = (await response.json()) as any;
      expect(body.errors[0].message).toMatch(/Cross-Site Request Forgery/);
      expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(stack.simulator.log.count()).toBe(0);
    });

    it('refuses a POST whose content type a cross-site form can send', async () => {
      const response = await fetch(`${stack.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ query: '{ organization { id } }' }),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as any).errors[0].message).toMatch(/Cross-Site Request Forgery/);
    });

    it('answers a GET with apollo-require-preflight, or with a JSON content type', async () => {
      const preflighted: Record<string, string>[] = [{ 'apollo-require-preflight': 'true' }, { 'content-type': 'application/json' }];
      for (const headers of preflighted) {
        const response = await getQuery(headers);
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ data: { organization: { id: stack.simulator.data.organization.id } } });
      }
    });
  });
});

describe('in production', () => {
  let stack: Stack;
  beforeAll(async () => {
    const config = loadConfig({ NODE_ENV: 'production' });
    stack = await startStack({ config: { production: config.production, introspection: config.introspection } });
  });
  afterAll(() => stack.close());

  it('suggests no field names', async () => {
    const { status, body } = await postJson(stack, { query: TYPO });
    expect(status).toBe(400);
    expect(body.errors[0].message).toMatch(/Cannot query field "nmae" on type "Organization"/);
    expect(JSON.stringify(body)).not.toMatch(/Did you mean/);
  });

  it('refuses introspection by default, and still serves the SDL to the router', async () => {
    for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "User") { name } }']) {
      const { status, body } = await postJson(stack, { query });
      expect(status).toBe(400);
      expect(body.errors[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', validationErrorCode: 'INTROSPECTION_DISABLED' });
    }
    const { body } = await postJson(stack, { query: '{ _service { sdl } }' });
    expect(body.errors).toBeUndefined();
    expect(body.data._service.sdl).toMatch(/type Workspace implements Node\s+@key\(fields: "id"\)/);
  });
});

describe('the INTROSPECTION setting', () => {
  it('is on outside production and off in production unless set', () => {
    expect(loadConfig({}).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'on' }).introspection).toBe(true);
    expect(loadConfig({ INTROSPECTION: 'false' }).introspection).toBe(false);
    expect(() => loadConfig({ INTROSPECTION: 'maybe' })).toThrow(/^INTROSPECTION:/);
  });

  it('turns introspection off outside production', async () => {
    const stack = await startStack({ config: { introspection: loadConfig({ INTROSPECTION: 'off' }).introspection } });
    try {
      const { body } = await postJson(stack, { query: '{ __schema { queryType { name } } }' });
      expect(body.errors[0].extensions.validationErrorCode).toBe('INTROSPECTION_DISABLED');
    } finally {
      await stack.close();
    }
  });
});

describe('an unexpected error', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('reaches the client as "Internal error" with its path, and the log once with the request id', async () => {
    // Upstream data this service does not expect: a creation time that is no date.
    const organization = stack.simulator.data.organization;
    organization.metadata = { ...organization.metadata, created_at: 'the day before yesterday' };
    const { status, body } = await postJson(stack, { query: '{ organization { id createdAt } }' }, { 'x-request-id': 'req-unexpected-1' });
    expect(status).toBe(200);
    expect(body).toEqual({
      data: { organization: { id: organization.id, createdAt: null } },
      errors: [
        {
          message: 'Internal error',
          path: ['organization', 'createdAt'],
          locations: [{ line: 1, column: 21 }],
          extensions: { code: 'INTERNAL' },
        },
      ],
    });
    const logged = stack.logLines.map((line) => JSON.parse(line)).filter((line) => line.msg === 'internal error');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 50, requestId: 'req-unexpected-1', path: ['organization', 'createdAt'] });
    expect(logged[0].error).toMatchObject({ type: 'GraphQLError', message: expect.stringMatching(/the day before yesterday/) });
    expect(stack.logLines.join('\n')).not.toContain(stack.simulator.credentials.apiSecret);
  });
});
