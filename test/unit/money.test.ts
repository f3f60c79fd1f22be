import { parseValue } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Cost } from '../../src/confluent/types.js';
import { costLineReader, toMicros } from '../../src/confluent/cost-lines.js';
import { Decimal } from '../../src/resolvers/scalars.js';
import { formatDay, parseDay } from '../../src/calendar.js';
import { formatMicros, toDollars } from '../../src/usage/money.js';
import { summarize, type UsageGroupRecord } from '../../src/usage/summary.js';
import type { UsageLine } from '../../src/usage/usage-line.js';
import { decimalMicros } from '../helpers/expected.js';

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

describe('formatMicros', () => {
  it.each([
    [0, '0.00'],
    [1, '0.000001'],
    [-1, '-0.000001'],
    [10, '0.00001'],
    [100_000, '0.10'],
    [1_000_000, '1.00'],
    [-1_500_000, '-1.50'],
    [1_230_000, '1.23'],
    [1_234_000, '1.234'],
    [1_234_567_891, '1234.567891'],
    [-50_000_000, '-50.00'],
    [Number.MAX_SAFE_INTEGER, '9007199254.740991'],
    [-Number.MAX_SAFE_INTEGER, '-9007199254.740991'],
  ])('writes %d micro-dollars as %s', (micros, decimal) => {
    expect(formatMicros(micros)).toBe(decimal);
    expect(Decimal.serialize(decimal)).toBe(decimal);
    expect(toDollars(micros)).toBe(Number(decimal));
  });

  it('writes negative zero, which rounding a tiny negative amount gives, as zero', () => {
    expect(formatMicros(toMicros(-0.0000001))).toBe('0.00');
  });

  it.each([2 ** 53, -(2 ** 53), 1e21, 0.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %d rather than write an inexact amount',
    (micros) => {
      expect(() => formatMicros(micros)).toThrow(RangeError);
    },
  );
});

describe('the Decimal scalar', () => {
  it.each(['1234.567891', '-0.000001', '0', '12', '12.5', '-7.00'])('takes %s as it is', (decimal) => {
    expect(Decimal.parseValue(decimal)).toBe(decimal);
    expect(Decimal.parseLiteral(parseValue(JSON.stringify(decimal)))).toBe(decimal);
  });

  it.each([12.5, 12, '1e3', '1.5E-3', ' 1.00', '+1.00', '.5', '5.', '01.00', '1,000.00', '', 'NaN', null, {}])(
    'refuses %j with BAD_USER_INPUT',
    (value) => {
      expect(() => Decimal.parseValue(value)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
    },
  );

  it.each(['12.5', '1e3', 'true', '["1.00"]'])('refuses the literal %s with BAD_USER_INPUT', (literal) => {
    expect(() => Decimal.parseLiteral(parseValue(literal))).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
  });

  it('writes only amounts as the graph formats them', () => {
    for (const value of [12.5, '12.5', '1e3', 12_500_000n, null]) expect(() => Decimal.serialize(value)).toThrow();
  });
});

describe('a year of random cost lines', () => {
  /** A small seeded generator (mulberry32), so a failure can be run again. */
  function random(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const next = random(20);
  const integer = (below: number) => Math.floor(next() * below);

  /**
   * Up to $100,000 with up to 6 decimals, a fifth negative (credits): as JSON brings it (a float
   * read from its text), and its micro-dollars read as integers from the same digits.
   */
  function amount(): { dollars: number; micros: bigint } {
    const [negative, whole, decimals] = [integer(5) === 0, integer(100_000), integer(7)];
    const fraction = decimals ? String(integer(10 ** decimals)).padStart(decimals, '0') : '';
    const micros = BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
    return { dollars: Number(`${negative ? '-' : ''}${whole}${fraction ? '.' : ''}${fraction}`), micros: negative ? -micros : micros };
  }

  const LINES_A_DAY = 20;
  const start = parseDay('2026-01-01')!;
  const expected = new Map<string, { cost: bigint; listCost: bigint; discount: bigint }>();
  const add = (key: string, cost: bigint, listCost: bigint, discount: bigint) => {
    const sums = expected.get(key) ?? { cost: 0n, listCost: 0n, discount: 0n };
    expected.set(key, { cost: sums.cost + cost, listCost: sums.listCost + listCost, discount: sums.discount + discount });
  };
  const readLine = costLineReader();
  const lines = Array.from({ length: 365 * LINES_A_DAY }, (_, index): UsageLine => {
    const day = formatDay(start + Math.floor(index / LINES_A_DAY));
    const workspaceId = `env-${index % 3}`;
    const [cost, listCost, discount] = [amount(), amount(), amount()];
    add(`${day.slice(0, 7)} ${workspaceId}`, cost.micros, listCost.micros, discount.micros);
    add('all', cost.micros, listCost.micros, discount.micros);
    return readLine({
      id: `c${index}`,
      start_date: day,
      end_date: day,
      unit: 'GB',
      amount: cost.dollars,
      original_amount: listCost.dollars,
      discount_amount: discount.dollars,
      resource: { id: `lkc-${index % 7}`, environment: { id: workspaceId } },
    });
  });
  const sumsOf = (group: UsageGroupRecord) => ({
    cost: decimalMicros(formatMicros(group.amountMicros)),
    listCost: decimalMicros(formatMicros(group.originalMicros)),
    discount: decimalMicros(formatMicros(group.discountMicros)),
  });

  it('sums to exactly what BigInt arithmetic on the same digits gives, by month and workspace and in all', () => {
    const groups = summarize(lines, ['MONTH', 'WORKSPACE']);
    expect(groups).toHaveLength(12 * 3);
    for (const group of groups) expect(sumsOf(group)).toEqual(expected.get(`${group.month!.slice(0, 7)} ${group.workspaceId}`));
    expect(sumsOf(summarize(lines, [])[0]!)).toEqual(expected.get('all'));
    // Far inside what numbers hold exactly (2^53): a whole year of lines of up to $100,000 each.
    expect(expected.get('all')!.listCost).toBeLessThan(BigInt(Number.MAX_SAFE_INTEGER));
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

  it('groups by ISO week across a year boundary, and by month, with the workspace', () => {
    const days = ['2025-12-28', '2025-12-29', '2026-01-01', '2026-01-04', '2026-01-05'];
    const weekly = days.map((day, index) =>
      line({ id: day, start_date: day, original_amount: 10 ** index, resource: { id: 'lkc-1', environment: { id: `env-${index % 2}` } } }),
    );
    const rows = (groups: ReturnType<typeof summarize>) =>
      groups.map((group) => [group.week, group.month, group.workspaceId, group.originalMicros / 1_000_000, group.day]);
    expect(rows(summarize(weekly, ['WEEK', 'WORKSPACE']))).toEqual([
      ['2026-01-05', null, 'env-0', 10_000, null],
      ['2025-12-29', null, 'env-1', 1_010, null],
      ['2025-12-29', null, 'env-0', 100, null],
      ['2025-12-22', null, 'env-0', 1, null],
    ]);
    expect(rows(summarize(weekly, ['MONTH']))).toEqual([
      [null, '2026-01-01', null, 11_100, null],
      [null, '2025-12-01', null, 11, null],
    ]);
  });

  it('groups by day', () => {
    expect(
      summarize(lines, ['DAY'])
        .map((group) => group.day)
        .sort(),
    ).toEqual(['2026-10-01', '2026-10-02']);
  });
});
