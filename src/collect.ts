// Entry point of `npm run collect`: collects the days of Kafka traffic the store lacks, once, then
// exits; for a scheduled job daily after midnight UTC (docs/operations.md). Like src/main.ts, a
// module with side effects. Exits 0 when the run went through, else 1 with one line saying why.
import { ConfigError, loadConfig, type Config } from './config.js';
import { ConfluentClient } from './confluent/client.js';
import { createLogger } from './logger.js';
import { collectTraffic } from './traffic/collector.js';
import { openTrafficStore } from './traffic/store.js';

function fail(message: string): never {
  process.stderr.write(`confluent-subgraph collect: ${message}\n`);
  process.exit(1);
}

/** Where the store is, for the log: the Postgres host (never the URL: it may hold a password), or the folder. */
function storeOf(traffic: Config['traffic']): Record<string, string> {
  return traffic.databaseUrl
    ? { store: 'postgres', host: new URL(traffic.databaseUrl).host }
    : { store: 'embedded', dataDir: traffic.dataDir };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    // Collecting serves no one: no choice of who may call is needed.
    config = loadConfig(process.env, 'collect');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    fail(`invalid configuration: ${error.message}`);
  }
  if (config.upstream.mode !== 'confluent') {
    fail(
      'the collector needs a Confluent organization: set CONFLUENT_CLOUD_API_KEY and CONFLUENT_CLOUD_API_SECRET (the simulator keeps no traffic to collect)',
    );
  }
  const logger = createLogger(config.logLevel);
  const { apiUrl, telemetryUrl, apiKey, apiSecret } = config.upstream;
  const client = new ConfluentClient({
    apiUrl,
    telemetryUrl,
    apiKey,
    apiSecret,
    maxConcurrencyPerHost: config.upstreamMaxConcurrency,
    logger,
  });
  logger.info(storeOf(config.traffic), 'collecting Kafka traffic into the traffic store');
  const store = await openTrafficStore({ databaseUrl: config.traffic.databaseUrl, dataDir: config.traffic.dataDir });
  try {
    // collectTraffic logs the days it wrote.
    await collectTraffic({ client, store, logger });
  } finally {
    await store.close();
    await client.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => fail(`failed: ${error instanceof Error ? error.message : String(error)}`),
);
