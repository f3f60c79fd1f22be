/**
 * Whether the router asks for a federated trace (ftv1) of this request. Such a request is executed
 * on graphql-js, where Apollo's inline trace plugin sees every field, and never answered from the
 * answer cache, so that its trace is a real one.
 */
export function asksForFederatedTrace(http: { headers: { get(name: string): string | null | undefined } } | undefined): boolean {
  return http?.headers.get('apollo-federation-include-trace') === 'ftv1';
}
