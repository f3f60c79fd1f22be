// Kafka traffic per principal over a period, from daily points of `request_bytes` and
// `response_bytes`. A day has data when any point for it came back: the Metrics API keeps only
// about the last 7 days, so a day without data says nothing about whether anyone was active.
import { formatDay } from '../calendar.js';
import { InvalidInputError } from '../domain-errors.js';
import type { KafkaTrafficPoint as TrafficPoint } from '../confluent/client.js';
import type { Period } from '../usage/period.js';

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

export function daysOf(period: Period): string[] {
  const days: string[] = [];
  for (let day = period.start; day < period.end; day++) days.push(formatDay(day));
  return days;
}

/** Sums the points of the period's days per principal; points outside the period are ignored. */
export function summarizeTraffic(
  period: Period,
  points: { request: readonly TrafficPoint[]; response: readonly TrafficPoint[] },
): TrafficSummary {
  const days = daysOf(period);
  const inPeriod = new Set(days);
  const daysWithData = new Set<string>();
  const byPrincipal = new Map<string, PrincipalTraffic>();
  const add = (list: readonly TrafficPoint[], field: 'requestBytes' | 'responseBytes') => {
    for (const point of list) {
      if (!inPeriod.has(point.day)) continue;
      daysWithData.add(point.day);
      let traffic = byPrincipal.get(point.principalId);
      if (!traffic) byPrincipal.set(point.principalId, (traffic = { requestBytes: 0, responseBytes: 0, activeDays: new Set() }));
      traffic[field] += point.bytes;
      if (point.bytes > 0) traffic.activeDays.add(point.day);
    }
  };
  add(points.request, 'requestBytes');
  add(points.response, 'responseBytes');
  return { days, daysWithData, byPrincipal };
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
