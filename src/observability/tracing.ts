// Tracing for the running service (main.ts): spans are batched and exported over OTLP/HTTP. Tests
// build their own provider around an in-memory exporter instead.

import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { TracingConfig } from '../config.js';
import type { Logger } from '../logger.js';

/**
 * The exporter reads the standard `OTEL_EXPORTER_OTLP_*` variables itself (endpoint, headers,
 * timeout), so every collector setup those allow works unchanged.
 */
export function createOtlpTracerProvider(config: TracingConfig, logger: Logger): NodeTracerProvider {
  reportExportProblems(logger);
  return new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
}

/** OpenTelemetry reports failed exports on its diagnostic channel, which is silent without a logger. */
function reportExportProblems(logger: Logger): void {
  const warn = (message: string) => logger.warn({ message }, 'tracing problem');
  const ignore = () => {};
  const diagLogger: DiagLogger = { error: warn, warn, info: ignore, debug: ignore, verbose: ignore };
  diag.setLogger(diagLogger, DiagLogLevel.WARN);
}
