// The simulator's Metrics API over real HTTP: its query rules (one aggregation, granularity and
// interval limits, a required resource filter, group_by labels, limits, formats, page tokens tied
// to their body), retention, errors, the per-IP rate limit and its headers; and the seeded traffic
// behind it. Expected answers are computed from the store's series, not with the server's code.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatDay, parseDay } from '../../src/calendar.js';
import { readTraffic, startSimulator, type Simulator } from '../../src/simulator/index.js';

const TODAY = '2026-06-15';
const today = parseDay(TODAY)!;
const REQUEST_BYTES = 'io.confluent.kafka.server/request_bytes';
const RESPONSE_BYTES = 'io.confluent.kafka.server/response_bytes';
const QUERY_ROUTE = 'POST /v2/metrics/{dataset}/query';
const MB = 1e6;
const GB = 1e9;

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

let simulator: Simulator;
let authorization: string;

const midnight = (day: number) => `${formatDay(day)}T00:00:00Z`;
const principalIdOf = (principal: string | undefined) => (principal ?? '').replace(/^User:/, '');
const clusterIds = () => simulator.data.clusters.map((cluster) => cluster.id);
const anyOf = (ids: string[]) => ({ op: 'OR', filters: ids.map((value) => ({ field: 'resource.kafka.id', op: 'EQ', value })) });

/** The usual query: one metric, every cluster, grouped by cluster and principal, daily, over the retained week. */
function queryBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    aggregations: [{ metric: REQUEST_BYTES, agg: 'SUM' }],
    filter: anyOf(clusterIds()),
    group_by: ['resource.kafka.id', 'metric.principal_id'],
    granularity: 'P1D',
    intervals: [`${midnight(today - 7)}/${midnight(today)}`],
    limit: 1000,
    ...overrides,
  };
}

