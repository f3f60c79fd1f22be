import type { RequestOptions } from '../confluent/client.js';
import { TRAFFIC_METRICS } from '../confluent/metrics.js';
import type { ConfluentReads } from '../confluent/reads.js';
import type { KafkaCluster } from '../confluent/types.js';
import { summarizeTraffic, trafficDataOfPoints, type TrafficData, type TrafficRow, type TrafficSummary } from '../access/traffic.js';
import { formatDay, today } from '../calendar.js';
import { periodKey, type Period } from '../usage/period.js';
import type { LoaderPolicy } from './policy.js';

/**
 * Clusters per Metrics API query: one query covers many clusters, never one each. 400 is Confluent's
 * default quota of Kafka clusters per organization, so most organizations need one query per metric;
 * the Metrics API's 60 queries a minute matter more than the size of a query's filter.
 */
const CLUSTERS_PER_QUERY = 400;

/** What the traffic loaders read of the traffic store (days kept beyond the Metrics API's week). */
export interface StoredTraffic {
  collectedDays(range: { start: string; end: string }): Promise<Set<string>>;
  rows(range: { start: string; end: string }): Promise<readonly TrafficRow[]>;
}

const NO_TRAFFIC: TrafficData = { rows: [], daysWithData: new Set() };

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

/**
 * Kafka traffic per (day, cluster, principal) over a period: the days the traffic store holds from
 * it, the other finished days from the Metrics API as two queries (one per metric) per batch of the
 * organization's clusters. Read once per period per request. Today is never asked for: its traffic
 * is still coming in.
 */
export function createTrafficLoaders(
  client: ConfluentReads,
  request: RequestOptions,
  policy: LoaderPolicy,
  allClusters: () => Promise<readonly KafkaCluster[]>,
  store?: StoredTraffic,
) {
  const periods = new Map<string, Promise<TrafficData>>();

  /** The Metrics API's traffic of the days [start, end) on these clusters. */
  async function fromMetricsApi(start: number, end: number, clusterIds: readonly string[]): Promise<TrafficData> {
    if (clusterIds.length === 0) return NO_TRAFFIC;
    const range = { start: `${formatDay(start)}T00:00:00Z`, end: `${formatDay(end)}T00:00:00Z` };
    // One failed query fails the whole: the others stop rather than spend the Metrics API's small budget.
    const failed = new AbortController();
    const signal = request.signal ? AbortSignal.any([request.signal, failed.signal]) : failed.signal;
    const [requestPoints, responsePoints] = await Promise.all(
      TRAFFIC_METRICS.map(async (metric) => {
        const batches = chunks(clusterIds, CLUSTERS_PER_QUERY).map((batch) =>
          client.queryKafkaTraffic({ metric, clusterIds: batch, ...range }, { ...request, signal }),
        );
        return (await Promise.all(batches)).flat();
      }),
    ).catch((error: unknown) => {
      failed.abort();
      throw error;
    });
    return trafficDataOfPoints({ request: requestPoints ?? [], response: responsePoints ?? [] });
  }

  async function read(period: Period, clusterIds?: readonly string[]): Promise<TrafficData> {
    const end = Math.min(period.end, today());
    if (end <= period.start) return NO_TRAFFIC;
    const range = { start: formatDay(period.start), end: formatDay(end) };
    const stored = store ? await store.collectedDays(range) : new Set<string>();
    const missing: number[] = [];
    for (let day = period.start; day < end; day++) if (!stored.has(formatDay(day))) missing.push(day);
    const [storedRows, fetched] = await Promise.all([
      store && stored.size > 0 ? store.rows(range) : [],
      missing.length > 0
        ? fromMetricsApi(missing[0]!, missing.at(-1)! + 1, clusterIds ?? (await allClusters()).map((cluster) => cluster.id))
        : NO_TRAFFIC,
    ]);
    // The store's days are complete as collected; the Metrics API only fills the others.
    const fetchedRows = fetched.rows.filter((row) => !stored.has(row.day));
    return { rows: [...storedRows, ...fetchedRows], daysWithData: new Set([...stored, ...fetched.daysWithData]) };
  }

  /**
   * The period's traffic rows and the days with data, read once per request however many fields
   * ask: of every cluster of the organization, or only of the clusters given (those a cost line bills).
   */
  function dataOf(period: Period, clusterIds?: readonly string[]): Promise<TrafficData> {
    if (!policy.batching) return read(period, clusterIds);
    const key = `${periodKey(period)} ${clusterIds ? [...clusterIds].sort().join(',') : '*'}`;
    let data = periods.get(key);
    if (!data) periods.set(key, (data = read(period, clusterIds)));
    return data;
  }

  return {
    dataOf,
    /** The period's traffic per principal. */
    inPeriod: async (period: Period): Promise<TrafficSummary> => summarizeTraffic(period, await dataOf(period)),
  };
}
