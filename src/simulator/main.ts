// `npm run simulator`: serves the demo organization on its own, for trying the API with curl or
// pointing a subgraph at it.
import { startSimulator } from './index.js';

const DEFAULT_PORT = 8080;

async function main(): Promise<void> {
  const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    process.stderr.write(`simulator: PORT must be a port number, got '${process.env.PORT}'\n`);
    process.exit(1);
  }
  const simulator = await startSimulator({ port, host: process.env.HOST || '127.0.0.1' });
  const { apiKey, apiSecret } = simulator.credentials;
  process.stdout.write(
    [
      `Confluent Cloud simulator listening on ${simulator.url}, its Metrics API on ${simulator.telemetryUrl}`,
      `  demo API key:    ${apiKey}`,
      `  demo API secret: ${apiSecret}`,
      '',
      'Point the subgraph at it with:',
      `  export CONFLUENT_API_URL=${simulator.url}`,
      `  export CONFLUENT_TELEMETRY_URL=${simulator.telemetryUrl}`,
      `  export CONFLUENT_CLOUD_API_KEY=${apiKey}`,
      `  export CONFLUENT_CLOUD_API_SECRET=${apiSecret}`,
      '',
    ].join('\n'),
  );
  const stop = () => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
