import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { BenchServerMessage, BenchServerSettings } from './server-process.js';

const SERVER_PROCESS = fileURLToPath(new URL('./server-process.ts', import.meta.url));

export interface BenchServer {
  url: string;
  /** Sends one request; `ms` runs until the whole body has arrived, not through parsing it here. */
  graphql(query: string, variables?: Record<string, unknown>): Promise<{ ms: number; data?: any; errors?: unknown[] }>;
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
  const { url } = await nextMessage<{ url: string }>(child);
  return {
    url,
    async graphql(query, variables) {
      const startedAt = performance.now();
      try {
        const response = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
        });
        const body = await response.text();
        const ms = performance.now() - startedAt;
        return { ms, ...(JSON.parse(body) as { data?: any; errors?: unknown[] }) };
      } catch (error) {
        // A request that got no answer counts as an error in the figures; the run goes on.
        return { ms: performance.now() - startedAt, errors: [String(error)] };
      }
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
