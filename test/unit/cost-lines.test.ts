// The pieces that carry cost lines from the worker thread and put them in order: packing, the
// table lines are read from, the `next` link read from a page's head, and merging ordered pages.
import { describe, expect, it, vi } from 'vitest';
import { nextLinkInHead } from '../../src/confluent/list-head.js';
import { readCostPage } from '../../src/usage/cost-page.js';
import type { Cost } from '../../src/confluent/types.js';
import { inOrderOnce } from '../../src/usage/line-order.js';
import { CostTable } from '../../src/usage/cost-table.js';
import { packLines } from '../../src/usage/packed-lines.js';
import { UsageLines } from '../../src/usage/usage-lines.js';
import { byDateThenId, usageLineOf, type UsageLine } from '../../src/usage/usage-line.js';
import { idsOf, linesOfTable, usageLinesOf } from '../helpers/usage-lines.js';

function line(id: string, day: string, overrides: Partial<Cost> = {}): UsageLine {
  const next = `2026-10-${String(Number(day.slice(-2)) + 1).padStart(2, '0')}`;
  return usageLineOf({ id, start_date: day, end_date: next, unit: 'GB', original_amount: 1, ...overrides });
}

const bytes = (text: string) => new Uint8Array(Buffer.from(text));

describe('a usage line', () => {
  it('holds the types the graph declares, whatever types Confluent sends', () => {
    const odd = { product: 7, unit: 42, description: true, quantity: '2.5', price: 'n/a', granularity: null } as unknown as Partial<Cost>;
    expect(line('a', '2026-10-01', odd)).toMatchObject({ productId: '7', unit: '42', description: 'true', quantity: 2.5, price: null, granularity: null });
    const infinite = { quantity: Number.POSITIVE_INFINITY, price: {} } as unknown as Partial<Cost>;
    expect(line('b', '2026-10-01', infinite)).toMatchObject({ quantity: null, price: null });
  });
});

describe('a table of packed lines', () => {
  const lines = [
    line('a', '2026-10-01', {
      product: 'KAFKA',
      line_type: 'KAFKA_STORAGE',
      price: 0.25,
      quantity: 12.5,
      original_amount: 3.125,
      discount_amount: 0.125,
      amount: 3,
      granularity: 'DAILY',
      network_access_type: 'INTERNET',
      description: 'storage “ünïcode”',
      resource: { id: 'lkc-1', display_name: 'orders', environment: { id: 'env-1' } },
    }),
    line('b', '2026-10-01', { product: 'KAFKA', resource: { id: 'lkc-1', display_name: 'orders', environment: { id: 'env-1' } } }),
    // Resourceless, no product, no price or quantity: nulls survive, and are not zeros or NaN.
    line('c', '2026-10-02', { product: 'SUPPORT', original_amount: -4 }),
    line('d', '2026-10-02', { resource: { id: 'lkc-2', environment: null } }),
  ];

  it('gives back each line as packed, field for field', () => {
    const table = CostTable.of(lines);
    expect(table.count).toBe(4);
    expect(linesOfTable(table)).toEqual(lines);
    expect(table.line(2)).toMatchObject({ resource: null, quantity: null, price: null, productId: 'SUPPORT', amountMicros: -4_000_000 });
    expect(table.line(3).resource).toEqual({ id: 'lkc-2', name: null });
  });

  it('reads single fields without making the line', () => {
    const table = CostTable.of(lines);
    expect([table.id(1), table.startDate(2), table.productId(3), table.lineTypeId(0), table.workspaceId(0), table.resourceId(3)]).toEqual([
      'b', '2026-10-02', null, 'KAFKA_STORAGE', 'env-1', 'lkc-2',
    ]);
    expect([table.originalMicros(0), table.discountMicros(0), table.amountMicros(0)]).toEqual([3_125_000, 125_000, 3_000_000]);
  });

  it('keeps each distinct string once, and gives lines of one resource one record', () => {
    const packed = packLines(lines);
    expect(packed.text.match(/lkc-1/g)).toHaveLength(1);
    expect(packed.text.match(/2026-10-01/g)).toHaveLength(1);
    const table = new CostTable([packed]);
    expect(table.line(0).resource).toBe(table.line(1).resource);
    expect(table.line(0)).toBe(table.line(0));
  });

  it('keeps a field sent as a number as its text', () => {
    const odd = { ...lines[0]!, unit: 42 as unknown as string };
    expect(linesOfTable(CostTable.of([odd, lines[1]!]))).toEqual([{ ...odd, unit: '42' }, lines[1]]);
  });

  it('holds an empty page', () => {
    expect(linesOfTable(CostTable.of([]))).toEqual([]);
  });

  it('joins pages one after another, each field read from its own page', () => {
    const joined = CostTable.join([CostTable.of(lines.slice(0, 1)), CostTable.of([]), CostTable.of(lines.slice(1))]);
    expect(linesOfTable(joined)).toEqual(lines);
  });

  it('comes back the same from JSON, as a shared cache in Redis keeps it', () => {
    const revived = CostTable.fromJSON(JSON.parse(JSON.stringify(CostTable.of(lines))));
    expect(linesOfTable(revived)).toEqual(lines);
  });

  it('knows from each page whether its lines are in order and which days they span', () => {
    expect(packLines(lines)).toMatchObject({ ordered: true, firstDay: '2026-10-01', lastDay: '2026-10-02' });
    expect(packLines([lines[1]!, lines[0]!])).toMatchObject({ ordered: false });
    expect(packLines([lines[0]!, lines[0]!])).toMatchObject({ ordered: false });
    expect(packLines([lines[3]!, lines[0]!])).toMatchObject({ firstDay: '2026-10-01', lastDay: '2026-10-02' });
    expect(packLines([])).toMatchObject({ ordered: true, firstDay: null, lastDay: null });
    const table = CostTable.join([CostTable.of(lines.slice(0, 2)), CostTable.of([]), CostTable.of(lines.slice(2))]);
    expect(table.allDaysWithin('2026-10-01', '2026-10-03')).toBe(true);
    expect(table.allDaysWithin('2026-10-01', '2026-10-02')).toBe(false);
    expect(table.allDaysWithin('2026-10-02', '2026-10-03')).toBe(false);
  });

  it('weighs about what its text and columns hold', () => {
    const table = CostTable.of(lines);
    expect(table.approximateBytes).toBeGreaterThan(packLines(lines).text.length * 2);
    expect(CostTable.of([...lines, ...lines]).approximateBytes).toBeGreaterThan(table.approximateBytes);
  });
});

