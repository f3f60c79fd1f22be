import { SpanKind, SpanStatusCode, type Attributes, type Context as TraceContext, type Tracer } from '@opentelemetry/api';
import type { UpstreamCallEvent } from '../confluent/client.js';
import { upstreamStatusLabel } from './upstream-status.js';

/**
 * One CLIENT span per HTTP attempt, written once the attempt is over (the event says how long it
 * was on the wire). It names the route template, never the URL, whose query holds the caller's
 * values; the client never hands out headers, so no credential can reach it.
 */
export function recordUpstreamSpan(tracer: Tracer, parent: TraceContext, event: UpstreamCallEvent): void {
  const endTime = performance.timeOrigin + performance.now();
  const [method = '', template = ''] = event.route.split(' ');
  const attributes: Attributes = { 'http.request.method': method, 'url.template': template };
  if (event.status !== undefined) attributes['http.response.status_code'] = event.status;
  if (event.attempt > 1) attributes['http.request.resend_count'] = event.attempt - 1;
  if (event.retryReason) attributes['confluent.retry_reason'] = event.retryReason;
  if (event.requestId) attributes['confluent.request_id'] = event.requestId;
  if (event.error) attributes['error.type'] = upstreamStatusLabel(event);

  const span = tracer.startSpan(event.route, { kind: SpanKind.CLIENT, startTime: endTime - event.durationMs, attributes }, parent);
  // The error's message is left out: Confluent's detail can quote the request's values.
  if (event.error) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end(endTime);
}
