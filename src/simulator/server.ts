// HTTP plumbing: request ids, the request log, injected faults, Basic authentication, rate-limit
// headers, routing and JSON responses. Handlers stay free of all of it.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import {
  ConfluentError,
  EncodedBody,
  failure,
  invalidFilter,
  serverError,
  tooManyRequests,
  UNAUTHENTICATED,
  type Reply,
} from './errors.js';
import type { FaultAction, Faults } from './faults.js';
import { listen, type RunningServer } from './listen.js';
import type { RateLimiter, RateLimitState } from './rate-limit.js';
import type { RequestRecorder } from './request-log.js';
import { routeName, type RequestContext, type RouteDefinition, type RouteMatch, type Router } from './router.js';
import type { SimulatorData } from './store.js';

export interface ServerParts {
  router: Router;
  data: SimulatorData;
  credentials: { apiKey: string; apiSecret: string };
  today: number;
  latencyMs: number;
  log: RequestRecorder;
  faults: Faults;
  rateLimiter: RateLimiter;
}

const WWW_AUTHENTICATE = 'Basic error="invalid_key", error_description="The API Key is invalid"';

export function isAuthorized(header: string | undefined, credentials: ServerParts['credentials']): boolean {
  if (!header?.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator <= 0) return false;
  return decoded.slice(0, separator) === credentials.apiKey && decoded.slice(separator + 1) === credentials.apiSecret;
}

/** A reply's body as the bytes sent. */
function bodyParts(reply: Reply): readonly Buffer[] {
  return reply.body instanceof EncodedBody ? reply.body.parts : [Buffer.from(JSON.stringify(reply.body))];
}

function send(response: ServerResponse, requestId: string, reply: Reply, parts: readonly Buffer[], limits: RateLimitState): void {
  if (response.destroyed || response.writableEnded) return;
  response.writeHead(reply.status, {
    'Content-Type': 'application/json',
    'Content-Length': parts.reduce((length, part) => length + part.byteLength, 0),
    'X-Request-Id': requestId,
    'X-RateLimit-Limit': String(limits.limit),
    'X-RateLimit-Remaining': String(limits.remaining),
    'X-RateLimit-Reset': String(limits.resetSeconds),
    ...reply.headers,
  });
  for (const part of parts.slice(0, -1)) response.write(part);
  response.end(parts.at(-1));
}

function rateLimited(requestId: string, retryAfterSeconds: number): Reply {
  const headers = { 'Retry-After': String(retryAfterSeconds) };
  return { ...failure(requestId, 429, tooManyRequests(retryAfterSeconds)), headers };
}

function unauthenticated(requestId: string): Reply {
  return { ...failure(requestId, 401, UNAUTHENTICATED), headers: { 'WWW-Authenticate': WWW_AUTHENTICATE } };
}

/** Refuses query parameters the operation does not define, as Confluent does. */
function checkParameters(route: RouteDefinition, query: URLSearchParams): void {
  for (const name of query.keys()) {
    if (route.parameters.includes(name)) continue;
    const collection = route.template
      .split('/')
      .filter((segment) => segment && !segment.startsWith('{'))
      .at(-1);
    throw invalidFilter(name, `The '${collection}' resource can't be filtered by '${name}'`);
  }
}

/** Answers an authenticated request from its route, or says why it cannot. */
function dispatch(match: RouteMatch, context: Omit<RequestContext, 'params'>, method: string): Reply {
  const { requestId } = context;
  if (match.kind === 'none') {
    const detail = `No operation at ${context.path}`;
    return failure(requestId, 404, { code: 'resource_not_found', title: 'Not Found', detail, source: {} });
  }
  if (match.kind === 'wrong-method') {
    const problem = { code: 'method_not_allowed', title: 'Method Not Allowed', detail: `${method} is not allowed here`, source: {} };
    return { ...failure(requestId, 405, problem), headers: { Allow: match.route.method } };
  }
  try {
    checkParameters(match.route, context.query);
    return match.route.handle({ ...context, params: match.params });
  } catch (error) {
    if (error instanceof ConfluentError) return failure(requestId, error.status, error.problem);
    process.stderr.write(`simulator: ${routeName(match.route)} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    return failure(requestId, 500, serverError(500));
  }
}

export async function startServer(parts: ServerParts, port: number, host: string): Promise<RunningServer> {
  // Aborted on close, so delayed and hanging requests stop waiting at once.
  const closing = new AbortController();
  let ownUrl = '';

  /** Faults come first, then authentication, then the route's budget, then the route itself. */
  function answer(request: IncomingMessage, url: URL, match: RouteMatch, route: string, requestId: string, fault?: FaultAction) {
    const limits = parts.rateLimiter.peek(route);
    if (fault?.kind === 'rate-limit') {
      const reply = rateLimited(requestId, fault.retryAfterSeconds);
      return { reply, limits: { ...limits, remaining: 0, resetSeconds: fault.retryAfterSeconds } };
    }
    if (fault?.kind === 'server-error') return { reply: failure(requestId, fault.status, serverError(fault.status)), limits };
    if (!isAuthorized(request.headers.authorization, parts.credentials)) return { reply: unauthenticated(requestId), limits };
    const taken = parts.rateLimiter.take(route);
    if (!taken.allowed) return { reply: rateLimited(requestId, taken.resetSeconds), limits: taken };
    const context = {
      query: url.searchParams,
      path: url.pathname,
      origin: request.headers.host ? `http://${request.headers.host}` : ownUrl,
      requestId,
      data: parts.data,
      today: parts.today,
    };
    return { reply: dispatch(match, context, request.method ?? 'GET'), limits: taken };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    request.resume(); // GET bodies are ignored, but must be read for the connection to be reused
    const requestId = randomUUID();
    const url = new URL(request.url ?? '/', 'http://simulator');
    const method = request.method ?? 'GET';
    const match = parts.router.match(method, url.pathname);
    const route = match.kind === 'found' ? routeName(match.route) : `${method} ${url.pathname}`;
    const entry = parts.log.record({ method, route, url: request.url ?? '/', status: 0, requestId });

    // The response is worked out and encoded as the request arrives and sent once the latency is up,
    // so that a call takes the latency asked for, not that plus the simulator's own work.
    const answerAt = performance.now() + parts.latencyMs + parts.faults.latencyFor(route);
    const fault = parts.faults.take(route);
    if (fault?.kind === 'hang') await Promise.race([parts.faults.untilReleased(), once(closing.signal, 'abort')]);
    const answered = closing.signal.aborted || fault?.kind === 'drop' ? undefined : answer(request, url, match, route, requestId, fault);
    const outcome = answered && { ...answered, body: bodyParts(answered.reply) };
    const wait = answerAt - performance.now();
    if (wait > 0) await delay(wait, undefined, { signal: closing.signal });
    if (closing.signal.aborted) return;
    if (!outcome) {
      request.socket.destroy();
      return;
    }
    entry.status = outcome.reply.status;
    send(response, requestId, outcome.reply, outcome.body, outcome.limits);
  }

  const running = await listen(handle, closing, port, host);
  ownUrl = running.url;
  return running;
}
