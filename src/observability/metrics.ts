// Prometheus metrics of one server instance, in a registry of its own (two servers in one process,
// as in the tests, must not share counters). Every label has a bounded set of values: route
// templates, statuses, reasons and checked operation names, never URLs or ids.

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CacheMetrics } from '../cache/shared-cache.js';
import type { UpstreamCallEvent } from '../confluent/client.js';
import { BoundedOperationLabels } from './operation-name.js';
import { upstreamStatusLabel } from './upstream-status.js';

export type GraphqlOutcome = 'success' | 'error';

/** Distinct operation names kept as labels; later ones are counted as `other`. */
const MAX_OPERATION_LABELS = 200;

export interface MetricsSources {
  /** Upstream HTTP requests on the wire now; read at each scrape. */
  upstreamCallsInFlight: () => number;
}

export class Metrics {
  readonly registry = new Registry();
  /** What the shared cache reports about itself. */
  readonly cache: CacheMetrics;
  readonly #operationLabels = new BoundedOperationLabels(MAX_OPERATION_LABELS);
  readonly #graphqlRequests: Counter<'operation' | 'outcome'>;
  readonly #graphqlDuration: Histogram<'operation' | 'outcome'>;
  readonly #upstreamRequests: Counter<'route' | 'status'>;
  readonly #upstreamDuration: Histogram<'route'>;
  readonly #upstreamRetries: Counter<'route' | 'reason'>;
  readonly #upstreamRateLimited: Counter<'route'>;
  readonly #batchSizes: Histogram<'loader'>;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });

    this.#graphqlRequests = new Counter({
      name: 'graphql_requests_total',
      help: 'GraphQL requests by operation name and outcome (error when the response carries any error)',
      labelNames: ['operation', 'outcome'],
      registers,
    });
    this.#graphqlDuration = new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to sending its response',
      labelNames: ['operation', 'outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25],
      registers,
    });
    this.#upstreamRequests = new Counter({
      name: 'confluent_upstream_requests_total',
      help: 'HTTP requests to Confluent, retries included, by route template and status (or error kind without a response)',
      labelNames: ['route', 'status'],
      registers,
    });
    this.#upstreamDuration = new Histogram({
      name: 'confluent_upstream_request_duration_seconds',
      help: 'Time on the wire of one HTTP request to Confluent, queueing excluded',
      labelNames: ['route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
      registers,
    });
    this.#upstreamRetries = new Counter({
      name: 'confluent_upstream_retries_total',
      help: 'Retried HTTP requests to Confluent, by route template and why the attempt before failed',
      labelNames: ['route', 'reason'],
      registers,
    });
    this.#upstreamRateLimited = new Counter({
      name: 'confluent_upstream_rate_limited_total',
      help: 'Responses 429 from Confluent, by route template',
      labelNames: ['route'],
      registers,
    });
    this.#batchSizes = new Histogram({
      name: 'dataloader_batch_size',
      help: 'Keys per batch a loader dispatched, by loader name',
      labelNames: ['loader'],
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
      registers,
    });
    new Gauge({
      name: 'confluent_upstream_in_flight',
      help: 'HTTP requests to Confluent on the wire now',
      registers,
      collect() {
        this.set(sources.upstreamCallsInFlight());
      },
    });
    this.cache = cacheRecorder(registers);
  }

  recordGraphqlRequest(operationName: string | null | undefined, outcome: GraphqlOutcome, durationSeconds: number): void {
    const labels = { operation: this.#operationLabels.labelOf(operationName), outcome };
    this.#graphqlRequests.inc(labels);
    this.#graphqlDuration.observe(labels, durationSeconds);
  }

  /** The loaders' hook: one call per batch. */
  readonly recordBatch = (loader: string, size: number): void => {
    this.#batchSizes.observe({ loader }, size);
  };

  /** The client's hook: one call per HTTP attempt. */
  readonly recordUpstreamCall = (event: UpstreamCallEvent): void => {
    const { route } = event;
    this.#upstreamRequests.inc({ route, status: upstreamStatusLabel(event) });
    this.#upstreamDuration.observe({ route }, event.durationMs / 1000);
    if (event.retryReason) this.#upstreamRetries.inc({ route, reason: event.retryReason });
    if (event.status === 429) this.#upstreamRateLimited.inc({ route });
  };
}

function cacheRecorder(registers: Registry[]): CacheMetrics {
  const requests = new Counter({
    name: 'cache_requests_total',
    help: 'Shared-cache lookups by resource and result',
    labelNames: ['resource', 'result'],
    registers,
  });
  const errors = new Counter({
    name: 'cache_errors_total',
    help: 'Shared-cache operations that failed (each is then served as a miss)',
    labelNames: ['operation'],
    registers,
  });
  const available = new Gauge({
    name: 'cache_available',
    help: '1 while the shared cache answers, 0 while it does not (or no cache is configured)',
    registers,
  });
  return {
    hit: (resource) => requests.inc({ resource, result: 'hit' }),
    miss: (resource) => requests.inc({ resource, result: 'miss' }),
    error: (operation) => errors.inc({ operation }),
    available: (isAvailable) => available.set(isAvailable ? 1 : 0),
  };
}