async function post(body: unknown, options: { token?: string; headers?: Record<string, string>; path?: string } = {}): Promise<Answer> {
  const query = options.token === undefined ? '' : `?page_token=${encodeURIComponent(options.token)}`;
  const response = await fetch(`${simulator.telemetryUrl}${options.path ?? '/v2/metrics/cloud/query'}${query}`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json', ...options.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** Every page of a query, as a client must walk them: the same body, the token as a query parameter. */
async function allPages(body: Record<string, unknown>): Promise<Answer[]> {
  const pages: Answer[] = [];
  let token: string | undefined;
  do {
    const page = await post(body, { token });
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    pages.push(page);
    token = page.body.meta.pagination.next_page_token;
  } while (token !== undefined);
  return pages;
}

/** `cluster principal day` → bytes of one metric, straight from the store's series. */
function seeded(metric: 'requestBytes' | 'responseBytes', ids: ReadonlySet<string>, fromDay: number, toDay: number): Map<string, number> {
  const expected = new Map<string, number>();
  for (const series of simulator.data.traffic) {
    if (!ids.has(series.clusterId)) continue;
    series[metric].forEach((bytes, index) => {
      const day = series.firstDay + index;
      if (bytes > 0 && day >= fromDay && day < toDay) expected.set(`${series.clusterId} ${series.principalId} ${formatDay(day)}`, bytes);
    });
  }
  return expected;
}

function answered(pages: Answer[]): Map<string, number> {
  const rows = new Map<string, number>();
  for (const row of pages.flatMap((page) => page.body.data)) {
    const key = `${row['resource.kafka.id']} ${row['metric.principal_id']} ${row.timestamp.slice(0, 10)}`;
    expect(rows.has(key), key).toBe(false);
    rows.set(key, row.value);
  }
  return rows;
}

/** Days with traffic of each principal over every cluster. */
function activeDaysByPrincipal(): Map<string, number[]> {
  const days = new Map<string, number[]>();
  for (const series of simulator.data.traffic) {
    const list = days.get(series.principalId) ?? [];
    series.requestBytes.forEach((bytes, index) => bytes > 0 && list.push(series.firstDay + index));
    days.set(series.principalId, list);
  }
  return days;
}

/** Principals bound to a role at or below a Kafka cluster. */
function withKafkaRole(): Set<string> {
  const bindings = simulator.data.roleBindings.filter((binding) => binding.crn_pattern?.includes('/cloud-cluster='));
  return new Set(bindings.map((binding) => principalIdOf(binding.principal)));
}

function quietSince(principalId: string, day: number, activity: Map<string, number[]>): boolean {
  return (activity.get(principalId) ?? []).every((active) => active < day);
}

beforeAll(async () => {
  simulator = await startSimulator({ today: TODAY });
  const { apiKey, apiSecret } = simulator.credentials;
  authorization = `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;
});

afterAll(() => simulator.close());

beforeEach(() => {
  simulator.faults.clear();
  simulator.log.clear();
  // Many queries run within a minute here; the limit itself is tested with a budget of its own.
  simulator.setTelemetryRateLimit({ limit: 100_000, windowSeconds: 60 });
});

describe('seeded traffic', () => {
  it('covers the cost history up to yesterday, for principals bound to or holding a key of that cluster, not invitees', () => {
    const firstDay = today - 366;
    const reach = new Set([
      ...simulator.data.roleBindings.flatMap((binding) => {
        const clusterId = /\/cloud-cluster=([^/]+)/.exec(binding.crn_pattern ?? '')?.[1];
        return clusterId ? [`${clusterId} ${principalIdOf(binding.principal)}`] : [];
      }),
      ...simulator.data.apiKeys.map((key) => `${key.spec?.resource?.id} ${key.spec?.owner?.id}`),
    ]);
    const invited = simulator.data.invitations.filter((invitation) =>
      ['INVITE_STATUS_SENT', 'INVITE_STATUS_STAGED'].includes(invitation.status ?? ''),
    );
    const invitedIds = new Set(invited.map((invitation) => invitation.user?.id));
    expect(simulator.data.traffic.length).toBeGreaterThan(100);
    expect(simulator.data.traffic.filter((series) => invitedIds.has(series.principalId))).toEqual([]);
    for (const series of simulator.data.traffic) {
      expect(reach.has(`${series.clusterId} ${series.principalId}`), `${series.clusterId} ${series.principalId}`).toBe(true);
      expect(series.principalId).toMatch(/^(sa|u|pool)-/);
      expect(series.firstDay).toBeGreaterThanOrEqual(firstDay);
      expect(series.firstDay + series.requestBytes.length).toBeLessThanOrEqual(today);
      expect(series.responseBytes.length).toBe(series.requestBytes.length);
      const halfActive = series.requestBytes.filter((bytes, index) => bytes > 0 !== series.responseBytes[index]! > 0);
      expect(halfActive.length).toBe(0);
    }
  });

  it('reads back by day range and clusters with readTraffic, days with traffic only', () => {
    const batch = clusterIds().slice(2, 5);
    const range = { fromDay: today - 40, toDay: today - 10 };
    const days = readTraffic(simulator.data.traffic, range, batch);
    const read = (field: 'requestBytes' | 'responseBytes') =>
      new Map(days.map((day) => [`${day.clusterId} ${day.principalId} ${formatDay(day.day)}`, day[field]]));
    expect(days.length).toBeGreaterThan(100);
    expect(read('requestBytes')).toEqual(seeded('requestBytes', new Set(batch), range.fromDay, range.toDay));
    expect(read('responseBytes')).toEqual(seeded('responseBytes', new Set(batch), range.fromDay, range.toDay));
  });

  it('has several principals on every cluster, and more on Dedicated clusters than on Basic ones', () => {
    const principalsOn = (clusterId: string) =>
      new Set(simulator.data.traffic.filter((series) => series.clusterId === clusterId).map((series) => series.principalId)).size;
    const meanOver = (kind: string) => {
      const counts = simulator.data.clusters
        .filter((cluster) => cluster.spec?.config?.kind === kind)
        .map((cluster) => principalsOn(cluster.id));
      return counts.reduce((sum, count) => sum + count, 0) / counts.length;
    };
    for (const id of clusterIds()) expect(principalsOn(id), id).toBeGreaterThanOrEqual(3);
    expect(meanOver('Dedicated')).toBeGreaterThan(meanOver('Basic'));
  });

  it('spans quiet and busy principals, from megabytes to tens of gigabytes a day, with idle days', () => {
    const totals = simulator.data.traffic.flatMap((series) =>
      [...series.requestBytes].map((bytes, index) => bytes + series.responseBytes[index]!).filter((bytes) => bytes > 0),
    );
    expect(Math.min(...totals)).toBeLessThan(10 * MB);
    expect(Math.max(...totals)).toBeGreaterThan(10 * GB);
    const withIdleDays = simulator.data.traffic.filter((series) => {
      const active = [...series.requestBytes].map((bytes) => bytes > 0);
      return active.slice(active.indexOf(true), active.lastIndexOf(true)).includes(false);
    });
    expect(withIdleDays.length).toBeGreaterThan(simulator.data.traffic.length / 4);
  });

  it('leaves a service account and an identity pool with Kafka roles without traffic for the last 14 days', () => {
    const activity = activeDaysByPrincipal();
    const bound = [...withKafkaRole()];
    const accounts = new Set(simulator.data.serviceAccounts.map((account) => account.id));
    const pools = new Set(Object.values(simulator.data.identityPools).flatMap((list) => list.map((pool) => pool.id)));
    const inactive = bound.filter((id) => quietSince(id, today - 14, activity));
    expect(inactive.filter((id) => accounts.has(id))).not.toEqual([]);
    expect(inactive.filter((id) => pools.has(id))).not.toEqual([]);
    // One of them had traffic before: it stopped, rather than never started.
    expect(inactive.some((id) => (activity.get(id) ?? []).length > 0)).toBe(true);
  });

  it('gives an identity pool traffic in the retained week', () => {
    const activity = activeDaysByPrincipal();
    const pools = Object.values(simulator.data.identityPools).flatMap((list) => list.map((pool) => pool.id));
    expect(pools.filter((id) => !quietSince(id, today - 7, activity))).not.toEqual([]);
  });

  it('gives traffic to a principal that no longer exists, the one of a straggler binding', () => {
    const existing = new Set([
      ...simulator.data.users.map((user) => user.id),
      ...simulator.data.serviceAccounts.map((account) => account.id),
      ...Object.values(simulator.data.identityPools).flatMap((list) => list.map((pool) => pool.id)),
    ]);
    const gone = simulator.data.traffic.filter((series) => !existing.has(series.principalId));
    expect(gone).not.toEqual([]);
    expect(withKafkaRole().has(gone[0]!.principalId)).toBe(true);
  });

  it('has principals that stopped during the history and principals that started during it', () => {
    const firstDay = today - 366;
    const created = new Map(
      [...simulator.data.users, ...simulator.data.serviceAccounts].map((principal) => [
        principal.id,
        parseDay(principal.metadata!.created_at!.slice(0, 10))!,
      ]),
    );
    const activity = [...activeDaysByPrincipal()].filter(([, days]) => days.length > 0);
    const stopped = activity.filter(([, days]) => Math.max(...days) < today - 30 && Math.min(...days) < today - 60);
    const startedLate = activity.filter(([id, days]) => (created.get(id) ?? Infinity) < firstDay && Math.min(...days) > firstDay + 60);
    expect(stopped.length).toBeGreaterThanOrEqual(2);
    expect(startedLate.length).toBeGreaterThanOrEqual(2);
  });
});

describe('queries', () => {
  it('answers both metrics for a batch of clusters, grouped by cluster and principal, as the store holds them', async () => {
    const batch = clusterIds().slice(0, 6);
    for (const [metric, field] of [
      [REQUEST_BYTES, 'requestBytes'],
      [RESPONSE_BYTES, 'responseBytes'],
    ] as const) {
      const pages = await allPages(queryBody({ aggregations: [{ metric, agg: 'SUM' }], filter: anyOf(batch), limit: 40 }));
      const expected = seeded(field, new Set(batch), today - 7, today);
      expect(expected.size).toBeGreaterThan(100);
      expect(answered(pages)).toEqual(expected);
    }
  });

  it('puts points at midnight UTC, newest first within a group, and orders groups by their labels', async () => {
    const [page] = await allPages(queryBody({ format: 'GROUPED', group_by: ['metric.principal_id', 'resource.kafka.id'] }));
    const groups = page!.body.data as any[];
    const labels = groups.map((group) => [group['metric.principal_id'], group['resource.kafka.id']]);
    const sorted = [...labels].sort(([a1, a2], [b1, b2]) => (a1 < b1 ? -1 : a1 > b1 ? 1 : a2 < b2 ? -1 : a2 > b2 ? 1 : 0));
    expect(labels).toEqual(sorted);
    for (const group of groups) {
      const stamps = group.points.map((point: any) => point.timestamp);
      expect(stamps).toEqual([...stamps].sort().reverse());
      for (const stamp of stamps) expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
      expect(group.points.every((point: any) => point.value > 0)).toBe(true);
    }
  });

  it('names principals for display, and shows the id of one that no longer exists', async () => {
    const [page] = await allPages(queryBody());
    const names = new Map<string, string | undefined>([
      ...simulator.data.users.map((user) => [user.id, user.full_name] as const),
      ...simulator.data.serviceAccounts.map((account) => [account.id, account.display_name] as const),
      ...Object.values(simulator.data.identityPools).flatMap((list) => list.map((pool) => [pool.id, pool.display_name] as const)),
    ]);
    const rows = page!.body.data as any[];
    for (const row of rows) expect(row.principal_name).toBe(names.get(row['metric.principal_id']) ?? row['metric.principal_id']);
    expect(rows.some((row) => !names.has(row['metric.principal_id']))).toBe(true);
  });

  it('keeps only the last 7 days: nothing 30 days ago, points yesterday, none for today', async () => {
    const oldDay = await post(queryBody({ intervals: [`${midnight(today - 30)}/P1D`] }));
    expect(oldDay.status).toBe(200);
    expect(oldDay.body.data).toEqual([]);
    const yesterday = await post(queryBody({ intervals: [`${midnight(today - 1)}/P1D`] }));
    expect(yesterday.body.data.length).toBeGreaterThan(10);
    const month = await allPages(queryBody({ intervals: [`${midnight(today - 30)}/${midnight(today + 1)}`], limit: 200 }));
    const days = new Set(month.flatMap((page) => page.body.data.map((row: any) => row.timestamp.slice(0, 10))));
    expect([...days].sort()).toEqual(Array.from({ length: 7 }, (_, index) => formatDay(today - 7 + index)));
  });

  it('reads start/duration, duration/end and start/end intervals alike', async () => {
    const forms = [
      `${midnight(today - 3)}/${midnight(today)}`,
      `${midnight(today - 3)}/P3D`,
      `P3D/${midnight(today)}`,
      `${midnight(today - 3)}/PT72H`,
    ];
    const answers = await Promise.all(forms.map((interval) => post(queryBody({ intervals: [interval] }))));
    for (const answer of answers) expect(answer.body).toEqual(answers[0]!.body);
    expect(answers[0]!.body.data.length).toBeGreaterThan(0);
  });

  it('answers the days of several intervals, each day once where they overlap', async () => {
    const intervals = [`${midnight(today - 6)}/P1D`, `${midnight(today - 3)}/P2D`, `${midnight(today - 2)}/PT12H`];
    const [page] = await allPages(queryBody({ intervals }));
    const days = new Set((page!.body.data as any[]).map((row) => row.timestamp.slice(0, 10)));
    expect([...days].sort()).toEqual([today - 6, today - 3, today - 2].map(formatDay));
    const expected = [...seeded('requestBytes', new Set(clusterIds()), today - 7, today)].filter(([key]) => days.has(key.split(' ')[2]!));
    expect(answered([page!])).toEqual(new Map(expected));
    const perGroup = new Map<string, number>();
    for (const [key, bytes] of expected) {
      const group = key.split(' ').slice(0, 2).join(' ');
      perGroup.set(group, (perGroup.get(group) ?? 0) + bytes);
    }
    const [all] = await allPages(queryBody({ intervals, granularity: 'ALL' }));
    const totals = new Map(
      (all!.body.data as any[]).map((row) => [`${row['resource.kafka.id']} ${row['metric.principal_id']}`, row.value]),
    );
    expect(totals).toEqual(perGroup);
  });

  it('sums every principal of the batch into one series without group_by', async () => {
    const batch = clusterIds().slice(0, 3);
    const answer = await post(queryBody({ group_by: undefined, filter: anyOf(batch) }));
    const perDay = new Map<string, number>();
    for (const [key, bytes] of seeded('requestBytes', new Set(batch), today - 7, today)) {
      const day = key.split(' ')[2]!;
      perDay.set(day, (perDay.get(day) ?? 0) + bytes);
    }
    const rows = answer.body.data as any[];
    expect(rows.map((row) => Object.keys(row).sort())).toEqual(rows.map(() => ['timestamp', 'value']));
    expect(new Map(rows.map((row) => [row.timestamp.slice(0, 10), row.value]))).toEqual(perDay);
  });

  it('narrows with AND, NOT and GTE on labels', async () => {
    const [clusterId] = clusterIds();
    const [page] = await allPages(queryBody({ filter: anyOf([clusterId!]) }));
    const principals = [...new Set((page!.body.data as any[]).map((row) => row['metric.principal_id'] as string))].sort();
    expect(principals.length).toBeGreaterThanOrEqual(3);
    const one = principals[1]!;
    const principalsOf = async (filter: unknown) => {
      const answer = await post(queryBody({ filter }));
      return [...new Set((answer.body.data as any[]).map((row) => row['metric.principal_id']))].sort();
    };
    const onCluster = { field: 'resource.kafka.id', op: 'EQ', value: clusterId };
    const isOne = { field: 'metric.principal_id', op: 'EQ', value: one };
    expect(await principalsOf({ op: 'AND', filters: [onCluster, isOne] })).toEqual([one]);
    expect(await principalsOf({ op: 'AND', filters: [onCluster, { op: 'NOT', filter: isOne }] })).toEqual(
      principals.filter((id) => id !== one),
    );
    expect(await principalsOf({ op: 'AND', filters: [onCluster, { field: 'metric.principal_id', op: 'GTE', value: one }] })).toEqual(
      principals.filter((id) => id >= one),
    );
  });

  it('spreads a day evenly over hourly buckets', async () => {
    const [clusterId] = clusterIds();
    const day = today - 2;
    const daily = await post(queryBody({ filter: anyOf([clusterId!]), intervals: [`${midnight(day)}/P1D`] }));
    const hourly = await post(queryBody({ filter: anyOf([clusterId!]), intervals: [`${midnight(day)}/P1D`], granularity: 'PT1H' }));
    const row = daily.body.data[0];
    const hours = (hourly.body.data as any[]).filter((point) => point['metric.principal_id'] === row['metric.principal_id']);
    expect(hours).toHaveLength(24);
    expect(hours.reduce((sum, point) => sum + point.value, 0)).toBeCloseTo(row.value, 3);
  });

  it('orders groups by value under granularity ALL, descending unless asked otherwise', async () => {
    const values = async (orderBy?: unknown) => {
      const answer = await post(queryBody({ granularity: 'ALL', group_by: ['metric.principal_id'], order_by: orderBy }));
      return (answer.body.data as any[]).map((row) => row.value);
    };
    const descending = await values();
    expect(descending.length).toBeGreaterThan(10);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    const ascending = await values([{ metric: REQUEST_BYTES, agg: 'SUM', order: 'ASCENDING' }]);
    expect(ascending).toEqual([...descending].reverse());
  });

  it('answers 403 when no cluster of the filter belongs to the organization', async () => {
    const answer = await post(queryBody({ filter: anyOf(['lkc-nosuch']) }));
    expect(answer.status).toBe(403);
    expect(answer.body.errors[0]).toMatchObject({ status: '403' });
  });
});

describe('paging', () => {
  it('reaches every group exactly once with a small limit, the last page without a token', async () => {
    const limit = 7;
    const [whole] = await allPages(queryBody());
    const groupsOf = (page: Answer) => [
      ...new Set((page.body.data as any[]).map((row) => `${row['resource.kafka.id']} ${row['metric.principal_id']}`)),
    ];
    const everyGroup = groupsOf(whole!);
    const pages = await allPages(queryBody({ limit }));
    expect(pages).toHaveLength(Math.ceil(everyGroup.length / limit));
    for (const page of pages) {
      expect(groupsOf(page).length).toBeLessThanOrEqual(limit);
      expect(page.body.meta.pagination.page_size).toBe(limit);
    }
    expect(pages.flatMap(groupsOf)).toEqual(everyGroup);
    expect(pages.at(-1)!.body.meta.pagination.next_page_token).toBeUndefined();
    expect(simulator.log.count(QUERY_ROUTE)).toBe(1 + pages.length);
  });

  it('takes the same body re-encoded, and refuses a token with another body, without group_by, or malformed', async () => {
    const body = queryBody({ limit: 5 });
    const first = await post(body);
    const token = first.body.meta.pagination.next_page_token;
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect((await post(reordered, { token })).status).toBe(200);
    for (const other of [queryBody({ limit: 6 }), queryBody({ limit: 5, aggregations: [{ metric: RESPONSE_BYTES, agg: 'SUM' }] })]) {
      const refused = await post(other, { token });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].status).toBe('400');
    }
    expect((await post(queryBody({ limit: 5, group_by: undefined }), { token })).status).toBe(400);
    expect((await post(body, { token: 'not-a-token' })).status).toBe(400);
  });
});

describe('validation', () => {
  const without = (field: string) => () => queryBody({ [field]: undefined });
  const cases: Array<[string, () => unknown]> = [
    ['a body that is not JSON', () => '{"aggregations": ['],
    ['a body that is not an object', () => [queryBody()]],
    ['no aggregations', without('aggregations')],
    ['no aggregation', () => queryBody({ aggregations: [] })],
    [
      'two aggregations',
      () =>
        queryBody({
          aggregations: [
            { metric: REQUEST_BYTES, agg: 'SUM' },
            { metric: RESPONSE_BYTES, agg: 'SUM' },
          ],
        }),
    ],
    ['an unknown metric', () => queryBody({ aggregations: [{ metric: 'io.confluent.kafka.server/no_such_metric' }] })],
    ['an aggregation other than SUM', () => queryBody({ aggregations: [{ metric: REQUEST_BYTES, agg: 'AVG' }] })],
    ['no granularity', without('granularity')],
    ['an unknown granularity', () => queryBody({ granularity: 'P1W' })],
    ['PT1M over more than 6 hours', () => queryBody({ granularity: 'PT1M', intervals: [`${midnight(today - 1)}/PT6H1M`] })],
    ['PT5M over more than a day', () => queryBody({ granularity: 'PT5M', intervals: [`${midnight(today - 2)}/P2D`] })],
    ['PT15M over more than 4 days', () => queryBody({ granularity: 'PT15M', intervals: [`${midnight(today - 5)}/P5D`] })],
    ['PT30M over more than 7 days', () => queryBody({ granularity: 'PT30M', intervals: [`${midnight(today - 8)}/P8D`] })],
    ['no intervals', without('intervals')],
    ['an empty list of intervals', () => queryBody({ intervals: [] })],
    ['an interval that is not ISO-8601', () => queryBody({ intervals: ['last week'] })],
    ['an interval ending before it starts', () => queryBody({ intervals: [`${midnight(today)}/${midnight(today - 2)}`] })],
    ['an interval on a date that does not exist', () => queryBody({ intervals: ['2026-02-30T00:00:00Z/P1D'] })],
    ['a date-time without a zone', () => queryBody({ intervals: ['2026-06-10T00:00:00/P1D'] })],
    ['no filter', without('filter')],
    ['a filter on the principal only', () => queryBody({ filter: { field: 'metric.principal_id', op: 'EQ', value: 'sa-1' } })],
    ['a NOT of a cluster', () => queryBody({ filter: { op: 'NOT', filter: { field: 'resource.kafka.id', op: 'EQ', value: 'lkc-1' } } })],
    ['a range of clusters', () => queryBody({ filter: { field: 'resource.kafka.id', op: 'GT', value: 'lkc-' } })],
    [
      'an OR with a branch not on a cluster',
      () =>
        queryBody({
          filter: {
            op: 'OR',
            filters: [
              { field: 'resource.kafka.id', op: 'EQ', value: clusterIds()[0] },
              { field: 'metric.principal_id', op: 'EQ', value: 'sa-1' },
            ],
          },
        }),
    ],
    ['a filter op that does not exist', () => queryBody({ filter: { field: 'resource.kafka.id', op: 'LT', value: 'lkc-1' } })],
    ['a filter on an unknown field', () => queryBody({ filter: { field: 'metric.topic', op: 'EQ', value: 'orders' } })],
    ['a filter value that is an object', () => queryBody({ filter: { field: 'resource.kafka.id', op: 'EQ', value: { id: 'lkc-1' } } })],
    ['a group_by label the metric does not have', () => queryBody({ group_by: ['metric.topic'] })],
    ['a limit of 0', () => queryBody({ limit: 0 })],
    ['a limit over 1000', () => queryBody({ limit: 1001 })],
    ['a limit that is not an integer', () => queryBody({ limit: 2.5 })],
    ['an unknown format', () => queryBody({ format: 'TABLE' })],
    ['GROUPED without group_by', () => queryBody({ format: 'GROUPED', group_by: [] })],
    ['order_by with a granularity other than ALL', () => queryBody({ order_by: [{ metric: REQUEST_BYTES, agg: 'SUM' }] })],
    ['a field QueryRequest does not have', () => queryBody({ 'group-by': ['metric.principal_id'] })],
  ];

  it.each(cases)('refuses %s with 400', async (_name, body) => {
    const answer = await post(body());
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors[0].status).toBe('400');
    expect(answer.body.errors[0].detail).toEqual(expect.any(String));
  });

  it('accepts each granularity at its longest interval', async () => {
    const longest: Array<[string, string]> = [
      ['PT1M', 'PT6H'],
      ['PT5M', 'P1D'],
      ['PT15M', 'P4D'],
      ['PT30M', 'P7D'],
      ['PT1H', 'P30D'],
      ['P1D', 'P60D'],
      ['ALL', 'P60D'],
    ];
    for (const [granularity, length] of longest) {
      const answer = await post(queryBody({ granularity, intervals: [`${midnight(today - 60)}/${length}`], limit: 1 }));
      expect(answer.status, `${granularity} over ${length}: ${JSON.stringify(answer.body)}`).toBe(200);
    }
  });

  it('refuses an unknown query parameter, and a body that is not JSON by its Content-Type', async () => {
    expect((await post(queryBody(), { path: '/v2/metrics/cloud/query?page_size=10' })).status).toBe(400);
    expect((await post(queryBody(), { headers: { 'content-type': 'text/plain' } })).status).toBe(415);
  });
});

describe('HTTP', () => {
  it('answers 401 in the telemetry error shape without valid credentials', async () => {
    for (const credentials of [undefined, `Basic ${Buffer.from(`${simulator.credentials.apiKey}:wrong`).toString('base64')}`]) {
      const response = await fetch(`${simulator.telemetryUrl}/v2/metrics/cloud/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(credentials && { authorization: credentials }) },
        body: JSON.stringify(queryBody()),
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ errors: [{ status: '401', detail: expect.any(String) }] });
    }
  });

  it('answers 404 for anything but the query of the cloud dataset', async () => {
    const misses = [
      fetch(`${simulator.telemetryUrl}/v2/metrics/cloud/query`, { headers: { authorization } }),
      fetch(`${simulator.telemetryUrl}/v2/metrics/cloud/descriptors/metrics`, { headers: { authorization } }),
      fetch(`${simulator.telemetryUrl}/iam/v2/users`, { headers: { authorization } }),
    ];
    for (const response of await Promise.all(misses)) {
      expect(response.status).toBe(404);
      const body = (await response.json()) as any;
      expect(body.errors[0].status).toBe('404');
    }
    expect((await post(queryBody(), { path: '/v2/metrics/health-plus/query' })).status).toBe(404);
  });

  it('allows the budget per minute, then answers 429; every answer carries ratelimit-* headers', async () => {
    simulator.setTelemetryRateLimit({ limit: 3, windowSeconds: 60 });
    const answers = [await post(queryBody()), await post(queryBody({ limit: 0 })), await post(queryBody(), { path: '/v2/nothing' })];
    const refused = await post(queryBody());
    expect(answers.map((answer) => answer.status)).toEqual([200, 400, 404]);
    expect(answers.map((answer) => answer.headers.get('ratelimit-remaining'))).toEqual(['2', '1', '0']);
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].status).toBe('429');
    for (const answer of [...answers, refused]) {
      expect(answer.headers.get('ratelimit-limit')).toBe('3');
      expect(Number(answer.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1);
      expect(Number(answer.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(60);
    }
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(simulator.log.count(QUERY_ROUTE)).toBe(3);
  });

  it('defaults to 60 a minute, and names the headers in lower case on the wire', async () => {
    const restarted = await startSimulator({
      today: TODAY,
      size: { environments: 1, users: 4, serviceAccounts: 2, roleBindings: 10, costDays: 10 },
    });
    try {
      const rawHeaders = await new Promise<string[]>((resolve, reject) => {
        const call = httpRequest(`${restarted.telemetryUrl}/v2/metrics/cloud/query`, { method: 'POST' }, (response) => {
          response.resume();
          resolve(response.rawHeaders);
        });
        call.on('error', reject);
        call.end();
      });
      const names = rawHeaders.filter((_, index) => index % 2 === 0);
      expect(names).toEqual(expect.arrayContaining(['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']));
      expect(rawHeaders[rawHeaders.indexOf('ratelimit-limit') + 1]).toBe('60');
      expect(rawHeaders[rawHeaders.indexOf('ratelimit-remaining') + 1]).toBe('59');
    } finally {
      await restarted.close();
    }
  });

  it('logs every query under its route, and applies faults named by it', async () => {
    simulator.faults.serverErrors({ route: QUERY_ROUTE, times: 1 });
    simulator.faults.rateLimit({ route: QUERY_ROUTE, times: 1, retryAfterSeconds: 9 });
    const failed = await post(queryBody());
    const limited = await post(queryBody());
    const served = await post(queryBody());
    expect(failed.status).toBe(503);
    expect(failed.body.errors[0].status).toBe('503');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('ratelimit-reset')).toBe('9');
    expect(served.status).toBe(200);
    expect(simulator.log.countsByRoute()).toEqual({ [QUERY_ROUTE]: 3 });
    expect(simulator.log.entries.map((entry) => entry.status)).toEqual([503, 429, 200]);
  });
});
