// Whole responses to queries, kept in the shared cache as the JSON text that was sent, so a
// dashboard asking the same query again gets it without executing it: at once, and without
// building the response anew (a wide one is megabytes of objects). A response is kept only while
// every piece of Confluent data it was built from is fresh (the request's Freshness), so it is never
// older than the data's own time to live allows.
import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { SharedCache } from '../cache/shared-cache.js';
import type { Context } from '../context.js';

/** The longest a response is kept: for one that read nothing that expires (the role catalog, say). */
const LONGEST_KEPT_MS = 60_000;

export class ResponseCache {
  readonly #cache: SharedCache;
  /** The kept text of responses served from the cache, found by the stand-in data they carry. */
  readonly #keptText = new WeakMap<object, string>();

  constructor(cache: SharedCache) {
    this.#cache = cache;
  }

  /** Apollo Server's `stringifyResult`: a kept response as its text, anything else as compact JSON. */
  readonly stringifyResult = (result: FormattedExecutionResult): string =>
    (result.data && this.#keptText.get(result.data)) ?? JSON.stringify(result);

  plugin(): ApolloServerPlugin<Context> {
    return {
      requestDidStart: async () => {
        let key: string | undefined;
        let served = false;
        return {
          responseForOperation: async (request) => {
            key = this.#keyOf(request);
            if (key === undefined) return null;
            const kept = await this.#cache.get<string>('responses', key);
            if (kept === undefined) return null;
            served = true;
            const data = {};
            this.#keptText.set(data, kept.value);
            return { http: request.response.http, body: { kind: 'single', singleResult: { data } } };
          },
          willSendResponse: async ({ response, contextValue }) => {
            if (key === undefined || served || response.body.kind !== 'single') return;
            const { data, errors, extensions } = response.body.singleResult;
            if (!data || errors?.length || extensions) return;
            // Kept in the background: the response does not wait for the store (set never rejects).
            const expiresAt = Math.min(contextValue.freshness.until, Date.now() + LONGEST_KEPT_MS);
            void this.#cache.set(key, JSON.stringify({ data }), expiresAt);
          },
        };
      },
    };
  }

  /**
   * The key of a query with everything that changes its response: the document, the operation, the
   * caller's scopes and the variables (the credential is the cache's namespace). None for mutations, for requests whose
   * router asks for a trace of their execution, and for variables too deep to write out.
   */
  #keyOf(request: GraphQLRequestContext<Context>): string | undefined {
    if (request.operation?.operation !== 'query' || request.queryHash === undefined) return undefined;
    if (request.request.http?.headers.get('apollo-federation-include-trace') === 'ftv1') return undefined;
    let variables: string;
    try {
      variables = JSON.stringify(request.request.variables ?? {});
    } catch {
      return undefined;
    }
    // The caller's scopes change which fields answer: callers with other scopes get other responses.
    const scopes = request.contextValue.caller.scopes;
    const hash = createHash('sha256')
      .update(JSON.stringify([request.queryHash, request.request.operationName ?? null, scopes ? [...scopes].sort() : null]))
      .update(variables)
      .digest('base64url');
    return this.#cache.keyOf(['response', hash]);
  }
}
