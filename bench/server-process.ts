// The subgraph in a process of its own, so the benchmark measures its memory apart from the
// simulator's. Started by bench/run.ts with its settings as JSON in argv; answers over IPC.
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createServer } from '../src/server.js';
import { lowerOtherThreads } from '../src/thread-priority.js';
import { peakMemory } from './peak-memory.js';

export interface BenchServerSettings {
  upstream: { apiUrl: string; apiKey: string; apiSecret: string };
  cache: boolean;
  batching: boolean;
  requestTimeoutMs: number;
}

export type BenchServerMessage = { url: string } | { peakRssBytes: number } | { collected: true };

/** Started with --expose-gc by server-handle.ts: garbage is collected between scenarios and cold runs. */
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

const settings = JSON.parse(process.argv[2] ?? '{}') as BenchServerSettings;
const config = {
  ...loadConfig({ LOG_LEVEL: 'silent' }),
  cache: settings.cache ? ({ kind: 'memory', maxBytes: 1_000_000_000 } as const) : ({ kind: 'off' } as const),
  batching: settings.batching,
  requestTimeoutMs: settings.requestTimeoutMs,
};

// As src/main.ts does on start.
lowerOtherThreads();
const server = createServer({ config, upstream: settings.upstream, logger: createLogger('silent') });
const { url } = await server.listen(0, '127.0.0.1');

const memory = peakMemory();

process.on('message', (message) => {
  if (message === 'memory') process.send?.({ peakRssBytes: memory.takePeak() } satisfies BenchServerMessage);
  // Between scenarios and cold runs, so that none is timed collecting an earlier one's garbage.
  if (message === 'collect') {
    collectGarbage();
    process.send?.({ collected: true } satisfies BenchServerMessage);
  }
  if (message === 'stop') void server.stop().then(() => process.exit(0));
});
process.send?.({ url } satisfies BenchServerMessage);
