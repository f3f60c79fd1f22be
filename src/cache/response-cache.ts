import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Context } from '../context.js';
import type { SharedCache } from './shared-cache.js';
import { TTL_SECONDS } from './ttl.js';

/**
 * Whole answers, kept as long as the shortest-lived data in any of them (the directory's), so a
 * dashboard asking the same wide query again is answered without executing it. Answers with errors
 * are never kept (Apollo's response-cache plugin). Entries live in the shared cache, under the
 * credential's namespace, with its error handling: a failing store is a miss.
 */
export function responseCachePlugins(cache: SharedCache): ApolloServerPlugin<Context>[] {
  const store: KeyValueCache<string> = {
    get: (key) => cache.get<string>('responses', cache.keyOf(['response', key])),
    set: (key, value, options) => cache.set(cache.keyOf(['response', key]), value, options?.ttl ?? TTL_SECONDS.responses),
    delete: async () => {},
  };
  return [
    ApolloServerPluginCacheControl({ defaultMaxAge: TTL_SECONDS.responses, calculateHttpHeaders: false }),
    responseCachePlugin<Context>({ cache: store }),
  ];
}
