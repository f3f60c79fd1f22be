// Expected chargeback computed straight from the simulator's store, by DESIGN §12's rule written out
// plainly (BigInt quotas, largest remainder, ties to the smallest id), independently of the server.
import { parseDay } from '../../src/calendar.js';
import type { Cost } from '../../src/confluent/types.js';
import { readTraffic, type SimulatorData } from '../../src/simulator/index.js';
import { costsIn } from './expected.js';

const micros = (dollars: number | undefined): bigint => BigInt(Math.round((dollars ?? 0) * 1_000_000));
const costOf = (cost: Cost) =>
  typeof cost.amount === 'number' ? micros(cost.amount) : micros(cost.original_amount) - micros(cost.discount_amount);

/** `total` split by weight: each its floor, then one more each to the largest remainders, ties to the smallest id. */
function largestRemainder(total: bigint, weights: Array<[string, bigint]>): Map<string, bigint> {
  const sum = weights.reduce((acc, [, weight]) => acc + weight, 0n);
  const magnitude = total < 0n ? -total : total;
  const quotas = weights.map(([id, weight]) => ({ id, floor: (magnitude * weight) / sum, remainder: (magnitude * weight) % sum }));
  let left = magnitude - quotas.reduce((acc, quota) => acc + quota.floor, 0n);
  const order = [...quotas].sort((a, b) => (a.remainder !== b.remainder ? (a.remainder > b.remainder ? -1 : 1) : a.id < b.id ? -1 : 1));
  const parts = new Map(quotas.map((quota) => [quota.id, quota.floor]));
  for (const quota of order) {
    if (left === 0n) break;
    parts.set(quota.id, parts.get(quota.id)! + 1n);
    left -= 1n;
  }
  return new Map([...parts].map(([id, part]) => [id, total < 0n ? -part : part]));
}

/** Cost per principal (`null`: not allocated) in micro-dollars, every day of the period having traffic data. */
export function expectedChargeback(data: SimulatorData, period: { start: string; end: string }): Map<string | null, bigint> {
  const range = { fromDay: parseDay(period.start)!, toDay: parseDay(period.end)! };
  const bytes = new Map<string, Array<[string, bigint]>>();
  for (const day of readTraffic(data.traffic, range, new Set(data.traffic.map((series) => series.clusterId)))) {
    const total = BigInt(Math.round(day.requestBytes)) + BigInt(Math.round(day.responseBytes));
    if (total === 0n) continue;
    const key = `${day.day} ${day.clusterId}`;
    bytes.set(key, [...(bytes.get(key) ?? []), [day.principalId, total]]);
  }
  const sums = new Map<string | null, bigint>();
  const add = (principal: string | null, amount: bigint) => sums.set(principal, (sums.get(principal) ?? 0n) + amount);
  for (const cost of costsIn(data, period)) {
    const resource = cost.resource?.id;
    const weights = resource?.startsWith('lkc-') ? bytes.get(`${parseDay(cost.start_date.slice(0, 10))} ${resource}`) : undefined;
    if (!weights) add(null, costOf(cost));
    else for (const [principal, part] of largestRemainder(costOf(cost), weights)) add(principal, part);
  }
  return sums;
}
