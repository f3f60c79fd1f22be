// The contract's Chargeback: last month's cost by principal, every Kafka cluster's daily lines split
// by its principals' traffic (the store holding the days the Metrics API no longer does), the
// allocated groups adding up to the bill to the last micro-dollar, from the cost windows and two
// Metrics queries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastFullMonth, parseDay } from '../../src/calendar.js';
import { expectedChargeback } from '../helpers/chargeback-expected.js';
import { contractExists, contractState, servedOperations } from '../helpers/contract.js';
import { costsIn, decimalMicros, microSums } from '../helpers/expected.js';
import { demoTrafficStore, startServerOver, type ServerUnderTest } from '../helpers/stack.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import type { TrafficStore } from '../../src/traffic/store.js';

describe.skipIf(!contractExists)(`the chargeback contract (${contractState})`, () => {
  let simulator: Simulator;
  let store: TrafficStore;
  let server: ServerUnderTest;
  const period = lastFullMonth();
  const run = (variables: Record<string, unknown>) =>
    server.graphqlDocument(servedOperations.get('Chargeback') ?? '', 'Chargeback', variables);

  beforeAll(async () => {
    simulator = await startSimulator();
    store = await demoTrafficStore(simulator);
    server = await startServerOver(simulator, { trafficStore: store });
  });
  afterAll(async () => {
    await server.close();
    await store.close();
    await simulator.close();
  });

  it('Chargeback: each principal’s share of last month’s cost, exactly as the allocation rule gives it', async () => {
    simulator.log.clear();
    const { data, errors } = await run({ period });
    expect(errors).toBeUndefined();
    const expected = expectedChargeback(simulator.data, period);
    const answered = new Map<string | null, bigint>(
      data.usageSummary.map((group: any) => [group.principalId, decimalMicros(group.cost.amount)] as const),
    );
    expect(answered).toEqual(expected);
    expect(data.usageSummary.every((group: any) => group.cost.currencyCode === 'USD')).toBe(true);
    // Several principals share the clusters, one of them gone; some cost stays unallocated.
    expect([...answered.keys()].filter((id) => id !== null).length).toBeGreaterThan(5);
    expect(answered.get(null)).toBeGreaterThan(0n);
    // The month's cost window; the Metrics API only for days the store lacks (those it still holds);
    // the principals' listings for their names.
    const today = Math.floor(Date.now() / 86_400_000);
    const recent = parseDay(period.end)! > today - 7;
    const pages = (count: number) => Math.ceil(count / 100);
    expect(simulator.log.countsByRoute()).toEqual({
      'GET /billing/v1/costs': 1,
      ...(recent ? { 'POST /v2/metrics/{dataset}/query': 2 } : {}),
      'GET /iam/v2/users': pages(simulator.data.users.length),
      'GET /iam/v2/service-accounts': pages(simulator.data.serviceAccounts.length),
      'GET /iam/v2/identity-providers': 1,
      'GET /iam/v2/identity-providers/{provider_id}/identity-pools': simulator.data.identityProviders.length,
    });
  });

  it('Chargeback: the allocated groups add up to the billed total, to the micro-dollar', async () => {
    const { data } = await run({ period });
    const total = data.usageSummary.reduce((sum: bigint, group: any) => sum + decimalMicros(group.cost.amount), 0n);
    const billed = [...microSums(costsIn(simulator.data, period), () => 'all').values()][0]!.cost;
    expect(total).toBe(billed);
  });

  it('Chargeback: names the people, service accounts and pools that exist, and keeps the ids of those that do not', async () => {
    const { data } = await run({ period });
    const people = new Map(simulator.data.users.map((user) => [user.id, user]));
    const accounts = new Map(simulator.data.serviceAccounts.map((account) => [account.id, account]));
    const pools = new Set(Object.values(simulator.data.identityPools).flatMap((list) => list.map((pool) => pool.id)));
    let gone = 0;
    for (const group of data.usageSummary) {
      const id: string | null = group.principalId;
      const person = id ? people.get(id) : undefined;
      const account = id ? accounts.get(id) : undefined;
      expect(group.user).toEqual(
        person
          ? { id, type: 'HUMAN', name: person.full_name }
          : account
            ? { id, type: 'SERVICE_ACCOUNT', name: account.display_name }
            : null,
      );
      expect(group.identityPool).toEqual(id && pools.has(id) ? { id } : null);
      if (id && !person && !account && !pools.has(id)) gone += 1;
    }
    expect(gone).toBeGreaterThan(0);
  });

  it('Chargeback: the last seven days come from the Metrics API, two queries, with the same rule', async () => {
    const today = Math.floor(Date.now() / 86_400_000);
    const week = {
      start: new Date((today - 7) * 86_400_000).toISOString().slice(0, 10),
      end: new Date(today * 86_400_000).toISOString().slice(0, 10),
    };
    simulator.log.clear();
    const { data, errors } = await run({ period: week });
    expect(errors).toBeUndefined();
    const answered = new Map<string | null, bigint>(
      data.usageSummary.map((group: any) => [group.principalId, decimalMicros(group.cost.amount)] as const),
    );
    expect(answered).toEqual(expectedChargeback(simulator.data, week));
    expect(simulator.log.countsByRoute()['POST /v2/metrics/{dataset}/query']).toBe(2);
    expect(simulator.log.countsByRoute()['GET /cmk/v2/clusters']).toBeUndefined();
  });
});
