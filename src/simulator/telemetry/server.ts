// The Metrics API's host (api.telemetry.confluent.cloud) as a listener of its own beside the
// management API's, sharing its credentials, request log and faults. It serves the query
// endpoint; anything else is a 404. Every response carries the per-IP `ratelimit-*` headers.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { serverError, type Reply } from '../errors.js';
import type { FaultAction, Faults } from '../faults.js';
import type { RateLimitState } from '../rate-limit.js';
import type { RequestRecorder } from '../request-log.js';
import { listen, type RunningServer } from '../listen.js';
import { isAuthorized } from '../server.js';
import type { SimulatorData } from '../store.js';
import { TelemetryError, telemetryFailure } from './errors.js';
import { answerQueryCall } from './query-route.js';
import { rateLimitHeaders, type PerAddressRateLimiter } from './rate-limit.js';

export interface TelemetryParts {
  data: SimulatorData;
  credentials: { apiKey: string; apiSecret: string };
  today: number;
  latencyMs: number;
  log: RequestRecorder;
  faults: Faults;
  rateLimiter: PerAddressRateLimiter;
}

/** The query's name in the request log and for faults. */
export const QUERY_ROUTE = 'POST /v2/metrics/{dataset}/query';
const QUERY_PATH = /^\/v2\/metrics\/([^/]+)\/query$/;
const MAX_BODY_BYTES = 1_048_576;
/** Worded as the Metrics API's documented 429. */
const TOO_MANY_REQUESTS = 'Too many requests have been made. Please see the documentation for current rate limits.';

interface Arrival {
  request: IncomingMessage;
  url: URL;
  /** Set when the request is a query, whatever its dataset. */
  dataset: string | undefined;
  /** Undefined when larger than MAX_BODY_BYTES. */
  body: string | undefined;
}

async function readBody(request: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.byteLength;
    if (length <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return length <= MAX_BODY_BYTES ? Buffer.concat(chunks).toString('utf8') : undefined;
}

function send(response: ServerResponse, requestId: string, reply: Reply, limits: RateLimitState): void {
  if (response.destroyed || response.writableEnded) return;
  const text = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-request-id': requestId,
    ...rateLimitHeaders(limits),
    ...reply.headers,
  });
  response.end(text);
}

function route(arrival: Arrival, parts: TelemetryParts): Reply {
  const { request, url, dataset, body } = arrival;
  if (dataset === undefined) return telemetryFailure(404, `No operation at ${request.method} ${url.pathname}`);
  if (body === undefined) return telemetryFailure(413, `The body is larger than ${MAX_BODY_BYTES} bytes`);
  try {
    const call = { dataset, query: url.searchParams, contentType: request.headers['content-type'], body };
    return answerQueryCall(call, parts.data, parts.today);
  } catch (error) {
    if (error instanceof TelemetryError) return telemetryFailure(error.status, error.detail);
    process.stderr.write(`simulator: ${QUERY_ROUTE} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    return telemetryFailure(500, serverError(500).detail);
  }
}

/** Every request counts against its address's window; then faults, the limit, authentication and the route. */
function answer(arrival: Arrival, parts: TelemetryParts, fault?: FaultAction): { reply: Reply; limits: RateLimitState } {
  const limits = parts.rateLimiter.take(arrival.request.socket.remoteAddress ?? '');
  if (fault?.kind === 'rate-limit') {
    return { reply: telemetryFailure(429, TOO_MANY_REQUESTS), limits: { ...limits, remaining: 0, resetSeconds: fault.retryAfterSeconds } };
  }
  if (fault?.kind === 'server-error') return { reply: telemetryFailure(fault.status, serverError(fault.status).detail), limits };
  if (!limits.allowed) return { reply: telemetryFailure(429, TOO_MANY_REQUESTS), limits };
  if (!isAuthorized(arrival.request.headers.authorization, parts.credentials)) {
    return { reply: { ...telemetryFailure(401, 'Invalid credentials'), headers: { 'www-authenticate': 'Basic' } }, limits };
  }
  return { reply: route(arrival, parts), limits };
}

export async function startTelemetryServer(parts: TelemetryParts, host: string): Promise<RunningServer> {
  // Aborted on close, so delayed and hanging requests stop waiting at once.
  const closing = new AbortController();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const url = new URL(request.url ?? '/', 'http://simulator');
    const method = request.method ?? 'GET';
    const dataset = method === 'POST' ? QUERY_PATH.exec(url.pathname)?.[1] : undefined;
    const routeName = dataset === undefined ? `${method} ${url.pathname}` : QUERY_ROUTE;
    const entry = parts.log.record({ method, route: routeName, url: request.url ?? '/', status: 0, requestId });

    // As on the management host: the answer is worked out on arrival and sent once the latency is up.
    const answerAt = performance.now() + parts.latencyMs + parts.faults.latencyFor(routeName);
    const fault = parts.faults.take(routeName);
    const body = await readBody(request);
    if (fault?.kind === 'hang') await Promise.race([parts.faults.untilReleased(), once(closing.signal, 'abort')]);
    const outcome = closing.signal.aborted || fault?.kind === 'drop' ? undefined : answer({ request, url, dataset, body }, parts, fault);
    const wait = answerAt - performance.now();
    if (wait > 0) await delay(wait, undefined, { signal: closing.signal });
    if (closing.signal.aborted) return;
    if (!outcome) {
      request.socket.destroy();
      return;
    }
    entry.status = outcome.reply.status;
    send(response, requestId, outcome.reply, outcome.limits);
  }

  return listen(handle, closing, 0, host);
}
