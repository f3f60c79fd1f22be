// Kafka traffic per principal over a period, from daily points of `request_bytes` and
// `response_bytes`. A day has data when any point for it came back: the Metrics API keeps only
// about the last 7 days, so a day without data says nothing about whether anyone was active.
import { formatDay } from '../calendar.js';
import { InvalidInputError } from '../domain-errors.js';
import type { KafkaTrafficPoint as TrafficPoint } from '../confluent/client.js';
import { trafficRowsOf, type TrafficRow } from '../confluent/metrics.js';
import type { Period } from '../usage/period.js';

export type { TrafficRow };

/** Traffic rows, and the days they cover: a day without a row but with data had no traffic. */
export interface TrafficData {
  rows: readonly TrafficRow[];
  daysWithData: ReadonlySet<string>;
}

/** The Metrics API's points of its two metrics as rows, and the days any point came back for. */
export function trafficDataOfPoints(points: { request: readonly TrafficPoint[]; response: readonly TrafficPoint[] }): TrafficData {
  return { rows: trafficRowsOf(points), daysWithData: new Set([...points.request, ...points.response].map((point) => point.day)) };
}

export interface PrincipalTraffic {
  requestBytes: number;
  responseBytes: number;
  /** Days with any bytes, `YYYY-MM-DD`. */
  activeDays: Set<string>;
}

export interface TrafficSummary {
  /** Every day of the period, `YYYY-MM-DD`, in order. */
  days: string[];
  daysWithData: Set<string>;
  byPrincipal: Map<string, PrincipalTraffic>;
}

function daysOf(period: Period): string[] {
  const days: string[] = [];
  for (let day = period.start; day < period.end; day++) days.push(formatDay(day));
  return days;
}

/** Sums the rows of the period's days per principal; rows and days outside the period are ignored. */
export function summarizeTraffic(period: Period, data: TrafficData): TrafficSummary {
  const days = daysOf(period);
  const inPeriod = new Set(days);
  const byPrincipal = new Map<string, PrincipalTraffic>();
  for (const row of data.rows) {
    if (!inPeriod.has(row.day)) continue;
    let traffic = byPrincipal.get(row.principalId);
    if (!traffic) byPrincipal.set(row.principalId, (traffic = { requestBytes: 0, responseBytes: 0, activeDays: new Set() }));
    traffic.requestBytes += row.requestBytes;
    traffic.responseBytes += row.responseBytes;
    if (row.requestBytes + row.responseBytes > 0) traffic.activeDays.add(row.day);
  }
  return { days, daysWithData: new Set([...data.daysWithData].filter((day) => inPeriod.has(day))), byPrincipal };
}

/** A principal's activity as the graph shows it. */
export interface PrincipalActivity {
  activeDays: number;
  lastActiveOn: string | null;
  requestBytes: number;
  responseBytes: number;
  days: number;
  daysWithData: number;
}

export function activityOf(summary: TrafficSummary, principalId: string): PrincipalActivity {
  const traffic = summary.byPrincipal.get(principalId);
  const active = traffic ? [...traffic.activeDays].sort() : [];
  return {
    activeDays: active.length,
    lastActiveOn: active.at(-1) ?? null,
    requestBytes: traffic?.requestBytes ?? 0,
    responseBytes: traffic?.responseBytes ?? 0,
    days: summary.days.length,
    daysWithData: summary.daysWithData.size,
  };
}

/**
 * The summary, when some day of the period has data. A period with none (older than the Metrics API
 * keeps, and not collected) can say nothing about activity, so it is refused rather than shown as idle.
 */
export function requireTrafficData(summary: TrafficSummary, period: Period): TrafficSummary {
  if (summary.daysWithData.size > 0) return summary;
  throw new InvalidInputError(
    `No Kafka traffic data for any day from ${formatDay(period.start)} to ${formatDay(period.end)} (exclusive): ` +
      'the Metrics API keeps only about the last 7 days',
    'period',
  );
}

/** Which days of a period have data, as `Query.trafficCoverage` shows it. */
export function coverageOf(period: Period, data: TrafficData, today: number) {
  const days = daysOf(period);
  const withData = days.filter((day) => data.daysWithData.has(day));
  const finished = days.slice(0, Math.max(0, Math.min(period.end, today) - period.start));
  return {
    days: days.length,
    daysWithData: withData.length,
    firstDay: withData[0] ?? null,
    lastDay: withData.at(-1) ?? null,
    daysWithoutData: finished.filter((day) => !data.daysWithData.has(day)),
  };
}
