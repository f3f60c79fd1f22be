// A second subgraph for the supergraph test: a company directory that knows people by work email.
// It adds `employee` to the Confluent subgraph's User and points each employee at their Confluent
// user, both through User's email key.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

export interface Employee {
  email: string;
  name: string;
  department: string;
}

export const COMPANY_DIRECTORY_SDL = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  "A person in the company directory, keyed by work email."
  type Employee @key(fields: "email") {
    email: String!
    name: String!
    department: String!
    "The person's Confluent Cloud user, joined by email; null when they have none."
    confluentUser: User
  }

  # The Confluent subgraph's User, joined by email. Its email is nullable there (service accounts
  # have none) and so here: String! would compose, with a hint, but promise what it cannot keep.
  type User @key(fields: "email") {
    email: String
    "The directory's entry for this user; null for service accounts and people not in it."
    employee: Employee
  }

  type Query {
    employees: [Employee!]!
  }
`);

const normalised = (email: string) => email.toLowerCase();

/** Starts the directory on a free loopback port. */
export async function startCompanyDirectory(employees: readonly Employee[]) {
  const byEmail = new Map(employees.map((employee) => [normalised(employee.email), employee]));
  const resolvers = {
    Query: { employees: () => employees },
    Employee: {
      __resolveReference: ({ email }: { email: string }) => byEmail.get(normalised(email)) ?? null,
      confluentUser: ({ email }: Employee) => ({ email }),
    },
    User: {
      employee: ({ email }: { email: string | null }) => (email ? (byEmail.get(normalised(email)) ?? null) : null),
    },
  };
  const server = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs: COMPANY_DIRECTORY_SDL, resolvers }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}
