// The subgraph in a process of its own, so the benchmark measures its memory apart from the
// simulator's. Started by bench/run.ts with its settings as JSON in argv; answers over IPC.
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createServer } from '../src/server.js';
import { openTrafficStore } from '../src/traffic/store.js';
import { peakMemory } from './peak-memory.js';

export interface BenchServerSettings {
  upstream: { apiUrl: string; telemetryUrl: string; apiKey: string; apiSecret: string };
  /** False: the shared cache off (`CACHE=off`). True: the default cache, as configured with no variable set. */
  cache: boolean;
  /** False only for the naive baseline. */
  batching: boolean;
  /** Only for the naive baseline, whose flagship takes minutes; others keep the default (25 s). */
  requestTimeoutMs?: number;
  /** An embedded traffic store there (DATA_DIR), for chargeback; none otherwise. */
  dataDir?: string;
}

export type BenchServerMessage = { url: string } | { peakRssBytes: number; processPeakRssBytes: number } | { collected: true };

/** Started with --expose-gc by server-handle.ts: garbage is collected between scenarios and cold runs. */
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

const memory = peakMemory();

const settings = JSON.parse(process.argv[2] ?? '{}') as BenchServerSettings;
// The defaults, as a deployment that sets no variable gets them (NODE_ENV=production, as the
// Docker image sets it; server-handle.ts starts this process with it), with only what makes the
// server under test one of the benchmark's three kinds changed.
const defaults = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: process.env.NODE_ENV });
const config = {
  ...defaults,
  // Any free port: the benchmark does not scrape.
  metricsPort: 0,
  ...(settings.cache ? {} : { cache: { kind: 'off' } as const }),
  ...(settings.batching ? {} : { batching: false }),
  ...(settings.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: settings.requestTimeoutMs }),
};

const trafficStore = settings.dataDir === undefined ? undefined : await openTrafficStore({ dataDir: settings.dataDir });
const server = createServer({ config, upstream: settings.upstream, trafficStore, logger: createLogger('silent') });
const { url } = await server.listen(0, '127.0.0.1');

process.on('message', (message) => {
  if (message === 'memory') {
    const peakRssBytes = memory.takePeak();
    process.send?.({ peakRssBytes, processPeakRssBytes: memory.processPeak() } satisfies BenchServerMessage);
  }
  // Between scenarios and cold runs, so that none is timed collecting an earlier one's garbage.
  if (message === 'collect') {
    collectGarbage();
    process.send?.({ collected: true } satisfies BenchServerMessage);
  }
  if (message === 'stop') void server.stop().then(() => process.exit(0));
});
process.send?.({ url } satisfies BenchServerMessage);
