// Splitting a Kafka cluster's cost line among the principals that used it that day: hand-checked
// parts by largest remainder, ties to the smallest id, and parts that always add up to the line.
import { describe, expect, it } from 'vitest';
import { allocateLine, clusterDayTraffic, splitByLargestRemainder } from '../../src/usage/allocation.js';
import { costLineReader } from '../../src/confluent/cost-lines.js';

const read = costLineReader();
const line = (resourceId: string | undefined, day: string, original: number, discount = 0) =>
  read({
    id: `line-${resourceId}-${day}-${original}`,
    start_date: day,
    end_date: day,
    unit: 'Hour',
    original_amount: original,
    discount_amount: discount,
    amount: original - discount,
    resource: resourceId ? { id: resourceId, environment: { id: 'env-1' } } : null,
  });
const row = (day: string, clusterId: string, principalId: string, requestBytes: number, responseBytes = 0) => ({
  day,
  clusterId,
  principalId,
  requestBytes,
  responseBytes,
});

describe('largest remainder', () => {
  it('gives the leftover micro-units to the largest remainders', () => {
    // 100 × 2/3 = 66.67 and 100 × 1/3 = 33.33: floors 66 and 33, the one left goes to the larger remainder.
    expect(
      splitByLargestRemainder(100, [
        ['sa-1', 2],
        ['sa-2', 1],
      ]),
    ).toEqual([67, 33]);
    // 7 × 5/10, 7 × 3/10, 7 × 2/10 = 3.5, 2.1, 1.4: floors 3, 2, 1; one left, to the 0.5.
    expect(
      splitByLargestRemainder(7, [
        ['a', 5],
        ['b', 3],
        ['c', 2],
      ]),
    ).toEqual([4, 2, 1]);
  });

  it('breaks ties in favour of the lexically smallest principal id', () => {
    expect(
      splitByLargestRemainder(10, [
        ['sa-b', 1],
        ['sa-a', 1],
        ['sa-c', 1],
      ]),
    ).toEqual([3, 4, 3]);
    expect(
      splitByLargestRemainder(2, [
        ['u-2', 1],
        ['pool-1', 1],
        ['sa-9', 1],
      ]),
    ).toEqual([0, 1, 1]);
  });

  it('splits negative amounts (credits) the same way, and keeps huge products exact', () => {
    expect(
      splitByLargestRemainder(-100, [
        ['sa-1', 2],
        ['sa-2', 1],
      ]),
    ).toEqual([-67, -33]);
    const weights = [
      ['a', 93_000_000_001],
      ['b', 7_000_000_003],
      ['c', 1],
    ] as const;
    const parts = splitByLargestRemainder(987_654_321_987, weights);
    expect(parts.reduce((sum, part) => sum + part, 0)).toBe(987_654_321_987);
    // Each part is its exact share rounded down or up (9.87… for c: 9 or 10).
    weights.forEach(([, weight], index) => {
      const exactFloor = (987_654_321_987n * BigInt(weight)) / 100_000_000_005n;
      expect(BigInt(parts[index]!) - exactFloor).toBeGreaterThanOrEqual(0n);
      expect(BigInt(parts[index]!) - exactFloor).toBeLessThanOrEqual(1n);
    });
  });
});

describe('allocating a cost line', () => {
  const traffic = clusterDayTraffic([
    row('2026-06-10', 'lkc-1', 'sa-busy', 300, 100),
    row('2026-06-10', 'lkc-1', 'sa-quiet', 100),
    row('2026-06-10', 'lkc-1', 'sa-gone', 0, 0),
    row('2026-06-10', 'lkc-2', 'u-deleted', 10),
    row('2026-06-11', 'lkc-1', 'sa-busy', 5),
  ]);

  it("splits a cluster's line of a day by request plus response bytes, exactly", () => {
    const shares = allocateLine(line('lkc-1', '2026-06-10', 1.000001, 0.2), traffic);
    // 4/5 and 1/5 of 1,000,001 µ$: 800,000.8 and 200,000.2, so 800,001 and 200,000; the discount 160,000 and 40,000.
    expect(shares).toEqual([
      { principalId: 'sa-busy', originalMicros: 800_001, discountMicros: 160_000, amountMicros: 640_001 },
      { principalId: 'sa-quiet', originalMicros: 200_000, discountMicros: 40_000, amountMicros: 160_000 },
    ]);
  });

  it('allocates to a principal that no longer exists by its id', () => {
    expect(allocateLine(line('lkc-2', '2026-06-10', 0.5), traffic)).toEqual([
      { principalId: 'u-deleted', originalMicros: 500_000, discountMicros: 0, amountMicros: 500_000 },
    ]);
  });

  it('leaves unallocated a cluster-day without traffic, other resources and lines without one', () => {
    for (const unallocated of [line('lkc-2', '2026-06-11', 3), line('lcc-1', '2026-06-10', 3), line(undefined, '2026-06-10', 3)]) {
      expect(allocateLine(unallocated, traffic)).toEqual([
        { principalId: null, originalMicros: 3_000_000, discountMicros: 0, amountMicros: 3_000_000 },
      ]);
    }
  });

  it('gives the parts exact arithmetic gives, over many random lines and traffic of realistic sizes', () => {
    // The rule in BigInt, written out plainly: floor of each exact share, one more each to the largest remainders.
    const reference = (total: number, weights: Array<readonly [string, number]>) => {
      const magnitude = BigInt(Math.abs(total));
      const sum = weights.reduce((acc, [, weight]) => acc + BigInt(weight), 0n);
      const quotas = weights.map(([id, weight], index) => ({
        id,
        index,
        part: (magnitude * BigInt(weight)) / sum,
        remainder: (magnitude * BigInt(weight)) % sum,
      }));
      let left = magnitude - quotas.reduce((acc, quota) => acc + quota.part, 0n);
      for (const quota of [...quotas].sort((a, b) =>
        a.remainder !== b.remainder ? (a.remainder > b.remainder ? -1 : 1) : a.id < b.id ? -1 : 1,
      )) {
        if (left === 0n) break;
        quota.part += 1n;
        left -= 1n;
      }
      return quotas.map((quota) => Number(total < 0 ? -quota.part : quota.part));
    };
    let seed = 11;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let index = 0; index < 5_000; index++) {
      const weights = Array.from(
        { length: 2 + Math.floor(random() * 8) },
        (_, i) => [`sa-${i}`, 1 + Math.floor(random() ** 3 * 5e12)] as const,
      );
      // Equal traffic now and then, so ties are decided by id.
      if (index % 7 === 0) weights[1] = ['sa-1', weights[0]![1]];
      const total = Math.floor((random() - 0.1) * 10 ** (2 + Math.floor(random() * 9)));
      expect(splitByLargestRemainder(total, weights), `case ${index}`).toEqual(reference(total, weights));
    }
  });

  it('keeps every line whole over many random lines and weights', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let index = 0; index < 2_000; index++) {
      const weights = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, i) => [`sa-${i}`, Math.floor(random() * 1e12)] as const);
      const total = Math.floor((random() - 0.2) * 1e10);
      const parts = splitByLargestRemainder(total, weights.some(([, weight]) => weight > 0) ? weights : [['sa-0', 1]]);
      expect(parts.reduce((sum, part) => sum + part, 0)).toBe(total);
    }
  });
});
