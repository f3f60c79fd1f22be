// Kafka traffic per principal from the Metrics API (NOTES §9, DESIGN §12): one metric per query
// (the API takes one aggregation), summed per day, for a batch of clusters at once (an OR of
// `resource.kafka.id` filters, which the `cloud` dataset requires), grouped by cluster and
// principal. Pure: the body of a query and the reading of its rows.
import { unexpectedResponseError } from './errors.js';
import { ROUTES } from './routes.js';

export const TRAFFIC_METRICS = ['io.confluent.kafka.server/request_bytes', 'io.confluent.kafka.server/response_bytes'] as const;
export type TrafficMetric = (typeof TRAFFIC_METRICS)[number];

/** Groups per page, the API's maximum: each group is one (cluster, principal) pair. */
const GROUPS_PER_PAGE = 1_000;

export interface KafkaTrafficQuery {
  metric: TrafficMetric;
  /** At least one. */
  clusterIds: readonly string[];
  /** ISO-8601 instants at midnight UTC; `end` exclusive. */
  start: string;
  end: string;
}

/** One day of one metric for one principal on one cluster. */
export interface KafkaTrafficPoint {
  /** `YYYY-MM-DD` */
  day: string;
  clusterId: string;
  /** Bare (`sa-…`, `u-…`, `pool-…`), as the Metrics API labels it. */
  principalId: string;
  bytes: number;
}

export function trafficQueryBody(query: KafkaTrafficQuery): object {
  const filters = query.clusterIds.map((id) => ({ field: 'resource.kafka.id', op: 'EQ', value: id }));
  return {
    aggregations: [{ metric: query.metric, agg: 'SUM' }],
    filter: filters.length === 1 ? filters[0] : { op: 'OR', filters },
    group_by: ['resource.kafka.id', 'metric.principal_id'],
    granularity: 'P1D',
    intervals: [`${query.start}/${query.end}`],
    limit: GROUPS_PER_PAGE,
    format: 'FLAT',
  };
}

/** A page of a FLAT answer, as far as the client reads it. */
export interface MetricsPage {
  data?: unknown;
  meta?: { pagination?: { next_page_token?: string | null } };
}

/** The points of a page; rows without a principal (traffic Confluent could not attribute) are left out. */
export function trafficPointsOf(page: MetricsPage): KafkaTrafficPoint[] {
  if (!Array.isArray(page?.data)) throw unexpectedResponseError(ROUTES.metricsQuery, 'the body has no data list');
  const points: KafkaTrafficPoint[] = [];
  for (const row of page.data as Array<Record<string, unknown>>) {
    const { timestamp, value } = row ?? {};
    const clusterId = row?.['resource.kafka.id'];
    const principalId = row?.['metric.principal_id'];
    if (typeof timestamp !== 'string' || typeof value !== 'number' || !Number.isFinite(value) || typeof clusterId !== 'string') {
      throw unexpectedResponseError(ROUTES.metricsQuery, 'a row has no timestamp, value or cluster');
    }
    if (typeof principalId !== 'string' || principalId === '') continue;
    points.push({ day: timestamp.slice(0, 10), clusterId, principalId, bytes: value });
  }
  return points;
}

/** One principal's traffic on one cluster on one day: both metrics side by side. */
export interface TrafficRow {
  /** `YYYY-MM-DD` */
  day: string;
  clusterId: string;
  /** Bare: `sa-…`, `u-…`, `pool-…`. */
  principalId: string;
  requestBytes: number;
  responseBytes: number;
}

/** The points of the two metrics as rows, one per day, cluster and principal. */
export function trafficRowsOf(points: { request: readonly KafkaTrafficPoint[]; response: readonly KafkaTrafficPoint[] }): TrafficRow[] {
  const rows = new Map<string, TrafficRow>();
  const add = (list: readonly KafkaTrafficPoint[], field: 'requestBytes' | 'responseBytes') => {
    for (const { day, clusterId, principalId, bytes } of list) {
      const key = `${day} ${clusterId} ${principalId}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { day, clusterId, principalId, requestBytes: 0, responseBytes: 0 }));
      row[field] += bytes;
    }
  };
  add(points.request, 'requestBytes');
  add(points.response, 'responseBytes');
  return [...rows.values()];
}

export function nextMetricsPageToken(page: MetricsPage): string | undefined {
  return page.meta?.pagination?.next_page_token || undefined;
}
