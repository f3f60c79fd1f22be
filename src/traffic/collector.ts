// Collects daily Kafka traffic from the Metrics API into the traffic store: the finished days of
// the last two weeks that the store does not hold yet, each written once. The Metrics API keeps
// about a week; how much it still holds is not assumed: it is asked, and the days it returned any
// point for are written. Days it returned nothing for stay unmarked: it may no longer hold them,
// and they must never read as "no traffic".
import type { KafkaTrafficPoint, KafkaTrafficQuery, RequestOptions } from '../confluent/client.js';
import { TRAFFIC_METRICS, trafficRowsOf } from '../confluent/metrics.js';
import type { Environment, KafkaCluster } from '../confluent/types.js';
import { formatDay, today } from '../calendar.js';
import type { Logger } from '../logger.js';
import type { TrafficRow, TrafficStore } from './store.js';

/** What the collector reads of Confluent: the ConfluentClient, or anything shaped like it. */
export interface TrafficSource {
  listEnvironments(options?: RequestOptions): Promise<Environment[]>;
  listClusters(environmentId: string, options?: RequestOptions): Promise<KafkaCluster[]>;
  queryKafkaTraffic(query: KafkaTrafficQuery, options?: RequestOptions): Promise<KafkaTrafficPoint[]>;
}

export interface CollectOptions {
  client: TrafficSource;
  store: TrafficStore;
  /** Default: the current time. */
  now?: Date;
  logger?: Logger;
  /** How many days back to ask for; default 14, twice what the Metrics API keeps. */
  lookbackDays?: number;
}

const LOOKBACK_DAYS = 14;

/**
 * Clusters per Metrics API query: Confluent's default quota of Kafka clusters per organization, so
 * most organizations need one query per metric (the API allows 60 queries a minute).
 */
const CLUSTERS_PER_QUERY = 400;

/**
 * The Metrics API's points arrive about five minutes late (NOTES §9.3): a day is taken as finished
 * an hour after it ends, so that a day written once is never missing its last minutes.
 */
const SETTLE_MS = 3_600_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

async function clusterIdsOf(client: TrafficSource): Promise<string[]> {
  const environments = await client.listEnvironments();
  const clusters = await Promise.all(environments.map((environment) => client.listClusters(environment.id)));
  return clusters.flat().map((cluster) => cluster.id);
}

/** Both metrics for every batch of clusters; one failed query stops the others rather than spend the budget. */
async function readPoints(client: TrafficSource, clusterIds: readonly string[], start: string, end: string) {
  const failed = new AbortController();
  const range = { start: `${start}T00:00:00Z`, end: `${end}T00:00:00Z` };
  try {
    return await Promise.all(
      TRAFFIC_METRICS.map(async (metric) => {
        const batches = chunks(clusterIds, CLUSTERS_PER_QUERY).map((batch) =>
          client.queryKafkaTraffic({ metric, clusterIds: batch, ...range }, { signal: failed.signal }),
        );
        return (await Promise.all(batches)).flat();
      }),
    );
  } catch (error) {
    failed.abort();
    throw error;
  }
}

/** The rows of each wanted day that any point came back for, by day in order. */
function rowsByDay(wanted: ReadonlySet<string>, request: KafkaTrafficPoint[], response: KafkaTrafficPoint[]) {
  const days = new Map<string, TrafficRow[]>();
  for (const row of trafficRowsOf({ request, response })) {
    if (!wanted.has(row.day)) continue;
    // A day's sum of a byte counter is whole bytes; rounding only drops a float's noise.
    const whole = { ...row, requestBytes: Math.round(row.requestBytes), responseBytes: Math.round(row.responseBytes) };
    const rows = days.get(row.day);
    if (rows) rows.push(whole);
    else days.set(row.day, [whole]);
  }
  return [...days].sort(([left], [right]) => (left < right ? -1 : 1)).map(([day, rows]) => ({ day, rows }));
}

/** Collects the finished days the store lacks; returns the days it wrote (YYYY-MM-DD, in order). */
export async function collectTraffic(options: CollectOptions): Promise<string[]> {
  const { client, store, logger } = options;
  const end = today(new Date((options.now ?? new Date()).getTime() - SETTLE_MS));
  const first = end - (options.lookbackDays ?? LOOKBACK_DAYS);
  const held = await store.collectedDays({ start: formatDay(first), end: formatDay(end) });
  const missing = new Set<string>();
  for (let day = first; day < end; day++) if (!held.has(formatDay(day))) missing.add(formatDay(day));
  if (missing.size === 0) {
    logger?.info({ held: held.size }, 'traffic collection: every finished day is already held');
    return [];
  }
  const clusterIds = await clusterIdsOf(client);
  if (clusterIds.length === 0) {
    logger?.info('traffic collection: the organization has no Kafka cluster');
    return [];
  }
  const start = [...missing][0]!;
  const [requestPoints = [], responsePoints = []] = await readPoints(client, clusterIds, start, formatDay(end));
  const days = rowsByDay(missing, requestPoints, responsePoints);
  const written = await store.writeDays(days);
  // Days asked for that came back empty are usually days the Metrics API no longer keeps.
  logger?.info(
    { written, asked: missing.size, withData: days.length },
    written.length > 0 ? 'traffic collection: days written' : 'traffic collection: no new day written',
  );
  return written;
}
