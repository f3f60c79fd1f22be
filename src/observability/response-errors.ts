import type { GraphQLResponse } from '@apollo/server';

/** The distinct `extensions.code` values of a response's errors; an error without one counts as INTERNAL. */
export function errorCodesOf(response: GraphQLResponse): string[] {
  const body = response.body;
  const errors = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
  return [...new Set(errors.map((error) => String(error.extensions?.code ?? 'INTERNAL')))];
}
