import type { ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type TextMapGetter, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { Context } from '../context.js';
import { operationNameLabel } from './operation-name.js';
import { errorCodesOf } from './response-errors.js';
import { recordUpstreamSpan } from './upstream-span.js';

const propagator = new W3CTraceContextPropagator();

const headerGetter: TextMapGetter<HeaderMap> = {
  get: (headers, name) => headers.get(name),
  keys: (headers) => [...headers.keys()],
};

/**
 * One SERVER span per GraphQL operation, a child of the caller's span when the request carries a
 * W3C `traceparent` (the router's), with one child span per upstream call the operation made. The
 * span holds the operation's checked name and type, never its text or variables.
 */
export function tracingPlugin(tracer: Tracer): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request, contextValue }) {
      const incoming = request.http ? propagator.extract(ROOT_CONTEXT, request.http.headers, headerGetter) : ROOT_CONTEXT;
      const span = tracer.startSpan('graphql.operation', { kind: SpanKind.SERVER }, incoming);
      const operationContext = trace.setSpan(incoming, span);
      contextValue.upstreamCalls.onCall((event) => recordUpstreamSpan(tracer, operationContext, event));
      return {
        async didResolveOperation({ operationName, operation }) {
          const name = operationNameLabel(operationName);
          span.updateName(`graphql.operation ${name}`);
          span.setAttribute('graphql.operation.name', name);
          if (operation) span.setAttribute('graphql.operation.type', operation.operation);
        },
        async willSendResponse({ response }) {
          const codes = errorCodesOf(response);
          if (codes.length > 0) {
            span.setAttribute('graphql.error.codes', codes);
            span.setStatus({ code: SpanStatusCode.ERROR });
          }
          span.end();
        },
      };
    },
  };
}