describe('the next link at the head of a page', () => {
  const next = 'https://api.confluent.cloud/billing/v1/costs?start_date=2026-10-01&page_token=abc%7D';

  it('is read from an envelope written before its items, as Confluent writes it', () => {
    const page = `{"api_version":"billing/v1","kind":"CostList","metadata":{"next":${JSON.stringify(next)}},"data":[{"id":"x"}]}`;
    expect(nextLinkInHead(bytes(page))).toBe(next);
    expect(nextLinkInHead(bytes(` {\n  "kind": "CostList",\n  "metadata": { "next": ${JSON.stringify(next)} },\n  "data": []}`))).toBe(next);
  });

  it('is null on the last page, whose metadata has no link or an empty one', () => {
    expect(nextLinkInHead(bytes('{"api_version":"billing/v1","kind":"CostList","metadata":{},"data":[]}'))).toBeNull();
    expect(nextLinkInHead(bytes('{"metadata":{"next":""},"data":[]}'))).toBeNull();
    expect(nextLinkInHead(bytes('{"metadata":{"next":null},"data":[]}'))).toBeNull();
  });

  it('is unknown when the head does not show it plainly, so the caller waits for the whole parse', () => {
    expect(nextLinkInHead(bytes(`{"data":[],"metadata":{"next":${JSON.stringify(next)}}}`))).toBeUndefined();
    expect(nextLinkInHead(bytes(`{"api_version":"billing/v1","extra":{"metadata":{}},"metadata":{"next":"x"}}`))).toBeUndefined();
    expect(nextLinkInHead(bytes('{"metadata":{"next":42},"data":[]}'))).toBeUndefined();
    expect(nextLinkInHead(bytes('{"metadata":{"next":"cut off'))).toBeUndefined();
    expect(nextLinkInHead(bytes('not json'))).toBeUndefined();
    expect(nextLinkInHead(bytes(`{"kind":"CostList",${' '.repeat(9_000)}"metadata":{"next":"x"}}`))).toBeUndefined();
  });
});

