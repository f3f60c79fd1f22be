// Usage lines put in the graph's order, and the `next` link read from the head of a page.
import { describe, expect, it } from 'vitest';
import { costLineReader } from '../../src/confluent/cost-lines.js';
import { nextLinkInHead } from '../../src/confluent/list-head.js';
import { matchesFilter, periodLines, type UsageLine } from '../../src/usage/usage-line.js';

const readLine = costLineReader();
const line = (id: string, day: string): UsageLine => readLine({ id, start_date: day, end_date: day, unit: 'GB', original_amount: 1 });
const ids = (lines: readonly UsageLine[]) => lines.map((each) => each.id);

describe('the next link at the head of a page', () => {
  const next = 'https://api.confluent.cloud/billing/v1/costs?start_date=2026-10-01&page_token=abc%7D';

  it('is read from an envelope written before its items, as Confluent writes it', () => {
    const page = `{"api_version":"billing/v1","kind":"CostList","metadata":{"next":${JSON.stringify(next)}},"data":[{"id":"x"}]}`;
    expect(nextLinkInHead(page)).toBe(next);
    expect(nextLinkInHead(` {\n  "kind": "CostList",\n  "metadata": { "next": ${JSON.stringify(next)} },\n  "data": []}`)).toBe(next);
  });

  it('is null on the last page, whose metadata has no link or an empty one', () => {
    expect(nextLinkInHead('{"api_version":"billing/v1","kind":"CostList","metadata":{},"data":[]}')).toBeNull();
    expect(nextLinkInHead('{"metadata":{"next":""},"data":[]}')).toBeNull();
    expect(nextLinkInHead('{"metadata":{"next":null},"data":[]}')).toBeNull();
  });

  it('is unknown when the head does not show it plainly, so the caller waits for the whole parse', () => {
    expect(nextLinkInHead(`{"data":[],"metadata":{"next":${JSON.stringify(next)}}}`)).toBeUndefined();
    expect(nextLinkInHead(`{"api_version":"billing/v1","extra":{"metadata":{}},"metadata":{"next":"x"}}`)).toBeUndefined();
    expect(nextLinkInHead('{"metadata":{"next":42},"data":[]}')).toBeUndefined();
    expect(nextLinkInHead('{"metadata":{"next":"cut off')).toBeUndefined();
    expect(nextLinkInHead('not json')).toBeUndefined();
    expect(nextLinkInHead(`{"kind":"CostList",${' '.repeat(9_000)}"metadata":{"next":"x"}}`)).toBeUndefined();
  });
});

describe('the lines of a period', () => {
  const day = (n: number) => `2026-10-${String(n).padStart(2, '0')}`;
  const window = (lines: UsageLine[], startDate = day(1), endDate = '2026-11-01') => ({ startDate, endDate, lines });

  it('come by day, then by id as strings compare, whatever their lengths and characters', () => {
    const sameDay = ['b', 'a', 'ab', 'a-b', 'aé', 'az', 'A', '', 'a\u{1F600}', 'a\uFFFF'];
    const lines = [line('z', day(2)), ...sameDay.map((id) => line(id, day(3))), line('y', day(1))];
    expect(ids(periodLines([window(lines)]))).toEqual(['y', 'z', ...[...sameDay].sort()]);
  });

  it('hold a line sent twice in a window once, and no line from outside its window', () => {
    const first = window([line('a', day(2)), line('a', day(2)), line('early', '2026-09-30'), line('b', day(31))]);
    const second = window([line('c', '2026-11-01'), line('d', '2026-11-02'), line('late', '2026-11-05')], '2026-11-01', '2026-11-05');
    expect(ids(periodLines([first, second]))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('match a filter on every field it sets, and an empty filter on every line', () => {
    const kafka = readLine({
      id: 'k',
      start_date: day(1),
      end_date: day(2),
      unit: 'GB',
      original_amount: 1,
      product: 'KAFKA',
      line_type: 'KAFKA_STORAGE',
      resource: { id: 'lkc-1', environment: { id: 'env-1' } },
    });
    expect(matchesFilter(kafka, {})).toBe(true);
    expect(matchesFilter(kafka, { workspaceId: 'env-1', productId: 'KAFKA', lineType: 'KAFKA_STORAGE', resourceId: 'lkc-1' })).toBe(true);
    expect(matchesFilter(kafka, { workspaceId: 'env-1', productId: 'CONNECT' })).toBe(false);
    expect(matchesFilter(kafka, { resourceId: 'lkc-2' })).toBe(false);
    expect(matchesFilter(kafka, { workspaceId: null, lineType: '' })).toBe(true);
  });
});
