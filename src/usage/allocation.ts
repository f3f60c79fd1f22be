// Chargeback (DESIGN §12): a Kafka cluster's cost line of a day is split among the principals with
// traffic on that cluster that day, in proportion to their request plus response bytes. Each
// amount is split in micro-dollars by largest remainder (ties to the lexically smallest principal
// id), so the parts add up to the line exactly. Lines of other resources, lines without one, and
// cluster-days without traffic stay unallocated (principal null).
import type { TrafficRow } from '../access/traffic.js';
import { wholeLine, type CostShare } from './summary.js';
import type { UsageLine } from './usage-line.js';

/** Bytes per principal, by `<day> <cluster id>`. */
export type ClusterDayTraffic = ReadonlyMap<string, ReadonlyMap<string, number>>;

export function clusterDayTraffic(rows: readonly TrafficRow[]): ClusterDayTraffic {
  const traffic = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const bytes = row.requestBytes + row.responseBytes;
    if (!(bytes > 0)) continue;
    const key = `${row.day} ${row.clusterId}`;
    let principals = traffic.get(key);
    if (!principals) traffic.set(key, (principals = new Map()));
    principals.set(row.principalId, (principals.get(row.principalId) ?? 0) + bytes);
  }
  return traffic;
}

/**
 * `total` micro-units split in proportion to the weights, largest remainder first, ties to the
 * smallest id; the parts add up to `total` exactly. Products are BigInt: micro-dollars times bytes
 * pass 2^53 quickly.
 */
export function splitByLargestRemainder(total: number, weights: ReadonlyArray<readonly [string, number]>): number[] {
  const sign = total < 0 ? -1n : 1n;
  const whole = BigInt(Math.abs(total));
  const scaled = weights.map(([, weight]) => BigInt(Math.round(weight)));
  const sum = scaled.reduce((left, right) => left + right, 0n);
  const parts = scaled.map((weight) => (whole * weight) / sum);
  let left = whole - parts.reduce((acc, part) => acc + part, 0n);
  const byRemainder = scaled
    .map((weight, index) => ({ index, remainder: (whole * weight) % sum, id: weights[index]![0] }))
    .sort((a, b) => (a.remainder === b.remainder ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of byRemainder) {
    if (left === 0n) break;
    parts[index]! += 1n;
    left -= 1n;
  }
  return parts.map((part) => Number(part * sign));
}

/** The shares of one line: its principals' on a Kafka cluster-day with traffic, else one unallocated share. */
export function allocateLine(line: UsageLine, traffic: ClusterDayTraffic): CostShare[] {
  const resourceId = line.resourceId;
  if (!resourceId?.startsWith('lkc-')) return wholeLine(line);
  const principals = traffic.get(`${line.startDate} ${resourceId}`);
  if (!principals || principals.size === 0) return wholeLine(line);
  const weights = [...principals].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
  const original = splitByLargestRemainder(line.originalMicros, weights);
  const discount = splitByLargestRemainder(line.discountMicros, weights);
  const amount = splitByLargestRemainder(line.amountMicros, weights);
  return weights.map(([principalId], index) => ({
    principalId,
    originalMicros: original[index]!,
    discountMicros: discount[index]!,
    amountMicros: amount[index]!,
  }));
}
