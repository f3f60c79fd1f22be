import type { RequestOptions } from '../confluent/client.js';
import { TRAFFIC_METRICS } from '../confluent/metrics.js';
import type { ConfluentReads } from '../confluent/reads.js';
import type { KafkaCluster } from '../confluent/types.js';
import { summarizeTraffic, type TrafficSummary } from '../access/traffic.js';
import { formatDay, today } from '../calendar.js';
import { periodKey, type Period } from '../usage/period.js';
import type { LoaderPolicy } from './policy.js';

/**
 * Clusters per Metrics API query: one query covers many clusters, never one each. 400 is Confluent's
 * default quota of Kafka clusters per organization, so most organizations need one query per metric;
 * the Metrics API's 60 queries a minute matter more than the size of a query's filter.
 */
const CLUSTERS_PER_QUERY = 400;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

/**
 * Kafka traffic of every principal over a period, read from the Metrics API as two queries (one per
 * metric) per batch of the organization's clusters, once per period per request. Only finished
 * days are asked for: today's traffic is still coming in.
 */
export function createTrafficLoaders(
  client: ConfluentReads,
  request: RequestOptions,
  policy: LoaderPolicy,
  allClusters: () => Promise<readonly KafkaCluster[]>,
) {
  const summaries = new Map<string, Promise<TrafficSummary>>();

  async function read(period: Period): Promise<TrafficSummary> {
    const end = Math.min(period.end, today());
    const clusterIds = (await allClusters()).map((cluster) => cluster.id);
    if (end <= period.start || clusterIds.length === 0) return summarizeTraffic(period, { request: [], response: [] });
    const range = { start: `${formatDay(period.start)}T00:00:00Z`, end: `${formatDay(end)}T00:00:00Z` };
    // One failed query fails the summary: the others stop rather than spend the Metrics API's small budget.
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
    return summarizeTraffic(period, { request: requestPoints ?? [], response: responsePoints ?? [] });
  }

  return {
    /** The period's traffic summary, read once per request however many fields ask. */
    inPeriod(period: Period): Promise<TrafficSummary> {
      if (!policy.batching) return read(period);
      const key = periodKey(period);
      let summary = summaries.get(key);
      if (!summary) summaries.set(key, (summary = read(period)));
      return summary;
    },
  };
}
