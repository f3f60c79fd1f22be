import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { Context } from '../context.js';

/**
 * Keeps the objects of the last request answered, its context (the loaders and the records they
 * read) and its response (the result's objects), until the next request is answered.
 *
 * V8 drops the code it optimized for a shape of object once the last object of that shape is
 * collected, and every object of a request dies with it: after a quiet spell, once a major garbage
 * collection has taken them all, the next request ran through about 35 functions compiled anew
 * (graphql-jit's handlers for role bindings and usage lines, the reading of role-binding records,
 * DataLoader's prime, ...), which for a cold wide query on two cores took CPU from the cost page
 * readers and the event loop (measured: a cold flagship about 26 ms faster with one request kept).
 * The price is the memory of one request, held until the next one is answered.
 */
export class LastRequestKeeper implements ApolloServerPlugin<Context> {
  #kept: { context: Context; response: unknown } | undefined;

  /** The last request answered, as kept. */
  get kept(): { context: Context; response: unknown } | undefined {
    return this.#kept;
  }

  async requestDidStart(): Promise<GraphQLRequestListener<Context>> {
    return {
      willSendResponse: async ({ contextValue, response }) => {
        this.#kept = { context: contextValue, response };
      },
    };
  }
}
