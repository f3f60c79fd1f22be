// A page of workspaces starts the reads its fields will need beside the workspace listing: cost
// lines for each period asked for, and the role bindings with their principals. The environment
// listing is made to hang here, so every other call in the log was started without waiting for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/confluent/routes.js';
import { FLAGSHIP_DOCUMENT, FLAGSHIP_OPERATION } from '../helpers/flagship.js';
import { lastFullMonth } from '../helpers/expected.js';
import { startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
const period = lastFullMonth();

beforeAll(async () => {
  stack = await startStack({ config: { requestTimeoutMs: 1_000 } });
});

afterAll(async () => {
  stack.simulator.faults.clear();
  await stack.close();
});

/** The routes called while answering `query` with the environment listing hanging. */
async function routesCalledWhileEnvironmentsHang(query: () => Promise<unknown>): Promise<Record<string, number>> {
  stack.simulator.log.clear();
  stack.simulator.faults.clear();
  stack.simulator.faults.hang(ROUTES.environments);
  await query();
  stack.simulator.faults.clear();
  return stack.simulator.log.countsByRoute();
}

describe('reads started with a page of workspaces', () => {
  it('list costs, role bindings, people and service accounts before any workspace is known', { timeout: 10_000 }, async () => {
    const calls = await routesCalledWhileEnvironmentsHang(() => stack.graphqlDocument(FLAGSHIP_DOCUMENT, FLAGSHIP_OPERATION, { period }));
    expect(calls[ROUTES.environments]).toBe(1);
    expect(calls[ROUTES.costs]).toBeGreaterThan(0);
    expect(calls[ROUTES.organizations]).toBe(1);
    expect(calls[ROUTES.roleBindings]).toBeGreaterThan(0);
    expect(calls[ROUTES.users]).toBeGreaterThan(0);
    expect(calls[ROUTES.serviceAccounts]).toBeGreaterThan(0);
    expect(calls[ROUTES.clusters]).toBeUndefined();
  });

  it('start nothing for fields the page does not select, or skips', { timeout: 10_000 }, async () => {
    const query = `query($period: DateRangeInput!, $skip: Boolean!) { workspaces(first: 5) { nodes {
      id usage(period: $period, first: 5) @skip(if: $skip) { totalCount }
      roleBindings(first: 5) @include(if: false) { totalCount } } } }`;
    const calls = await routesCalledWhileEnvironmentsHang(() => stack.graphql(query, { period, skip: true }));
    expect(calls).toEqual({ [ROUTES.environments]: 1 });
  });

  it('list role bindings without principals when the bindings do not show them', { timeout: 10_000 }, async () => {
    const query = `{ organization { workspaces(first: 5) { edges { node { roleBindings(first: 5) { nodes { id role { name } } } } } } } }`;
    const calls = await routesCalledWhileEnvironmentsHang(() => stack.graphql(query));
    expect(calls[ROUTES.roleBindings]).toBeGreaterThan(0);
    expect(calls[ROUTES.users]).toBeUndefined();
    expect(calls[ROUTES.serviceAccounts]).toBeUndefined();
  });
});
