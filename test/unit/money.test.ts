import { describe, expect, it } from 'vitest';
import type { Cost } from '../../src/confluent/types.js';
import { costLineReader, toMicros } from '../../src/confluent/cost-lines.js';
import { toDollars } from '../../src/usage/money.js';
import { summarize } from '../../src/usage/summary.js';
import type { UsageLine } from '../../src/usage/usage-line.js';

function line(overrides: Partial<Cost>): UsageLine {
  return costLineReader()({ id: 'c', start_date: '2026-10-01', end_date: '2026-10-02', unit: 'GB', original_amount: 0, ...overrides });
}

const amountsOf = (usage: UsageLine) => ({ original: usage.originalMicros, discount: usage.discountMicros, amount: usage.amountMicros });

describe('money', () => {
  it('sums ten thousand tenths of a cent exactly where floats drift', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => line({ id: `c${i}`, original_amount: 0.001, amount: 0.001 }));
    const floatSum = lines.reduce((sum, usage) => sum + toDollars(usage.amountMicros), 0);
    expect(floatSum).not.toBe(10);
    const [total] = summarize(lines, []);
    expect(toDollars(total!.amountMicros)).toBe(10);
  });

  it('counts a missing discount as zero and derives a missing amount', () => {
    expect(amountsOf(line({ original_amount: 12.5 }))).toEqual({ original: 12_500_000, discount: 0, amount: 12_500_000 });
    expect(amountsOf(line({ original_amount: 10, discount_amount: 2.25 }))).toEqual({
      original: 10_000_000,
      discount: 2_250_000,
      amount: 7_750_000,
    });
    expect(amountsOf(line({ original_amount: -50, description: 'KAFKA101' })).amount).toBe(-50_000_000);
  });

  it('treats absent and non-finite amounts as zero, never NaN', () => {
    expect(toMicros(undefined)).toBe(0);
    expect(toMicros(null)).toBe(0);
    expect(toMicros(Number.NaN)).toBe(0);
    expect(toMicros(0.1 + 0.2)).toBe(300_000);
  });
});

describe('summarize', () => {
  const lines = [
    line({
      id: 'a',
      product: 'KAFKA',
      line_type: 'KAFKA_STORAGE',
      original_amount: 3.333333,
      amount: 3.333333,
      resource: { id: 'lkc-1', environment: { id: 'env-1' } },
    }),
    line({
      id: 'b',
      product: 'KAFKA',
      line_type: 'KAFKA_BASE',
      original_amount: 1.1,
      discount_amount: 0.1,
      amount: 1,
      resource: { id: 'lkc-1', environment: { id: 'env-1' } },
    }),
    line({
      id: 'c',
      product: 'CONNECT',
      line_type: 'CONNECT_CAPACITY',
      original_amount: 2,
      amount: 2,
      start_date: '2026-10-02',
      resource: { id: 'lcc-1', environment: { id: 'env-2' } },
    }),
    line({ id: 'd', product: 'SUPPORT_CLOUD_BUSINESS', line_type: 'SUPPORT', original_amount: 5, resource: null }),
  ];

  it('groups by the dimensions asked for, largest first, with null for lines outside any workspace', () => {
    const groups = summarize(lines, ['WORKSPACE']);
    expect(groups.map((group) => [group.workspaceId, group.amountMicros, group.lineItemCount])).toEqual([
      [null, 5_000_000, 1],
      ['env-1', 4_333_333, 2],
      ['env-2', 2_000_000, 1],
    ]);
    expect(groups.every((group) => group.productId === null && group.day === null)).toBe(true);
  });

  it('keeps every grouping adding up to the same total', () => {
    const total = summarize(lines, [])[0]!;
    for (const dimensions of [['PRODUCT'], ['LINE_TYPE'], ['RESOURCE'], ['DAY'], ['WORKSPACE', 'PRODUCT']] as const) {
      const groups = summarize(lines, dimensions);
      expect(groups.reduce((sum, group) => sum + group.amountMicros, 0)).toBe(total.amountMicros);
      expect(groups.reduce((sum, group) => sum + group.discountMicros, 0)).toBe(100_000);
    }
    expect(total.amountMicros).toBe(11_333_333);
  });

  it('names the resource of each group, none for resourceless lines', () => {
    const byResource = summarize(lines, ['RESOURCE']);
    expect(byResource.find((group) => group.resourceId === 'lkc-1')?.lineItemCount).toBe(2);
    expect(byResource.filter((group) => group.resourceId === null)).toHaveLength(1);
  });

  it('tells combinations of two dimensions apart and orders groups of equal amounts by their values', () => {
    const even = [
      line({ id: 'w', product: 'KAFKA', original_amount: 1, resource: { id: 'lkc-2', environment: { id: 'env-2' } } }),
      line({ id: 'x', product: 'KAFKA', original_amount: 1, resource: { id: 'lkc-1', environment: { id: 'env-1' } } }),
      line({ id: 'y', product: 'CONNECT', original_amount: 1, resource: { id: 'lcc-1', environment: { id: 'env-1' } } }),
      line({ id: 'z', product: 'KAFKA', original_amount: 1, resource: null }),
      line({ id: 'v', product: 'KAFKA', original_amount: 1, resource: { id: 'lkc-3', environment: { id: 'env-1' } } }),
    ];
    expect(summarize(even, ['WORKSPACE', 'PRODUCT']).map((group) => [group.workspaceId, group.productId, group.lineItemCount])).toEqual([
      ['env-1', 'KAFKA', 2],
      [null, 'KAFKA', 1],
      ['env-1', 'CONNECT', 1],
      ['env-2', 'KAFKA', 1],
    ]);
    expect(summarize(even, []).map((group) => group.lineItemCount)).toEqual([5]);
  });

  it('groups by day', () => {
    expect(
      summarize(lines, ['DAY'])
        .map((group) => group.day)
        .sort(),
    ).toEqual(['2026-10-01', '2026-10-02']);
  });
});
