// The subgraph in a process of its own, so the benchmark measures its memory apart from the
// simulator's. Started by bench/run.ts with its settings as JSON in argv; answers over IPC.
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createServer, type Subgraph } from '../src/server.js';
import { lowerOtherThreads } from '../src/thread-priority.js';

export interface BenchServerSettings {
  upstream: { apiUrl: string; apiKey: string; apiSecret: string };
  cache: boolean;
  batching: boolean;
  requestTimeoutMs: number;
}

export type BenchServerMessage = { url: string } | { peakRssBytes: number } | { collected: true };

/** Started with --expose-gc by server-handle.ts. */
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

const settings = JSON.parse(process.argv[2] ?? '{}') as BenchServerSettings;
const config = {
  ...loadConfig({ LOG_LEVEL: 'silent' }),
  cache: settings.cache ? ({ kind: 'memory', maxBytes: 1_000_000_000 } as const) : ({ kind: 'off' } as const),
  batching: settings.batching,
  requestTimeoutMs: settings.requestTimeoutMs,
};

async function start(): Promise<{ server: Subgraph; url: string }> {
  const server = createServer({ config, upstream: settings.upstream, logger: createLogger('silent') });
  const { url } = await server.listen(0, '127.0.0.1');
  return { server, url };
}

// As src/main.ts does on start.
lowerOtherThreads();
let current = await start();

let peakRss = 0;
// rss() alone: memoryUsage() also walks the heap's spaces, which costs the server measurable CPU.
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
};
setInterval(sample, 10).unref();

process.on('message', (message) => {
  if (message === 'memory') {
    sample();
    process.send?.({ peakRssBytes: peakRss } satisfies BenchServerMessage);
    peakRss = 0;
  }
  // A new server instance, with empty caches and new upstream connections, in this same process:
  // a cold cache without a cold process, as after the cache's entries expire in a long-running one.
  // The old instance's memory is collected first, so a run does not pay for its predecessor's.
  if (message === 'fresh') {
    void current.server
      .stop()
      .then(() => collectGarbage())
      .then(start)
      .then((next) => {
        current = next;
        process.send?.({ url: next.url } satisfies BenchServerMessage);
      });
  }
  // Between scenarios, so that one scenario's garbage is not collected in the next one's timings.
  if (message === 'collect') {
    collectGarbage();
    process.send?.({ collected: true } satisfies BenchServerMessage);
  }
  if (message === 'stop') void current.server.stop().then(() => process.exit(0));
});
process.send?.({ url: current.url } satisfies BenchServerMessage);