describe('lines in order, each once', () => {
  const day = (n: number) => `2026-10-${String(n).padStart(2, '0')}`;
  const lines = Array.from({ length: 60 }, (_, i) => line(`id-${String(i % 7).padStart(2, '0')}-${i}`, day(1 + (i % 5))));
  const expected = [...lines].sort(byDateThenId);
  const ordered = (each: UsageLine[]) => {
    const selected = inOrderOnce(usageLinesOf(each));
    return Array.from(selected.rows, (row) => selected.table.line(row));
  };

  it('merges pages that are each in order', () => {
    const pages = [expected.filter((_, i) => i % 3 === 0), expected.filter((_, i) => i % 3 === 1), expected.filter((_, i) => i % 3 === 2)];
    expect(ordered(pages.flat())).toEqual(expected);
  });

  it('merges pages each in order, a line in two pages once, comparing only where the pages meet', () => {
    const pages = [expected.slice(0, 25), expected.slice(20, 41), expected.slice(41)].map((page) => CostTable.of(page));
    expect(pages.map((page) => page.orderedUntil(0))).toEqual([25, 21, 19]);
    const table = CostTable.join(pages);
    const compare = vi.spyOn(table, 'compareRows');
    const selected = inOrderOnce(UsageLines.all(table));
    expect(Array.from(selected.rows, (row) => table.line(row))).toEqual(expected);
    expect(compare.mock.calls.length).toBeLessThan(30);
  });

  it('sorts lines in no order at all', () => {
    const shuffled = lines.map((value, i) => ({ value, key: (i * 7919) % 61 })).sort((a, b) => a.key - b.key).map(({ value }) => value);
    expect(ordered(shuffled)).toEqual(expected);
  });

  it('keeps a line sent twice once', () => {
    const twice = [...expected.slice(0, 40), ...expected.slice(30)];
    expect(ordered(twice)).toEqual(expected);
  });

  it('keeps a line sent twice in a row once, though the rest is in order', () => {
    const repeated = [...expected.slice(0, 10), expected[9]!, ...expected.slice(10)];
    expect(ordered(repeated)).toEqual(expected);
  });

  it('returns lines already in order, each once, as they are, without a copy', () => {
    const inOrder = usageLinesOf(expected);
    expect(inOrderOnce(inOrder)).toBe(inOrder);
    expect(ordered([])).toEqual([]);
  });

  it('orders ids as strings compare, whatever their lengths and characters', () => {
    const ids = ['b', 'a', 'ab', 'a-b', 'aé', 'az', 'A', '', 'a\u{1F600}', 'a\uFFFF'];
    const sameDay = ids.map((id) => line(id, '2026-10-03'));
    expect(idsOf(inOrderOnce(usageLinesOf(sameDay)))).toEqual([...ids].sort());
  });
});

describe('a cost page read', () => {
  const page = (value: unknown) => bytes(JSON.stringify(value));

  it('keeps its lines in order and its next link', () => {
    const costs = [
      { id: 'b', start_date: '2026-10-02', end_date: '2026-10-03', unit: 'GB', original_amount: 1 },
      { id: 'a', start_date: '2026-10-02 00:00:00', end_date: '2026-10-03', unit: 'GB', original_amount: 2 },
      { id: 'c', start_date: '2026-10-01', end_date: '2026-10-02', unit: 'GB', original_amount: 3 },
    ];
    const read = readCostPage(page({ metadata: { next: 'https://x/next?page_token=t' }, data: costs }));
    expect(read).toEqual({ ok: true, next: 'https://x/next?page_token=t', lines: [costs[2]!, costs[1]!, costs[0]!].map(usageLineOf) });
    expect(readCostPage(page({ metadata: { next: '' }, data: [] }))).toEqual({ ok: true, next: null, lines: [] });
  });

  it.each([
    ['{"data":[', 'the body is not JSON'],
    ['{"data":{}}', 'the body is not a list'],
    ['{"data":[null]}', 'a cost line is not an object'],
    ['{"data":[],"metadata":{"next":1}}', 'metadata.next is not a link'],
    ['{"data":[{"id":"c","start_date":20261001,"end_date":"2026-10-02"}]}', 'a cost line has no id, start_date or end_date'],
    ['{"data":[{"start_date":"2026-10-01","end_date":"2026-10-02"}]}', 'a cost line has no id, start_date or end_date'],
  ])('names what is wrong with %s', (body, problem) => {
    expect(readCostPage(bytes(body))).toEqual({ ok: false, problem });
  });
});
