import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import type { BenchServerMessage, BenchServerSettings } from './server-process.js';

const SERVER_PROCESS = fileURLToPath(new URL('./server-process.ts', import.meta.url));

export interface BenchServer {
  /** Sends one request; `ms` runs until the whole body has arrived, not through parsing it here. */
  graphql(query: string, variables?: Record<string, unknown>): Promise<{ ms: number; data?: any; errors?: unknown[] }>;
  /** Replaces the server with a new instance (empty caches) in the same, already warmed, process. */
  fresh(): Promise<void>;
  /** Peak memory since the last call. */
  peakMemory(): Promise<{ peakRssBytes: number; peakHeapUsedBytes: number }>;
  stop(): Promise<void>;
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return once(child, 'message').then(([message]) => message as T);
}

export async function startBenchServer(settings: BenchServerSettings): Promise<BenchServer> {
  // NODE_ENV=production as deployed: graphql-js then skips its development-time checks.
  const child = fork(SERVER_PROCESS, [JSON.stringify(settings)], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => {
    if (code !== 0) console.error(`bench server exited unexpectedly (code ${code}, signal ${signal})`);
  });
  let { url } = await nextMessage<{ url: string }>(child);
  return {
    async graphql(query, variables) {
      const startedAt = performance.now();
      try {
        // undici's own request API: a lean client, so the time measured is the server's.
        const response = await request(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
        });
        // Bytes, not text: decoding them is the client's work, not the server's, and is done untimed.
        const body = await response.body.arrayBuffer();
        const ms = performance.now() - startedAt;
        return { ms, ...(JSON.parse(Buffer.from(body).toString('utf8')) as { data?: any; errors?: unknown[] }) };
      } catch (error) {
        // A request that got no answer counts as an error in the figures; the run goes on.
        return { ms: performance.now() - startedAt, errors: [String(error)] };
      }
    },
    async fresh() {
      const reply = nextMessage<{ url: string }>(child);
      child.send('fresh');
      ({ url } = await reply);
    },
    async peakMemory() {
      const reply = nextMessage<BenchServerMessage>(child);
      child.send('memory');
      return (await reply) as { peakRssBytes: number; peakHeapUsedBytes: number };
    },
    async stop() {
      const exited = once(child, 'exit');
      child.send('stop');
      await exited;
    },
  };
}
