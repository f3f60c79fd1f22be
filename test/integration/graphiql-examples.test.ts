// GraphiQL's example tabs: the contract's operations, each runnable as it opens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS } from '../../src/http/example-operations.js';
import { exampleTabs } from '../../src/http/example-tabs.js';
import { contractExists, contractState, operationsByName, servedOperations } from '../helpers/contract.js';
import { lastFullMonth } from '../helpers/expected.js';
import { startStack, type Stack } from '../helpers/stack.js';

describe.skipIf(!contractExists)(`GraphiQL examples and the contract (${contractState})`, () => {
  it('offer every operation of the contract that the schema serves, unchanged', () => {
    const contract = servedOperations;
    const examples = operationsByName(EXAMPLE_OPERATIONS);
    expect([...examples.keys()].sort()).toEqual([...contract.keys()].sort());
    for (const [name, operation] of contract) expect(examples.get(name), name).toBe(operation);
  });
});

describe('GraphiQL example tabs against the simulator', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  const tabs = exampleTabs(new Date()).map((tab) => [tab.operationName, tab] as const);

  it.each(tabs)('%s runs as it opens, without errors', async (_name, tab) => {
    const response = await stack.graphql(tab.query, tab.variables ? JSON.parse(tab.variables) : undefined);
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data).toBeDefined();
  });

  it('are in the page GraphiQL is served in, with the period computed when it is served', async () => {
    const html = await (await fetch(`${stack.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    const { start, end } = lastFullMonth();
    expect(html).toContain('query WorkspaceUsageAndAccess(');
    expect(html).toContain('query ServiceSdl');
    expect(html).toContain(`\\"start\\": \\"${start}\\"`);
    expect(html).toContain(`\\"end\\": \\"${end}\\"`);
  });
});
