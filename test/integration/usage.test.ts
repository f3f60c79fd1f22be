import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  bindingsInWorkspace,
  costsIn,
  expectCents,
  groupMicros,
  isoWeekOf,
  lastFullMonth,
  microSums,
  monthOf,
  totals,
} from '../helpers/expected.js';
import { FLAGSHIP_DOCUMENT, FLAGSHIP_OPERATION } from '../helpers/flagship.js';
import { startStack, type Stack } from '../helpers/stack.js';

const PAGE = 100;
const COST_PAGE = 10_000;
const ROLE_BINDING_PAGE = 1_000;
const pages = (count: number, size = PAGE) => Math.max(1, Math.ceil(count / size));

function daysBefore(end: string, days: number): string {
  return new Date(Date.parse(`${end}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

describe('usage metering', () => {
  let stack: Stack;
  const month = lastFullMonth();
  const flagship = (period: { start: string; end: string }) => stack.graphqlDocument(FLAGSHIP_DOCUMENT, FLAGSHIP_OPERATION, { period });

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.simulator.log.clear());

  /** The fewest calls that can answer the flagship (DESIGN.md §6), from the store's sizes. */
  function fewestFlagshipCalls(costWindows: Array<{ start: string; end: string }>) {
    const data = stack.simulator.data;
    const principals = data.environments.flatMap((environment) =>
      bindingsInWorkspace(data, environment.id).map((binding) => binding.principal ?? ''),
    );
    return {
      'GET /org/v2/organizations': 1,
      'GET /org/v2/environments': pages(data.environments.length),
      'GET /cmk/v2/clusters': data.environments.length,
      'GET /iam/v2/role-bindings': pages(data.roleBindings.length, ROLE_BINDING_PAGE),
      ...(principals.some((principal) => principal.startsWith('User:u-')) ? { 'GET /iam/v2/users': pages(data.users.length) } : {}),
      ...(principals.some((principal) => principal.startsWith('User:sa-'))
        ? { 'GET /iam/v2/service-accounts': pages(data.serviceAccounts.length) }
        : {}),
      'GET /billing/v1/costs': costWindows.reduce((sum, window) => sum + pages(costsIn(data, window).length, COST_PAGE), 0),
    };
  }

  it('answers the flagship for a month with exactly the fewest upstream calls', async () => {
    const { data, errors } = await flagship(month);
    expect(errors).toBeUndefined();
    expect(data.workspaces.totalCount).toBe(stack.simulator.data.environments.length);
    expect(stack.simulator.log.countsByRoute()).toEqual(fewestFlagshipCalls([month]));
  });

  it('reads a 90-day period in three cost windows, and sums it to the cent', async () => {
    const end = month.end;
    const start = daysBefore(end, 90);
    const windows = [
      { start, end: daysBefore(end, 59) },
      { start: daysBefore(end, 59), end: daysBefore(end, 28) },
      { start: daysBefore(end, 28), end },
    ];
    const { data, errors } = await flagship({ start, end });
    expect(errors).toBeUndefined();
    expect(stack.simulator.log.count('GET /billing/v1/costs')).toBe(3);
    expect(stack.simulator.log.countsByRoute()).toEqual(fewestFlagshipCalls(windows));
    const urls = stack.simulator.log.entries.filter((entry) => entry.route === 'GET /billing/v1/costs').map((entry) => entry.url);
    for (const window of windows) {
      expect(urls.some((url) => url.includes(`start_date=${window.start}`) && url.includes(`end_date=${window.end}`))).toBe(true);
    }
    for (const workspace of data.workspaces.nodes) {
      const lines = costsIn(stack.simulator.data, { start, end }, { workspaceId: workspace.id });
      expect(workspace.usage.totalCount).toBe(lines.length);
      expectCents(
        workspace.usageSummary.reduce((sum: number, group: any) => sum + group.amount, 0),
        totals(lines).amount,
      );
    }
  });

  it('sums by ISO week and by month with the workspace over four cost windows, exactly, the Floats equal to the Decimals', async () => {
    const period = { start: daysBefore(month.end, 100), end: month.end };
    const group = `workspace { id } week month day cost { amount currencyCode } listCost { amount } discount { amount }
      amount originalAmount discountAmount lineItemCount`;
    const { data, errors } = await stack.graphql(
      `query ($period: DateRangeInput!) {
        byWeek: usageSummary(period: $period, groupBy: [WEEK, WORKSPACE]) { ${group} }
        byMonth: usageSummary(period: $period, groupBy: [WORKSPACE, MONTH]) { ${group} }
      }`,
      { period },
    );
    expect(errors).toBeUndefined();
    expect(stack.simulator.log.count('GET /billing/v1/costs')).toBe(4);
    const lines = costsIn(stack.simulator.data, period);
    const keyOf = (time: string, workspaceId: string | null | undefined) => `${time} ${workspaceId ?? '-'}`;
    for (const [groups, timeOf, time] of [
      [data.byWeek, isoWeekOf, 'week'],
      [data.byMonth, monthOf, 'month'],
    ] as const) {
      const expected = microSums(lines, (line) => keyOf(timeOf(line.start_date), line.resource?.environment?.id));
      expect(groups).toHaveLength(expected.size);
      for (const answer of groups) {
        const key = keyOf(answer[time], answer.workspace?.id);
        expect(groupMicros(answer), key).toEqual(expected.get(key));
        expect([answer.amount, answer.originalAmount, answer.discountAmount]).toEqual(
          [answer.cost, answer.listCost, answer.discount].map((money) => Number(money.amount)),
        );
        expect(answer.cost.currencyCode).toBe('USD');
        expect([answer.day, answer[time === 'week' ? 'month' : 'week']]).toEqual([null, null]);
      }
    }
    // The first week starts before the period, as the period's first day is seldom a Monday.
    expect(data.byWeek.map((answer: any) => answer.week).sort()[0]).toBe(isoWeekOf(period.start));
  });

  it.each([
    ['start after end', { start: '2026-10-05', end: '2026-10-01' }, /before/],
    ['a period reaching two years back', { start: daysBefore(month.end, 730), end: daysBefore(month.end, 700) }, /one year/],
    ['garbage dates', { start: 'last tuesday', end: '2026-10-01' }, /Date|date/],
    ['an end past tomorrow', { start: daysBefore(month.end, 10), end: '2099-01-01' }, /tomorrow/],
  ])('rejects %s with BAD_USER_INPUT and no upstream call', async (_, period, rule) => {
    for (const response of [
      await stack.graphql(`query ($period: DateRangeInput!) { usageSummary(period: $period) { amount } }`, { period }),
      await flagship(period),
    ]) {
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toMatch(rule);
    }
    expect(stack.simulator.log.count()).toBe(0);
  });

  it('shows an unknown product code as a Product named by its code, in usage and in summaries', async () => {
    const lines = costsIn(stack.simulator.data, month);
    const unknown = lines.filter((line) => line.product === 'WARPSTREAM');
    expect(unknown.length).toBeGreaterThan(0);
    const { data, errors } = await stack.graphql(
      `query ($period: DateRangeInput!) {
        products(period: $period, first: 100) { nodes { id name } }
        product(id: "WARPSTREAM") { id name usage(period: $period, first: 100) { totalCount nodes { lineType } } usageSummary(period: $period) { amount lineItemCount } }
        byProduct: usageSummary(period: $period, groupBy: [PRODUCT]) { product { id name } amount }
      }`,
      { period: month },
    );
    expect(errors).toBeUndefined();
    expect(data.products.nodes).toContainEqual({ id: 'WARPSTREAM', name: 'WARPSTREAM' });
    expect(data.product.usage.totalCount).toBe(unknown.length);
    expect(data.product.usage.nodes.every((node: any) => node.lineType === unknown[0]!.line_type)).toBe(true);
    expect(data.product.usageSummary[0].lineItemCount).toBe(unknown.length);
    expectCents(data.product.usageSummary[0].amount, totals(unknown).amount);
    expectCents(data.byProduct.find((group: any) => group.product.id === 'WARPSTREAM').amount, totals(unknown).amount);
  });

  it('keeps resourceless SUPPORT and PROMO_CREDIT lines in usage and in every summary', async () => {
    const lines = costsIn(stack.simulator.data, month);
    for (const lineType of ['SUPPORT', 'PROMO_CREDIT']) {
      const expected = lines.filter((line) => line.line_type === lineType);
      expect(expected.length, lineType).toBeGreaterThan(0);
      const { data, errors } = await stack.graphql(
        `query ($period: DateRangeInput!, $lineType: String) {
          usage(period: $period, first: 100, filter: { lineType: $lineType }) { totalCount nodes { id amount discountAmount price resource { id } workspace { id } } }
          byWorkspace: usageSummary(period: $period, groupBy: [WORKSPACE], filter: { lineType: $lineType }) { workspace { id } amount lineItemCount }
          byResource: usageSummary(period: $period, groupBy: [RESOURCE, LINE_TYPE], filter: { lineType: $lineType }) { resource { id } lineType amount }
          total: usageSummary(period: $period) { amount }
          everyLine: usageSummary(period: $period, groupBy: [WORKSPACE, PRODUCT, LINE_TYPE, RESOURCE, DAY]) { amount }
        }`,
        { period: month, lineType },
      );
      expect(errors).toBeUndefined();
      expect(data.usage.totalCount).toBe(expected.length);
      for (const node of data.usage.nodes) {
        const line = expected.find((candidate) => candidate.id === node.id)!;
        expect(node.resource).toBeNull();
        expect(node.workspace).toBeNull();
        expect(node.price).toBe(line.price ?? null);
        expect(node.discountAmount).toBe(line.discount_amount ?? 0);
        expect(Number.isFinite(node.amount)).toBe(true);
      }
      expect(data.byWorkspace).toEqual([{ workspace: null, amount: expect.any(Number), lineItemCount: expected.length }]);
      expectCents(data.byWorkspace[0].amount, totals(expected).amount);
      expect(data.byResource).toHaveLength(1);
      expect(data.byResource[0]).toMatchObject({ resource: null, lineType });
      expectCents(data.total[0].amount, totals(lines).amount);
      expectCents(
        data.everyLine.reduce((sum: number, group: any) => sum + group.amount, 0),
        totals(lines).amount,
      );
    }
  });

  it('answers the products of this month to date without a period', async () => {
    const { data, errors } = await stack.graphql(`{ products(first: 100) { totalCount nodes { id } } }`);
    expect(errors).toBeUndefined();
    const now = new Date();
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 10);
    const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)).toISOString().slice(0, 10);
    const codes = new Set(costsIn(stack.simulator.data, { start, end }).map((line) => line.product));
    expect(new Set(data.products.nodes.map((node: any) => node.id))).toEqual(codes);
  });
});
