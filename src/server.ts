import http from 'node:http';
import type { AddressInfo } from 'node:net';
import compression from 'compression';
import cors from 'cors';
import { constants as zlib } from 'node:zlib';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { TracerProvider } from '@opentelemetry/api';
import type { Config } from './config.js';
import { CachedReads } from './cache/cached-reads.js';
import { credentialIdentity, SharedCache } from './cache/shared-cache.js';
import { createCacheStore } from './cache/store.js';
import { ConfluentClient } from './confluent/client.js';
import type { ConfluentReads } from './confluent/reads.js';
import { createContext, type Context } from './context.js';
import { argumentChecksPlugin } from './graphql/argument-checks-plugin.js';
import { formatError } from './graphql/errors.js';
import { ResponseCache } from './graphql/response-cache.js';
import { internalErrorLogPlugin } from './graphql/internal-error-log-plugin.js';
import { knownOperationTypesRule } from './graphql/known-operation-types-rule.js';
import { requestLimitOptions } from './graphql/limits/request-limits.js';
import { allowedMethodsRouter } from './http/allowed-methods.js';
import { authentication, callerOf } from './http/authentication.js';
import { graphiqlRouter } from './http/graphiql.js';
import { healthRouter } from './http/health.js';
import { jsonErrorHandler } from './http/json-errors.js';
import type { Logger } from './logger.js';
import { Metrics } from './observability/metrics.js';
import { metricsPlugin } from './observability/metrics-plugin.js';
import { metricsRouter } from './observability/metrics-route.js';
import { tracingPlugin } from './observability/tracing-plugin.js';
import { requestLogPlugin } from './graphql/request-log-plugin.js';
import { resolvers } from './resolvers/index.js';
import { typeOfNodeId } from './resolvers/node.js';
import { fieldAccess, scopedResolvers } from './graphql/scopes.js';
import { loadTypeDefs } from './schema.js';
import { startTrafficCollection } from './traffic/schedule.js';
import type { TrafficStore } from './traffic/store.js';

export const GRAPHQL_PATH = '/graphql';

export interface ServerOptions {
  config: Config;
  /** The Confluent Cloud API and its Metrics API (or the simulator's) and the Cloud API key to read them with. */
  upstream: { apiUrl: string; telemetryUrl: string; apiKey: string; apiSecret: string };
  /**
   * Daily Kafka traffic kept beyond the Metrics API's week (src/traffic); without it, only that week
   * has data. With COLLECT_TRAFFIC=on the server fills it itself while it listens.
   */
  trafficStore?: TrafficStore;
  logger: Logger;
  /** Where spans go; without one, tracing is off. */
  tracerProvider?: TracerProvider;
}

export interface Subgraph {
  /** Serves GraphQL on `port`, and Prometheus's `/metrics` on the configured metrics port. */
  listen(port: number, host?: string): Promise<{ url: string; metricsUrl: string }>;
  /** Stops taking requests, lets in-flight ones finish, then closes upstream connections. */
  stop(): Promise<void>;
}

