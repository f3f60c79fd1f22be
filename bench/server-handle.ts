import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { request } from 'undici';
import type { BenchServerMessage, BenchServerSettings } from './server-process.js';

/**
 * The heap V8 gives itself in a container limited to 768 MiB, as measured with Node 20 in a memory
 * cgroup of that size: a heap limit of 415 MB with a young generation of 8.4 MB. On this 24 GB
 * machine it would give itself a 4.3 GB limit and a 33.6 MB young generation, and let garbage grow
 * far past what such a deployment holds; these flags give the same heap as the container.
 */
const CONTAINER_HEAP_FLAGS = ['--max-old-space-size=384', '--max-semi-space-size=4'];

/**
 * The server process as deployed: compiled (`npm run bench` compiles it first, with tsconfig.bench.json),
 * not compiled on the fly by tsx, whose loader alone would add some 40 MB to the memory measured.
 */
const SERVER_PROCESS = fileURLToPath(new URL('../dist/bench/server-process.js', import.meta.url));

export interface BenchResponse {
  /** From sending the request until the whole body has arrived. */
  ms: number;
  /** The response holds errors, or none came. */
  failed: boolean;
  /** The response's JSON, parsed when a scenario needs its data: parsing is the client's work, untimed. */
  json(): any;
}

/** Apollo Server puts `errors` first in a response, so its first bytes tell whether there are any. */
const ERRORS_FIRST = Buffer.from('{"errors"');

/** What Apollo Router asks a subgraph for: the benchmark's client is the router. */
const ACCEPT_ENCODING = 'gzip, br, deflate';

/**
 * A response's bytes as they were sent, decoded; `partial` decodes as much as a truncated body holds.
 * Decoding is the client's work, as parsing is: untimed.
 */
function decoded(body: Buffer, contentEncoding: string | undefined, partial = false): Buffer {
  if (contentEncoding === 'br') return brotliDecompressSync(body, partial ? { finishFlush: constants.BROTLI_OPERATION_FLUSH } : {});
  if (contentEncoding === 'gzip') return gunzipSync(body, partial ? { finishFlush: constants.Z_SYNC_FLUSH } : {});
  return body;
}

/** Enough of a compressed response to decode its first bytes: a few KB, not the megabytes of the whole. */
const HEAD_BYTES = 4_096;

/** Whether a response holds errors, from its first decoded bytes. */
function holdsErrors(firstChunk: Buffer, contentEncoding: string | undefined): boolean {
  let start = decoded(firstChunk.subarray(0, HEAD_BYTES), contentEncoding, true);
  if (start.length < ERRORS_FIRST.length) start = decoded(firstChunk, contentEncoding, true);
  return start.subarray(0, ERRORS_FIRST.length).equals(ERRORS_FIRST);
}

export interface BenchServer {
  graphql(query: string, variables?: Record<string, unknown>): Promise<BenchResponse>;
  /** A full garbage collection in the server process, between scenarios. */
  collectGarbage(): Promise<void>;
  /** Peak resident memory since the last call, and since the server process started. */
  peakMemory(): Promise<ServerMemory>;
  /** Stops the server process; its peak resident memory over its whole life. */
  stop(): Promise<ServerMemory>;
}

export interface ServerMemory {
  peakRssBytes: number;
  processPeakRssBytes: number;
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return once(child, 'message').then(([message]) => message as T);
}

export async function startBenchServer(settings: BenchServerSettings): Promise<BenchServer> {
  // NODE_ENV=production as deployed: graphql-js then skips its development-time checks.
  const child = fork(SERVER_PROCESS, [JSON.stringify(settings)], {
    // --expose-gc: the harness collects garbage between scenarios and between cold runs.
    execArgv: ['--expose-gc', ...CONTAINER_HEAP_FLAGS],
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => {
    if (code !== 0) console.error(`bench server exited unexpectedly (code ${code}, signal ${signal})`);
  });
  const { url } = await nextMessage<{ url: string }>(child);
  async function peakMemory(): Promise<ServerMemory> {
    const reply = nextMessage<BenchServerMessage>(child);
    child.send('memory');
    return (await reply) as ServerMemory;
  }
  return {
    async graphql(query, variables) {
      const startedAt = performance.now();
      try {
        // undici's own request API: a lean client, so the time measured is the server's.
        const response = await request(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'accept-encoding': ACCEPT_ENCODING },
          body: JSON.stringify({ query, variables }),
        });
        // The chunks as they came: joining and decoding them is the client's work, not the server's.
        const chunks: Buffer[] = [];
        for await (const chunk of response.body) chunks.push(chunk as Buffer);
        const ms = performance.now() - startedAt;
        const contentEncoding = response.headers['content-encoding'] as string | undefined;
        const failed = response.statusCode !== 200 || holdsErrors(chunks[0] ?? Buffer.alloc(0), contentEncoding);
        return { ms, failed, json: () => JSON.parse(decoded(Buffer.concat(chunks), contentEncoding).toString('utf8')) };
      } catch (error) {
        // A request that got no response counts as an error in the figures; the run goes on.
        return { ms: performance.now() - startedAt, failed: true, json: () => ({ errors: [{ message: String(error) }] }) };
      }
    },
    async collectGarbage() {
      const reply = nextMessage<BenchServerMessage>(child);
      child.send('collect');
      await reply;
    },
    peakMemory,
    async stop() {
      const memory = await peakMemory();
      const exited = once(child, 'exit');
      child.send('stop');
      await exited;
      return memory;
    },
  };
}
