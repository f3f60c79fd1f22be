// Operations run as queries compiled by graphql-jit, each document compiled once, and answer as
// graphql-js answers them; a request the router traces (ftv1) runs on graphql-js, so its trace
// holds every field.
import { compileQuery } from 'graphql-jit';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FLAGSHIP_DOCUMENT, FLAGSHIP_OPERATION } from '../helpers/flagship.js';
import { lastFullMonth } from '../helpers/expected.js';
import { startServerOver, startStack, type Stack } from '../helpers/stack.js';

vi.mock('graphql-jit', async (importOriginal) => {
  const original = await importOriginal<typeof import('graphql-jit')>();
  return { ...original, compileQuery: vi.fn(original.compileQuery) };
});

let stack: Stack;
const period = lastFullMonth();

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());
// A block: a function returned from beforeEach would be called after the test.
beforeEach(() => {
  vi.mocked(compileQuery).mockClear();
});

async function post(body: object, traced = false, url = stack.url): Promise<{ data?: any; errors?: any[]; extensions?: { ftv1?: unknown } }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (traced) headers['apollo-federation-include-trace'] = 'ftv1';
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify(body) });
  return (await response.json()) as { data?: any; errors?: any[] };
}

const flagship = { query: FLAGSHIP_DOCUMENT, operationName: FLAGSHIP_OPERATION, variables: { period } };

describe('compiled execution', () => {
  it('compiles a document once and runs it again with other variables', async () => {
    const query = 'query One($id: ID!) { workspace(id: $id) { id name } }';
    const [first, second] = stack.simulator.data.environments;
    const answers = [await post({ query, variables: { id: first!.id } }), await post({ query, variables: { id: second!.id } })];
    expect(answers.map((answer) => answer.data.workspace)).toEqual([
      { id: first!.id, name: first!.display_name },
      { id: second!.id, name: second!.display_name },
    ]);
    expect(compileQuery).toHaveBeenCalledTimes(1);
  });

  it('answers the flagship as graphql-js does, which runs the traced request', async () => {
    const compiled = await post(flagship);
    expect(compileQuery).toHaveBeenCalledTimes(1);
    const traced = await post(flagship, true);
    expect(compileQuery).toHaveBeenCalledTimes(1);
    expect(typeof traced.extensions?.ftv1).toBe('string');
    expect(compiled.errors).toBeUndefined();
    expect(compiled.data.workspaces.nodes.length).toBeGreaterThan(0);
    expect(compiled.data).toEqual(traced.data);
  });

  it('reports field errors as graphql-js does, beside the fields that did not fail', async () => {
    // A wrong secret fails every field that reads Confluent; the role catalog needs no call.
    const locked = await startServerOver(stack.simulator, { apiSecret: 'not-the-secret' });
    try {
      const query = '{ organization { id } roles(first: 2) { nodes { name } } workspaces(first: 1) { totalCount } }';
      const compiled = await post({ query }, false, locked.url);
      const traced = await post({ query }, true, locked.url);
      expect(compiled.errors).toHaveLength(2);
      expect(compiled.data.roles.nodes).toHaveLength(2);
      // Each call has its own Confluent request id; everything else is the same.
      const withoutCallIds = (errors: any[] = []) => errors.map(({ extensions: { upstreamRequestId, ...extensions }, ...error }) => {
        expect(upstreamRequestId).toBeTypeOf('string');
        return { ...error, extensions };
      });
      expect(compiled.data).toEqual(traced.data);
      expect(withoutCallIds(compiled.errors)).toEqual(withoutCallIds(traced.errors));
    } finally {
      await locked.close();
    }
  });
});
