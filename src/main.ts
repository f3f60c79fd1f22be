// Entry point: the only module with side effects. Reads the configuration, starts the built-in
// simulator when no credentials are set, serves the subgraph, and drains on SIGTERM.
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { createOtlpTracerProvider } from './observability/tracing.js';
import { createServer } from './server.js';
import { startSimulator } from './simulator/index.js';
import { openTrafficStore } from './traffic/store.js';

async function upstreamFor(config: Config, logger: Logger) {
  if (config.upstream.mode === 'confluent') {
    const { apiUrl, telemetryUrl, apiKey, apiSecret } = config.upstream;
    logger.info({ apiUrl, telemetryUrl, apiKey }, 'serving a Confluent Cloud organization');
    const trafficStore = await openTrafficStore({ databaseUrl: config.traffic.databaseUrl, dataDir: config.traffic.dataDir });
    return { upstream: { apiUrl, telemetryUrl, apiKey, apiSecret }, trafficStore, close: () => trafficStore.close() };
  }
  const simulator = await startSimulator();
  // The demo organization's traffic history, as a collector running all year would have kept it,
  // so that chargeback shows allocated cost at once; the last week comes from its Metrics API.
  const trafficStore = await openTrafficStore({ inMemory: true });
  await trafficStore.writeDays(simulator.trafficHistory());
  logger.info({ simulatorUrl: simulator.url }, 'no Confluent credentials set: serving the built-in simulator and its demo organization');
  return {
    upstream: {
      apiUrl: simulator.url,
      telemetryUrl: simulator.telemetryUrl,
      apiKey: simulator.credentials.apiKey,
      apiSecret: simulator.credentials.apiSecret,
    },
    trafficStore,
    close: async () => {
      await trafficStore.close();
      await simulator.close();
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`confluent-subgraph: invalid configuration: ${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  if (config.upstream.mode === 'confluent' && !config.auth.routerSecret && !config.auth.jwt) {
    logger.warn('AUTH_DISABLED=true: anyone who reaches the port reads this organization with the configured API key');
  }
  const { upstream, trafficStore, close } = await upstreamFor(config, logger);
  const tracerProvider = config.tracing && createOtlpTracerProvider(config.tracing, logger);
  if (config.tracing) logger.info({ serviceName: config.tracing.serviceName }, 'exporting traces over OTLP');
  const server = createServer({ config, upstream, trafficStore, logger, tracerProvider });
  const { url, metricsUrl } = await server.listen(config.port, config.host);
  logger.info({ url: `${url}/graphql`, metrics: `${metricsUrl}/metrics` }, 'subgraph ready');

  let draining = false;
  const shutdown = async (signal: string) => {
    if (draining) return;
    draining = true;
    logger.info({ signal }, 'draining');
    await server.stop();
    await close();
    // Sends the spans still buffered.
    await tracerProvider?.shutdown();
    process.exit(0);
  };
  // `on`, not `once`: a loader such as tsx re-raises a signal that no listener is left to handle.
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`confluent-subgraph: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
