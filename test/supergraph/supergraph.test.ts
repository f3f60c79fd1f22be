// The subgraph in a supergraph: composed with a company directory by @apollo/composition, served by
// @apollo/gateway over real HTTP, and queried across both subgraphs in both directions by email.
import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindingsOfPrincipal } from '../helpers/expected.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { COMPANY_DIRECTORY_SDL, startCompanyDirectory, type Employee } from './company-directory.js';

/**
 * @apollo/gateway refuses a supergraph that uses `@authenticated` and `@requiresScopes`, which only
 * Apollo Router enforces; the subgraph enforces them itself (authorization.test.ts). Left out here,
 * so the gateway can plan the queries that cross the two subgraphs.
 */
function withoutSecurityFeatures(supergraphSdl: string): string {
  return supergraphSdl
    .replace(/\n\s*@link\(url: "https:\/\/specs\.apollo\.dev\/(authenticated|requiresScopes)\/[^"]+", for: SECURITY\)/g, '')
    .replace(/^directive @(authenticated|requiresScopes)\b.*$/gm, '')
    .replace(/ @(authenticated|requiresScopes)(\(scopes: \[[^\n]*?\]\))?(?=[\s{])/g, '');
}

const OUTSIDER: Employee = { email: 'contractor@elsewhere.example', name: 'Kim Outside', department: 'Facilities' };
const DEPARTMENTS = ['Platform', 'Finance', 'Security'];

describe('the supergraph of this subgraph and a company directory', () => {
  let stack: Stack;
  let directory: Awaited<ReturnType<typeof startCompanyDirectory>>;
  let router: ApolloServer;
  let routerUrl: string;
  let employees: Employee[];
  let composition: ReturnType<typeof composeServices>;

  const query = async (document: string) => {
    const response = await fetch(routerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: document }),
    });
    return (await response.json()) as { data?: any; errors?: unknown[] };
  };

  beforeAll(async () => {
    stack = await startStack();
    // People on the first page of `users`, which lists people in Confluent's order.
    employees = [0, 5, 10].map((index, position) => {
      const user = stack.simulator.data.users[index]!;
      return { email: user.email!, name: user.full_name ?? user.email!, department: DEPARTMENTS[position]! };
    });
    employees.push(OUTSIDER);
    directory = await startCompanyDirectory(employees);

    // This subgraph's SDL as a router's tooling reads it: from the running server.
    const sdl = (await stack.graphql<{ _service: { sdl: string } }>('{ _service { sdl } }')).data!._service.sdl;
    composition = composeServices([
      { name: 'confluent', url: `${stack.url}/graphql`, typeDefs: parse(sdl) },
      { name: 'company-directory', url: directory.url, typeDefs: COMPANY_DIRECTORY_SDL },
    ]);
    if (composition.errors) return;

    const quiet = { debug() {}, info() {}, warn: console.warn, error: console.error };
    const gateway = new ApolloGateway({ supergraphSdl: withoutSecurityFeatures(composition.supergraphSdl), logger: quiet });
    router = new ApolloServer({ gateway, logger: quiet });
    ({ url: routerUrl } = await startStandaloneServer(router, { listen: { port: 0, host: '127.0.0.1' } }));
  });
  afterAll(async () => {
    await router?.stop();
    await directory?.stop();
    await stack?.close();
  });

  it('composes without errors or hints but the scopes of Node, User joined by its email key', () => {
    expect(composition.errors?.map((error) => error.message)).toBeUndefined();
    // Composition gives the Node interface the scopes of the types that implement it here, which the
    // directory's own Node lacks: the only hint, and the one expected.
    expect(composition.hints?.map((hint) => hint.toString())).toEqual([
      expect.stringMatching(
        /^\[MERGED_NON_REPEATABLE_DIRECTIVE_ARGUMENTS\]: Directive @requiresScopes is applied to "Node" in multiple subgraphs/,
      ),
    ]);
    expect(composition.supergraphSdl).toMatch(/@requiresScopes\(scopes: \[\["confluent:billing:read"\]\]\)/);
    expect(composition.supergraphSdl).toMatch(/type User\b[^{]*@join__type\(graph: COMPANY_DIRECTORY, key: "email"\)/);
  });

  it('goes from Confluent users to their directory entry', async () => {
    const { data, errors } = await query('{ users(first: 100) { nodes { id email employee { name department } } } }');
    expect(errors).toBeUndefined();
    const byEmail = new Map(employees.map((employee) => [employee.email, employee]));
    const expected = stack.simulator.data.users.slice(0, 100).map((user) => {
      const employee = byEmail.get(user.email!);
      const entry = employee ? { name: employee.name, department: employee.department } : null;
      return { id: user.id, email: user.email, employee: entry };
    });
    expect(data.users.nodes).toEqual(expected);
    expect(data.users.nodes.filter((user: { employee: unknown }) => user.employee !== null)).toHaveLength(employees.length - 1);
  });

  it('gives service accounts, which have no email, no directory entry', async () => {
    const { data, errors } = await query(
      '{ users(first: 10, filter: { type: SERVICE_ACCOUNT }) { nodes { id email employee { department } } } }',
    );
    expect(errors).toBeUndefined();
    expect(data.users.nodes).toEqual(
      stack.simulator.data.serviceAccounts.slice(0, 10).map((account) => ({ id: account.id, email: null, employee: null })),
    );
  });

  it('goes from directory employees to their Confluent access', async () => {
    const { data, errors } = await query(
      '{ employees { email department confluentUser { id type roleBindings(first: 1) { totalCount } } } }',
    );
    expect(errors).toBeUndefined();
    const { users } = stack.simulator.data;
    const expected = employees.map((employee) => {
      const user = users.find((candidate) => candidate.email === employee.email);
      return {
        email: employee.email,
        department: employee.department,
        confluentUser: user
          ? { id: user.id, type: 'HUMAN', roleBindings: { totalCount: bindingsOfPrincipal(stack.simulator.data, user.id).length } }
          : null,
      };
    });
    expect(data.employees).toEqual(expected);
    expect(data.employees.some((employee: any) => employee.confluentUser?.roleBindings.totalCount > 0)).toBe(true);
  });
});
