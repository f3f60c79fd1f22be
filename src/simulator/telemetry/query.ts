// Runs a checked metrics query over the simulator's traffic: the retained days only, the clusters
// the caller may see only, bucketed and grouped as asked, one page of groups at a time. A day's
// traffic is taken as even over the day, so buckets finer than a day, or cut by an interval, get
// their share of it; a group appears only with points, a point only where there was traffic.
import type { SimulatorData } from '../store.js';
import { readTraffic } from '../traffic.js';
import { TelemetryError } from './errors.js';
import { matches } from './filter.js';
import { DAY } from './intervals.js';
import { KAFKA_ID, PRINCIPAL_ID, type Labels } from './labels.js';
import { pageToken } from './page-token.js';
import { principalNames } from './principal-names.js';
import { TRAFFIC_METRICS, type MetricsQuery } from './query-request.js';

/** The Metrics API keeps about a week: the simulator has points for the days [today − 7, today). */
export const RETENTION_DAYS = 7;

interface Group {
  /** In `group_by` order. */
  labels: string[];
  /** Bytes by bucket start. */
  points: Map<number, number>;
}

/** Where the page starts, and the body it belongs to, for the next page's token. */
export interface PageRequest {
  offset: number;
  digest: string;
}

/** Adds one day's bytes to the buckets of the day that the query's intervals cover. */
function addDay(points: Map<number, number>, day: number, bytes: number, query: MetricsQuery): void {
  const { bucketMs } = query.granularity;
  for (const interval of query.intervals) {
    const from = Math.max(interval.startMs, day * DAY);
    const to = Math.min(interval.endMs, (day + 1) * DAY);
    if (from >= to) continue;
    // ALL has a single bucket, stamped with the start of the first interval.
    const first = Number.isFinite(bucketMs) ? Math.floor(from / bucketMs) * bucketMs : query.intervals[0]!.startMs;
    for (let bucket = first; bucket < to; bucket += bucketMs) {
      const overlap = Math.min(bucket + bucketMs, to) - Math.max(bucket, from);
      points.set(bucket, (points.get(bucket) ?? 0) + bytes * (overlap / DAY));
    }
  }
}

function compareLabels(left: Group, right: Group): number {
  for (let index = 0; index < left.labels.length; index++) {
    const [mine, theirs] = [left.labels[index]!, right.labels[index]!];
    if (mine !== theirs) return mine < theirs ? -1 : 1;
  }
  return 0;
}

/** Labels lexicographically; under ALL, by value first, as `order_by` (default descending) says. */
function sortGroups(groups: Group[], query: MetricsQuery): Group[] {
  if (Number.isFinite(query.granularity.bucketMs)) return groups.sort(compareLabels);
  const valueOf = (group: Group) => [...group.points.values()][0] ?? 0;
  const direction = query.order === 'ASCENDING' ? 1 : -1;
  return groups.sort((left, right) => direction * (valueOf(left) - valueOf(right)) || compareLabels(left, right));
}

function groupsOf(query: MetricsQuery, data: SimulatorData, today: number): Group[] {
  const existing = new Set(data.clusters.map((cluster) => cluster.id));
  const authorized = [...query.kafkaIds].filter((id) => existing.has(id));
  // Wording as Confluent answers a query on no resource of the caller's organization.
  if (authorized.length === 0) throw new TelemetryError(403, 'Query must filter by at least one of your authorized resources');
  const days = {
    fromDay: Math.max(today - RETENTION_DAYS, Math.floor(query.intervals[0]!.startMs / DAY)),
    toDay: Math.min(today, Math.ceil(query.intervals.at(-1)!.endMs / DAY)),
  };
  const field = TRAFFIC_METRICS[query.metric];
  const groups = new Map<string, Group>();
  for (const day of readTraffic(data.traffic, days, authorized)) {
    const labels: Labels = { [KAFKA_ID]: day.clusterId, [PRINCIPAL_ID]: day.principalId };
    if (!matches(query.filter, labels)) continue;
    const values = query.groupBy.map((label) => labels[label]);
    const key = values.join('\n');
    let group = groups.get(key);
    if (!group) {
      group = { labels: values, points: new Map() };
      groups.set(key, group);
    }
    addDay(group.points, day.day, day[field], query);
  }
  return sortGroups(
    [...groups.values()].filter((group) => group.points.size > 0),
    query,
  );
}

function timestampOf(bucket: number): string {
  return new Date(bucket).toISOString().replace('.000Z', 'Z');
}

/** The response body of a query: FLAT rows or GROUPED groups, and the next page's token. */
export function answerQuery(query: MetricsQuery, data: SimulatorData, today: number, page: PageRequest): object {
  const groups = groupsOf(query, data, today);
  const end = page.offset + query.limit;
  const nameOf = principalNames(data);
  const rows = groups.slice(page.offset, end).map((group) => {
    const labels: Record<string, string> = Object.fromEntries(query.groupBy.map((label, index) => [label, group.labels[index]!]));
    if (labels[PRINCIPAL_ID] !== undefined) labels.principal_name = nameOf(labels[PRINCIPAL_ID]);
    const points = [...group.points]
      .sort(([left], [right]) => right - left)
      .map(([bucket, value]) => ({ timestamp: timestampOf(bucket), value }));
    return query.format === 'GROUPED' ? [{ ...labels, points }] : points.map(({ timestamp, value }) => ({ timestamp, ...labels, value }));
  });
  const pagination = { page_size: query.limit, ...(end < groups.length && { next_page_token: pageToken(end, page.digest) }) };
  return { data: rows.flat(), meta: { pagination } };
}
