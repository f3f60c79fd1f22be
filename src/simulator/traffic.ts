// Daily Kafka traffic per (day, cluster, principal): what the Metrics API reports as
// `request_bytes` and `response_bytes`. One series per (cluster, principal), its days in typed
// arrays, so a year of a large organization stays a few megabytes.
import { formatDay } from '../calendar.js';

export interface TrafficSeries {
  clusterId: string;
  /** Bare, as the Metrics API labels it: `sa-…`, `u-…`, `pool-…`. */
  principalId: string;
  /** The day of index 0 of both arrays. */
  firstDay: number;
  /** Bytes per day from `firstDay` on; both are 0 on a day without traffic, both positive otherwise. */
  requestBytes: Float64Array;
  responseBytes: Float64Array;
}

/** One day of one principal on one cluster, on a day it had traffic. */
export interface TrafficDay {
  day: number;
  clusterId: string;
  principalId: string;
  requestBytes: number;
  responseBytes: number;
}

/** Day numbers, as elsewhere in the simulator; `toDay` is excluded. */
export interface DayRange {
  fromDay: number;
  toDay: number;
}

/** The days with traffic in `range` on the given clusters, by cluster, principal, then day. */
export function readTraffic(traffic: readonly TrafficSeries[], range: DayRange, clusterIds: Iterable<string>): TrafficDay[] {
  const wanted = new Set(clusterIds);
  const days: TrafficDay[] = [];
  for (const series of traffic) {
    if (!wanted.has(series.clusterId)) continue;
    const from = Math.max(range.fromDay, series.firstDay);
    const to = Math.min(range.toDay, series.firstDay + series.requestBytes.length);
    for (let day = from; day < to; day++) {
      const requestBytes = series.requestBytes[day - series.firstDay]!;
      if (requestBytes === 0) continue;
      const responseBytes = series.responseBytes[day - series.firstDay]!;
      days.push({ day, clusterId: series.clusterId, principalId: series.principalId, requestBytes, responseBytes });
    }
  }
  return days;
}

/**
 * Every day of the range with its traffic, as a traffic store keeps it (days as `YYYY-MM-DD`): for
 * filling a demo store with the history a collector would have gathered.
 */
export function trafficByDay(traffic: readonly TrafficSeries[], range: DayRange, clusterIds: Iterable<string>) {
  const days = new Map<number, Array<Omit<TrafficDay, 'day'> & { day: string }>>();
  for (let day = range.fromDay; day < range.toDay; day++) days.set(day, []);
  for (const { day, ...row } of readTraffic(traffic, range, clusterIds)) days.get(day)?.push({ ...row, day: formatDay(day) });
  return [...days].map(([day, rows]) => ({ day: formatDay(day), rows }));
}