export function createServer(options: ServerOptions): Subgraph {
  const { config, logger } = options;
  let stopCollecting: (() => Promise<void>) | undefined;
  // The gauge reads the client only when scraped, after it exists.
  const metrics = new Metrics({ upstreamCallsInFlight: (): number => client.callsInFlight });
  const client = new ConfluentClient({
    apiUrl: options.upstream.apiUrl,
    telemetryUrl: options.upstream.telemetryUrl,
    apiKey: options.upstream.apiKey,
    apiSecret: options.upstream.apiSecret,
    maxConcurrencyPerHost: config.upstreamMaxConcurrency,
    logger,
    onUpstreamCall: metrics.recordUpstreamCall,
  });
  const cacheStore = createCacheStore(config.cache, logger);
  const sharedCache =
    cacheStore &&
    new SharedCache({
      store: cacheStore.store,
      serializes: cacheStore.serializes,
      credential: credentialIdentity(options.upstream.apiKey, options.upstream.apiSecret),
      logger,
      metrics: metrics.cache,
    });
  const reads: ConfluentReads = sharedCache ? new CachedReads(client, sharedCache) : client;
  // Whole responses are kept beside the shared cache, and not in the naive (unbatched) mode.
  const responses = sharedCache && config.batching ? new ResponseCache(sharedCache) : undefined;
  const app = express();
  const httpServer = http.createServer(app);
  const limits = requestLimitOptions(config.limits);
  const typeDefs = loadTypeDefs();
  const mayRead = fieldAccess(typeDefs);
  const apollo = new ApolloServer<Context>({
    // Scopes come only from tokens: without them, no field has anything to check.
    schema: buildSubgraphSchema({ typeDefs, resolvers: config.auth.jwt ? scopedResolvers(typeDefs, resolvers, typeOfNodeId) : resolvers }),
    formatError,
    // Compact JSON: Apollo's default pretty-prints, which doubles the size of large responses.
    stringifyResult: responses?.stringifyResult ?? ((result) => JSON.stringify(result)),
    logger,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.production,
    csrfPrevention: true,
    introspection: config.introspection,
    parseOptions: limits.parseOptions,
    validationRules: [knownOperationTypesRule, ...limits.validationRules],
    // Apollo's guard against fragments that multiply into millions of selections; it runs before the rules above.
    maxRecursiveSelections: true,
    // A batch would multiply every per-request limit and the deadline; a router sends one operation per request.
    allowBatchedHttpRequests: false,
    // main.ts owns the signals: it drains the server, then closes the simulator and exits.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No per-field cache policy: it would cost a hook on every field of every response.
      ApolloServerPluginCacheControlDisabled(),
      ...(responses ? [responses.plugin()] : []),
      requestLogPlugin(),
      metricsPlugin(metrics),
      ...(options.tracerProvider ? [tracingPlugin(options.tracerProvider.getTracer('confluent-subgraph'))] : []),
      argumentChecksPlugin(),
      limits.plugin,
      internalErrorLogPlugin(logger),
    ],
  });

  app.disable('x-powered-by');
  // An ETag would hash every response (megabytes for a wide query) for a POST no cache revalidates.
  app.set('etag', false);
  app.use(healthRouter(client, sharedCache));
  // Browsers of the listed origins only; a preflight is answered here, before authentication.
  if (config.corsOrigins.length > 0) {
    app.use(
      GRAPHQL_PATH,
      cors({ origin: config.corsOrigins, methods: ['GET', 'POST'], allowedHeaders: ['Authorization', 'Content-Type'], maxAge: 600 }),
    );
  }
  app.use(allowedMethodsRouter(GRAPHQL_PATH));
  if (config.graphiql) app.use(graphiqlRouter(GRAPHQL_PATH));
  // Metrics on a port of their own, which the GraphQL port's callers need not reach.
  const metricsApp = express().disable('x-powered-by').use(metricsRouter(metrics.registry));
  const metricsServer = http.createServer(metricsApp);

  let started = false;
  return {
    async listen(port, host) {
      await apollo.start();
      started = true;
      if (config.traffic.collect && options.trafficStore) {
        stopCollecting = startTrafficCollection({ client, store: options.trafficStore, logger });
      }
      app.use(
        GRAPHQL_PATH,
        // Responses of 1 KB and more, gzip or deflate as the client accepts (a router asks for them).
        ...(config.compression
          ? [compression({ brotli: { params: { [zlib.BROTLI_PARAM_LGWIN]: 18, [zlib.BROTLI_PARAM_QUALITY]: 2 } } })]
          : []),
        authentication(config.auth),
        express.json({ limit: config.bodyLimitBytes }),
        expressMiddleware(apollo, {
          context: async ({ req, res }) => {
            const caller = callerOf(res);
            return createContext({
              caller,
              mayRead: (path) => mayRead(caller.scopes, path),
              reads,
              storedTraffic: options.trafficStore,
              policy: { batching: config.batching, onBatch: metrics.recordBatch },
              logger,
              requestTimeoutMs: config.requestTimeoutMs,
              requestId: req.get('x-request-id'),
            });
          },
        }),
      );
      app.use(jsonErrorHandler(logger));
      return { url: await listening(httpServer, port, host), metricsUrl: await listening(metricsServer, config.metricsPort, host) };
    },
    async stop() {
      await stopCollecting?.();
      metricsServer.close();
      if (started) await apollo.stop();
      else httpServer.close();
      await client.close();
      await cacheStore?.close();
      // prom-client's default metrics observe GC and the event loop for the life of the process and
      // hold the registry; emptied, it no longer holds this server (its caches) once stopped.
      metrics.registry.clear();
    },
  };
}

async function listening(server: http.Server, port: number, host: string | undefined): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${shownHost}:${address.port}`;
}
