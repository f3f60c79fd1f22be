import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { Context, EncodedAnswer } from '../context.js';
import type { SharedCache } from './shared-cache.js';
import { TTL_SECONDS } from './ttl.js';
import { asksForFederatedTrace } from '../graphql/federated-trace.js';
import { utf8Bytes } from '../http/utf8-bytes.js';

/** A kept answer: the JSON text that was sent. An object, so its bytes can be kept beside it. */
interface KeptAnswer {
  json: string;
}

/** The text of an answer's data, and whether the data are only a stand-in for a kept answer. */
interface EncodedData {
  text: string;
  standIn: boolean;
}

/**
 * Whole answers to queries, kept as the JSON text that was sent, so a dashboard asking the same
 * wide query again gets the same bytes back without executing it, parsing it or encoding it
 * again. An answer is kept as long as the shortest-lived data it may hold (the directory's);
 * answers with errors are never kept. Entries live in the shared cache, under the credential's
 * namespace and with its error handling: a failing store is a miss.
 *
 * Apollo Server encodes every answer through `stringifyResult`; the text of an answer that is
 * already encoded (read from the cache, or encoded here to be kept) is found there by its `data`
 * object, which Apollo passes through unchanged. The request's `encodedAnswer` carries the same
 * text with its UTF-8 bytes, which the HTTP layer then sends as they are.
 */
export class AnswerCache {
  readonly #cache: SharedCache;
  readonly #encodedData = new WeakMap<object, EncodedData>();
  /** Bytes of answers kept in memory, encoded once for all the requests they answer. */
  readonly #bytesOfAnswer = new WeakMap<KeptAnswer, Buffer>();

  constructor(cache: SharedCache) {
    this.#cache = cache;
  }

  /**
   * Apollo Server's `stringifyResult`: the text already encoded for these data, unless a plugin
   * added errors or extensions to a fresh answer after it was encoded; else compact JSON (Apollo's
   * default pretty-prints, which doubles the time and size of large answers).
   */
  readonly stringifyResult = (result: FormattedExecutionResult): string => {
    const encoded = result.data ? this.#encodedData.get(result.data) : undefined;
    if (encoded && (encoded.standIn || (result.errors === undefined && result.extensions === undefined))) return encoded.text;
    return JSON.stringify(result);
  };

  plugin(): ApolloServerPlugin<Context> {
    return {
      requestDidStart: async () => {
        let key: string | undefined;
        let fromCache = false;
        return {
          responseForOperation: async (request) => {
            key = this.#keyOf(request);
            if (key === undefined) return null;
            const kept = await this.#cache.get<KeptAnswer>('responses', key);
            if (typeof kept?.json !== 'string') return null;
            fromCache = true;
            let bytes = this.#bytesOfAnswer.get(kept);
            if (!bytes) {
              bytes = utf8Bytes(kept.json);
              this.#bytesOfAnswer.set(kept, bytes);
            }
            // A stand-in for the data: stringifyResult gives the kept text in its place.
            const data = {};
            this.#encodedData.set(data, { text: kept.json, standIn: true });
            setEncoded(request.contextValue.encodedAnswer, kept.json, bytes);
            return { http: request.response.http, body: { kind: 'single', singleResult: { data } } };
          },
          willSendResponse: async ({ response, contextValue }) => {
            if (key === undefined || fromCache || response.body.kind !== 'single') return;
            const { data, errors, extensions } = response.body.singleResult;
            if (!data || errors?.length || extensions) return;
            const kept: KeptAnswer = { json: JSON.stringify({ data }) };
            const bytes = utf8Bytes(kept.json);
            this.#encodedData.set(data, { text: kept.json, standIn: false });
            this.#bytesOfAnswer.set(kept, bytes);
            setEncoded(contextValue.encodedAnswer, kept.json, bytes);
            // Kept in the background: the answer does not wait for the store (SharedCache.set never rejects).
            void this.#cache.set(key, kept, TTL_SECONDS.responses);
          },
        };
      },
    };
  }

  /** The cache key of a query with its variables; none for mutations, subscriptions and traced requests. */
  #keyOf(request: GraphQLRequestContext<Context>): string | undefined {
    if (request.operation?.operation !== 'query' || request.queryHash === undefined) return undefined;
    if (asksForFederatedTrace(request.request.http)) return undefined;
    const { operationName = null, variables = {} } = request.request;
    // Hashed, as variables (200 entity representations, say) can be long.
    const hash = createHash('sha256').update(JSON.stringify([request.queryHash, operationName, variables])).digest('base64url');
    return this.#cache.keyOf(['answer', hash]);
  }
}

function setEncoded(slot: EncodedAnswer, text: string, bytes: Buffer): void {
  slot.text = text;
  slot.bytes = bytes;
}
