// The body of `POST /v2/metrics/{dataset}/query` (QueryRequest), checked as Confluent checks it
// and read into what running the query needs. Only the two traffic metrics are served, summed.
import { badRequest } from './errors.js';
import { confinedKafkaIds, parseFilter, type Filter } from './filter.js';
import { GRANULARITIES, mergeIntervals, parseInterval, type Granularity, type Interval } from './intervals.js';
import { isLabel, type Label } from './labels.js';

export const TRAFFIC_METRICS = {
  'io.confluent.kafka.server/request_bytes': 'requestBytes',
  'io.confluent.kafka.server/response_bytes': 'responseBytes',
} as const;
export type TrafficMetric = keyof typeof TRAFFIC_METRICS;

export interface MetricsQuery {
  metric: TrafficMetric;
  granularity: Granularity;
  /** Merged: sorted, none overlapping. */
  intervals: Interval[];
  filter: Filter;
  /** The clusters the filter confines the query to. */
  kafkaIds: Set<string>;
  groupBy: Label[];
  /** Groups per page. */
  limit: number;
  format: 'FLAT' | 'GROUPED';
  /** Groups are ordered by value under granularity ALL, by their labels otherwise. */
  order: 'ASCENDING' | 'DESCENDING';
}

const FIELDS: ReadonlySet<string> = new Set([
  'aggregations',
  'group_by',
  'granularity',
  'filter',
  'order_by',
  'intervals',
  'limit',
  'format',
]);
const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 100;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function metricOf(aggregations: unknown): TrafficMetric {
  if (!Array.isArray(aggregations) || aggregations.length !== 1) throw badRequest('aggregations must hold exactly one aggregation');
  const [aggregation] = aggregations as unknown[];
  if (!isObject(aggregation) || typeof aggregation.metric !== 'string') throw badRequest('An aggregation needs a metric');
  const { metric, agg } = aggregation;
  if (!Object.hasOwn(TRAFFIC_METRICS, metric)) throw badRequest(`Unknown metric '${metric}'`);
  // MIN and MAX are Confluent's too; the simulator serves the sum only, what traffic needs.
  if (agg !== undefined && agg !== 'SUM')
    throw badRequest(`Aggregation '${String(agg)}' of ${metric} is not served by the simulator: use SUM`);
  return metric as TrafficMetric;
}

function granularityOf(name: unknown): Granularity {
  if (name === undefined) throw badRequest('granularity is required');
  if (typeof name !== 'string' || !Object.hasOwn(GRANULARITIES, name)) {
    throw badRequest(`Invalid granularity '${String(name)}': one of ${Object.keys(GRANULARITIES).join(', ')}`);
  }
  return GRANULARITIES[name]!;
}

function intervalsOf(texts: unknown, granularity: Granularity, granularityName: string): Interval[] {
  if (!Array.isArray(texts) || texts.length === 0) throw badRequest('intervals must hold at least one ISO-8601 interval');
  return mergeIntervals(
    texts.map((text: unknown) => {
      if (typeof text !== 'string') throw badRequest('An interval must be a string');
      const interval = parseInterval(text);
      if (interval.endMs - interval.startMs > granularity.maxIntervalMs) {
        const hours = granularity.maxIntervalMs / 3_600_000;
        throw badRequest(`Interval '${text}' is too long for granularity ${granularityName}: at most ${hours} hours`);
      }
      return interval;
    }),
  );
}

function groupByOf(labels: unknown): Label[] {
  if (labels === undefined) return [];
  if (!Array.isArray(labels)) throw badRequest('group_by must be a list of labels');
  for (const label of labels as unknown[]) if (!isLabel(label)) throw badRequest(`Invalid group_by label '${String(label)}'`);
  return [...new Set(labels as Label[])];
}

function limitOf(limit: unknown, fallback: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_LIMIT) {
    throw badRequest(`Invalid limit '${String(limit)}': an integer from 1 to ${MAX_LIMIT}`);
  }
  return limit as number;
}

/** `order_by` is allowed only with granularity ALL, at most one, on the metric queried. */
function orderOf(orderBy: unknown, granularityName: string, metric: TrafficMetric): MetricsQuery['order'] {
  if (orderBy === undefined) return 'DESCENDING';
  if (granularityName !== 'ALL') throw badRequest('order_by is only valid with granularity ALL');
  if (!Array.isArray(orderBy) || orderBy.length > 1) throw badRequest('order_by takes at most one item');
  const [item] = orderBy as unknown[];
  if (item === undefined) return 'DESCENDING';
  if (!isObject(item) || item.metric !== metric) throw badRequest(`order_by must name the metric aggregated, ${metric}`);
  if (item.agg !== undefined && item.agg !== 'SUM') throw badRequest(`Invalid order_by agg '${String(item.agg)}'`);
  if (item.order === undefined) return 'DESCENDING';
  if (item.order !== 'ASCENDING' && item.order !== 'DESCENDING') throw badRequest(`Invalid order '${String(item.order)}'`);
  return item.order;
}

export function parseQuery(body: unknown): MetricsQuery {
  if (!isObject(body)) throw badRequest('The body must be a JSON object');
  for (const field of Object.keys(body)) if (!FIELDS.has(field)) throw badRequest(`Unrecognized field '${field}'`);
  const metric = metricOf(body.aggregations);
  const granularity = granularityOf(body.granularity);
  const granularityName = body.granularity as string;
  const intervals = intervalsOf(body.intervals, granularity, granularityName);
  if (body.filter === undefined) throw badRequest('The cloud dataset requires a filter on a resource, such as resource.kafka.id');
  const filter = parseFilter(body.filter);
  const kafkaIds = confinedKafkaIds(filter);
  if (!kafkaIds) throw badRequest('The filter must confine the query to resources with resource.kafka.id EQ comparisons');
  const groupBy = groupByOf(body.group_by);
  const format = body.format ?? 'FLAT';
  if (format !== 'FLAT' && format !== 'GROUPED') throw badRequest(`Invalid format '${String(format)}': FLAT or GROUPED`);
  if (format === 'GROUPED' && groupBy.length === 0) throw badRequest('format GROUPED is only allowed with a non-empty group_by');
  const limit = limitOf(body.limit, granularityName === 'ALL' ? MAX_LIMIT : DEFAULT_LIMIT);
  const order = orderOf(body.order_by, granularityName, metric);
  return { metric, granularity, intervals, filter, kafkaIds, groupBy, limit, format, order };
}
