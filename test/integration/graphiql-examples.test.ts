// GraphiQL's example tabs: the contract's operations, each runnable as it opens.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS } from '../../src/http/example-operations.js';
import { exampleTabs } from '../../src/http/example-tabs.js';
import { lastFullMonth } from '../helpers/expected.js';
import { startStack, type Stack } from '../helpers/stack.js';

const CONTRACT = fileURLToPath(new URL('../../../shared/contract/operations.graphql', import.meta.url));
const contractExists = existsSync(CONTRACT);

function operationsByName(source: string): Map<string, string> {
  const operations = parse(source).definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  return new Map(operations.map((operation) => [operation.name?.value ?? '', print(operation)]));
}

const contractState = contractExists ? 'found' : 'absent: ../shared/contract is not beside this checkout';

describe.skipIf(!contractExists)(`GraphiQL examples and the contract (${contractState})`, () => {
  it('offer every operation of the contract, unchanged', () => {
    const contract = operationsByName(readFileSync(CONTRACT, 'utf8'));
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
