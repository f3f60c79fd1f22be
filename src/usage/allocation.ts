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
 * smallest id; the parts add up to `total` exactly. Floats give the exact parts in almost every
 * case (`floatSplit`); where they cannot be sure, BigInt does it (micro-dollars times bytes pass
 * 2^53 quickly).
 */
export function splitByLargestRemainder(total: number, weights: ReadonlyArray<readonly [string, number]>): number[] {
  if (weights.length === 1) return [total];
  const whole = weights.map(([id, weight]) => [id, Math.round(weight)] as const);
  return floatSplit(total, whole) ?? exactSplit(total, whole);
}

/** Remainder first, then the smallest id. */
const byRemainderThenId = (a: { remainder: number | bigint; id: string }, b: { remainder: number | bigint; id: string }) =>
  a.remainder !== b.remainder ? (a.remainder > b.remainder ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

function handOut<T extends { remainder: number | bigint; id: string; part: number }>(quotas: T[], left: number): void {
  for (const quota of [...quotas].sort(byRemainderThenId).slice(0, left)) quota.part += 1;
}

/**
 * The parts from floats, or undefined where a float's error (at most `total` × 2^-52) could move a
 * part across a whole number or swap two remainders: then only exact arithmetic can tell.
 */
function floatSplit(total: number, weights: ReadonlyArray<readonly [string, number]>): number[] | undefined {
  const magnitude = Math.abs(total);
  const sum = weights.reduce((acc, [, weight]) => acc + weight, 0);
  if (!Number.isSafeInteger(sum) || magnitude > Number.MAX_SAFE_INTEGER) return undefined;
  const error = magnitude * 1e-12 + 1e-9;
  const quotas = weights.map(([id, weight]) => {
    const exact = (magnitude * weight) / sum;
    const part = Math.floor(exact);
    return { id, part, remainder: exact - part };
  });
  if (quotas.some(({ remainder }) => remainder < error || remainder > 1 - error)) return undefined;
  const ordered = [...quotas].sort((a, b) => b.remainder - a.remainder);
  if (ordered.some((quota, index) => index > 0 && ordered[index - 1]!.remainder - quota.remainder < 2 * error)) return undefined;
  handOut(quotas, magnitude - quotas.reduce((acc, quota) => acc + quota.part, 0));
  return quotas.map(({ part }) => (total < 0 ? 0 - part : part));
}

function exactSplit(total: number, weights: ReadonlyArray<readonly [string, number]>): number[] {
  const whole = BigInt(Math.abs(total));
  const sum = weights.reduce((acc, [, weight]) => acc + BigInt(weight), 0n);
  const quotas = weights.map(([id, weight]) => {
    const share = whole * BigInt(weight);
    return { id, part: Number(share / sum), remainder: share % sum };
  });
  handOut(quotas, Number(whole) - quotas.reduce((acc, quota) => acc + quota.part, 0));
  return quotas.map(({ part }) => (total < 0 ? 0 - part : part));
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
