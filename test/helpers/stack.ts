// The whole stack for integration tests: the simulator and the real server, both on real sockets.
import { Writable } from 'node:stream';
import type { TracerProvider } from '@opentelemetry/api';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/server.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { openTrafficStore, type TrafficStore } from '../../src/traffic/store.js';

/** An in-memory traffic store holding the simulator's history: what a collector running all year would have kept. */
export async function demoTrafficStore(simulator: Simulator): Promise<TrafficStore> {
  const store = await openTrafficStore({ inMemory: true });
  await store.writeDays(simulator.trafficHistory());
  return store;
}

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

/** The real server on a real port, over a simulator that may be shared with other servers. */
export interface ServerUnderTest {
  url: string;
  /** Where Prometheus's `/metrics` is served. */
  metricsUrl: string;
  /** Every log line the server wrote, as raw JSON text. */
  logLines: string[];
  graphql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** One named operation of a document with several. */
  graphqlDocument<T = any>(document: string, operationName: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export interface Stack extends ServerUnderTest {
  simulator: Simulator;
}

export interface ServerOverrides {
  config?: Partial<Config>;
  /** Daily traffic kept beyond the Metrics API's week; see `demoTrafficStore`. */
  trafficStore?: TrafficStore;
  apiSecret?: string;
  tracerProvider?: TracerProvider;
}

export async function startServerOver(simulator: Simulator, options: ServerOverrides = {}): Promise<ServerUnderTest> {
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const server = createServer({
    // Without the shared cache every request reaches the simulator, so call counts are per request;
    // the cache's own tests turn it on.
    config: { ...loadConfig({}), requestTimeoutMs: 10_000, cache: { kind: 'off' }, metricsPort: 0, ...options.config },
    upstream: {
      apiUrl: simulator.url,
      telemetryUrl: simulator.telemetryUrl,
      apiKey: simulator.credentials.apiKey,
      apiSecret: options.apiSecret ?? simulator.credentials.apiSecret,
    },
    trafficStore: options.trafficStore,
    logger: createLogger('debug', sink),
    tracerProvider: options.tracerProvider,
  });
  const { url, metricsUrl } = await server.listen(0, '127.0.0.1');
  const post = async (body: Record<string, unknown>) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, ...((await response.json()) as object) };
  };
  return {
    url,
    metricsUrl,
    logLines,
    graphql: (query, variables) => post({ query, variables }),
    graphqlDocument: (document, operationName, variables) => post({ query: document, operationName, variables }),
    close: () => server.stop(),
  };
}

/** A simulator of its own and the server over it. */
export async function startStack(options: ServerOverrides & { simulator?: SimulatorOptions } = {}): Promise<Stack> {
  const simulator = await startSimulator(options.simulator);
  const server = await startServerOver(simulator, options);
  return {
    ...server,
    simulator,
    async close() {
      await server.close();
      await simulator.close();
    },
  };
}
