// Traces with an in-memory exporter: one span per operation, joined to the caller's trace through
// `traceparent`, one child span per upstream request, and nothing secret or literal in any of them.
import { randomBytes } from 'node:crypto';
import { SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/confluent/routes.js';
import { lastFullMonth } from '../helpers/expected.js';
import { FLAGSHIP_DOCUMENT, FLAGSHIP_OPERATION } from '../helpers/flagship.js';
import { startStack, type Stack } from '../helpers/stack.js';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
  return counts;
}

describe('tracing', () => {
  let stack: Stack;

  async function send(body: object, headers: Record<string, string> = {}): Promise<ReadableSpan[]> {
    const response = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    await provider.forceFlush();
    return exporter.getFinishedSpans();
  }

  const operationSpans = (spans: ReadableSpan[]) => spans.filter((span) => span.name.startsWith('graphql.operation'));
  const childrenOf = (spans: ReadableSpan[], parent: ReadableSpan) =>
    spans.filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);

  beforeAll(async () => {
    stack = await startStack({ tracerProvider: provider });
  });
  afterAll(async () => {
    await stack.close();
    await provider.shutdown();
  });
  beforeEach(() => {
    exporter.reset();
    stack.simulator.log.clear();
    stack.simulator.faults.clear();
  });

  it('joins the caller’s trace with one operation span and a child span per upstream request', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const period = lastFullMonth();
    const spans = await send(
      { query: FLAGSHIP_DOCUMENT, operationName: FLAGSHIP_OPERATION, variables: { period } },
      { traceparent: `00-${traceId}-${callerSpanId}-01` },
    );

    const [operation, ...others] = operationSpans(spans);
    expect(others).toEqual([]);
    expect(operation!.name).toBe(`graphql.operation ${FLAGSHIP_OPERATION}`);
    expect(operation!.spanContext().traceId).toBe(traceId);
    expect(operation!.parentSpanContext?.spanId).toBe(callerSpanId);
    expect(operation!.attributes).toMatchObject({ 'graphql.operation.name': FLAGSHIP_OPERATION, 'graphql.operation.type': 'query' });

    const upstream = childrenOf(spans, operation!);
    expect(upstream.length).toBe(spans.length - 1);
    expect(countBy(upstream, (span) => span.name)).toEqual(stack.simulator.log.countsByRoute());
    for (const span of upstream) expect(span.spanContext().traceId).toBe(traceId);
    const requestIds = stack.simulator.log.entries.map((entry) => entry.requestId).sort();
    expect(upstream.map((span) => span.attributes['confluent.request_id']).sort()).toEqual(requestIds);

    const { apiKey, apiSecret } = stack.simulator.credentials;
    const forbidden = [apiSecret, Buffer.from(`${apiKey}:${apiSecret}`).toString('base64'), 'Basic ', period.start, period.end];
    const recorded = JSON.stringify(spans.map((span) => [span.name, span.attributes, span.events, span.status]));
    for (const text of forbidden) expect(recorded).not.toContain(text);
  });

  it('marks a retried request with its resend count, and the 429 before it as an error', async () => {
    stack.simulator.faults.rateLimit({ route: ROUTES.environments, times: 1, retryAfterSeconds: 0 });
    const spans = await send({ query: `{ workspaces(first: 5) { totalCount } }` });
    const attempts = spans.filter((span) => span.name === ROUTES.environments);
    expect(attempts.map((span) => span.attributes)).toEqual([
      expect.objectContaining({ 'http.response.status_code': 429, 'error.type': '429' }),
      expect.objectContaining({
        'http.response.status_code': 200,
        'http.request.resend_count': 1,
        'confluent.retry_reason': 'rate_limited',
      }),
    ]);
    expect(attempts.map((span) => span.status.code)).toEqual([SpanStatusCode.ERROR, SpanStatusCode.UNSET]);
  });

  it('starts a new trace for a request without traceparent', async () => {
    const spans = await send({ query: `query Mine { organization { id } }` });
    const [operation] = operationSpans(spans);
    expect(operation!.parentSpanContext).toBeUndefined();
    expect(childrenOf(spans, operation!).length).toBe(stack.simulator.log.count());
  });
});
