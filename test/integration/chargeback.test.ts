// Chargeback beyond the contract: PRINCIPAL combined with other dimensions and filters, which days
// have traffic data, and the server collecting traffic itself with COLLECT_TRAFFIC=on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDay, lastFullMonth } from '../../src/calendar.js';
import { loadConfig } from '../../src/config.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { openTrafficStore, type TrafficStore } from '../../src/traffic/store.js';
import { expectedActivity } from '../helpers/access-expected.js';
import { decimalMicros } from '../helpers/expected.js';
import { demoTrafficStore, startServerOver, type ServerUnderTest } from '../helpers/stack.js';

const DAY_MS = 86_400_000;
const today = Math.floor(Date.now() / DAY_MS);

describe('chargeback', () => {
  let simulator: Simulator;
  let store: TrafficStore;
  let server: ServerUnderTest;
  let bare: ServerUnderTest;
  const period = lastFullMonth();

  beforeAll(async () => {
    simulator = await startSimulator();
    store = await demoTrafficStore(simulator);
    server = await startServerOver(simulator, { trafficStore: store });
    bare = await startServerOver(simulator);
  });
  afterAll(async () => {
    await server.close();
    await bare.close();
    await store.close();
    await simulator.close();
  });

  const summary = async (on: ServerUnderTest, groupBy: string[], filter?: Record<string, unknown>) => {
    const { data, errors } = await on.graphql(
      'query ($p: DateRangeInput!, $g: [UsageDimension!]!, $f: UsageFilter) { usageSummary(period: $p, groupBy: $g, filter: $f) { principalId workspace { id } month cost { amount } lineItemCount } }',
      { p: period, g: groupBy, f: filter },
    );
    expect(errors).toBeUndefined();
    return data.usageSummary as Array<{
      principalId: string | null;
      workspace: { id: string } | null;
      month: string | null;
      cost: { amount: string };
    }>;
  };
  const byPrincipal = (groups: Awaited<ReturnType<typeof summary>>) => {
    const sums = new Map<string | null, bigint>();
    for (const group of groups) sums.set(group.principalId, (sums.get(group.principalId) ?? 0n) + decimalMicros(group.cost.amount));
    return sums;
  };

  it('splits the same way whatever it is combined with: workspace and month groups add up to the principal groups', async () => {
    const alone = byPrincipal(await summary(server, ['PRINCIPAL']));
    const withWorkspace = await summary(server, ['PRINCIPAL', 'WORKSPACE', 'MONTH']);
    expect(byPrincipal(withWorkspace)).toEqual(alone);
    expect(withWorkspace.every((group) => group.month === period.start)).toBe(true);
    expect(withWorkspace.some((group) => group.principalId !== null && group.workspace !== null)).toBe(true);
  });

  it("narrows to a workspace's lines before splitting them", async () => {
    const workspaceId = simulator.data.environments[0]!.id;
    const filtered = await summary(server, ['PRINCIPAL'], { workspaceId });
    const combined = (await summary(server, ['PRINCIPAL', 'WORKSPACE'])).filter((group) => group.workspace?.id === workspaceId);
    expect(byPrincipal(filtered)).toEqual(byPrincipal(combined));
    expect(filtered.some((group) => group.principalId !== null)).toBe(true);
  });

  it('leaves the cost of days without traffic data unallocated: without a store, last month is mostly unallocated', async () => {
    const withStore = byPrincipal(await summary(server, ['PRINCIPAL']));
    const without = byPrincipal(await summary(bare, ['PRINCIPAL']));
    const total = (sums: Map<string | null, bigint>) => [...sums.values()].reduce((sum, value) => sum + value, 0n);
    expect(total(without)).toBe(total(withStore));
    expect(without.get(null)!).toBeGreaterThan(withStore.get(null)!);
  });

  it('says which days have traffic data: every day with the store, the Metrics API’s week without it', async () => {
    const query = 'query ($p: DateRangeInput!) { trafficCoverage(period: $p) { days daysWithData firstDay lastDay daysWithoutData } }';
    const month = { start: formatDay(today - 30), end: formatDay(today + 1) };
    const stored = await server.graphql(query, { p: month });
    expect(stored.errors).toBeUndefined();
    expect(stored.data.trafficCoverage).toEqual({
      days: 31,
      daysWithData: 30,
      firstDay: month.start,
      lastDay: formatDay(today - 1),
      daysWithoutData: [],
    });
    const metricsOnly = await bare.graphql(query, { p: month });
    expect(metricsOnly.data.trafficCoverage).toMatchObject({
      days: 31,
      daysWithData: 7,
      firstDay: formatDay(today - 7),
      lastDay: formatDay(today - 1),
    });
    expect(metricsOnly.data.trafficCoverage.daysWithoutData).toHaveLength(23);
    expect(metricsOnly.data.trafficCoverage.daysWithoutData[0]).toBe(month.start);
  });

  it("reads a principal's activity of days older than the Metrics API's week from the store, without a Metrics call", async () => {
    const older = { start: formatDay(today - 40), end: formatDay(today - 10) };
    const activity = expectedActivity(simulator.data, older, 0);
    const account = simulator.data.serviceAccounts.find((candidate) => (activity.byPrincipal.get(candidate.id)?.activeDays.size ?? 0) > 0)!;
    simulator.log.clear();
    const query =
      'query ($id: ID!, $p: DateRangeInput!) { user(id: $id) { activity(period: $p) { activeDays requestBytes responseBytes days daysWithData } } }';
    const { data, errors } = await server.graphql(query, { id: account.id, p: older });
    expect(errors).toBeUndefined();
    const expected = activity.byPrincipal.get(account.id)!;
    expect(data.user.activity).toEqual({
      activeDays: expected.activeDays.size,
      requestBytes: expected.requestBytes,
      responseBytes: expected.responseBytes,
      days: 30,
      daysWithData: 30,
    });
    expect(simulator.log.countsByRoute()['POST /v2/metrics/{dataset}/query']).toBeUndefined();
    // Without the store those days have no data: a clear error, not "no traffic".
    const without = await bare.graphql(query, { id: account.id, p: older });
    expect(without.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('collects the finished days the Metrics API holds when COLLECT_TRAFFIC=on, while it listens', async () => {
    const empty = await openTrafficStore({ inMemory: true });
    const config = loadConfig({});
    const collecting = await startServerOver(simulator, { trafficStore: empty, config: { traffic: { ...config.traffic, collect: true } } });
    try {
      const week = { start: formatDay(today - 7), end: formatDay(today) };
      const deadline = Date.now() + 10_000;
      while ((await empty.collectedDays(week)).size < 7 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect([...(await empty.collectedDays(week))].sort()).toEqual(Array.from({ length: 7 }, (_, index) => formatDay(today - 7 + index)));
      const rows = await empty.rows(week);
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      await collecting.close();
      await empty.close();
    }
  });
});
