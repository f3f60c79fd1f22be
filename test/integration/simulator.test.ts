// The simulator over real HTTP: Confluent's rules (auth, paging, required filters, CRN scopes,
// billing windows, error shapes), its headers, fault injection and request log. Expected answers
// are computed from the simulator's store, independently of the server code.
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Cost, RoleBinding } from '../../src/confluent/types.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';

const TODAY = '2026-10-15';
const SMALL = { environments: 2, users: 12, serviceAccounts: 8, invitations: 4, roleBindings: 60, costDays: 40 };

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

let simulator: Simulator;
let authorization: string;

function basic(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

async function call(target: Simulator, path: string, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(path.startsWith('http') ? path : target.url + path, { headers });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

function get(path: string): Promise<Answer> {
  return call(simulator, path, { authorization });
}

/** Follows `metadata.next` to the end, as a client must. */
async function getAllPages(path: string): Promise<{ items: any[]; pages: Answer[] }> {
  const pages: Answer[] = [];
  let next: string | undefined = path;
  while (next) {
    const page = await get(next);
    expect(page.status).toBe(200);
    pages.push(page);
    next = page.body.metadata.next ?? undefined;
  }
  return { items: pages.flatMap((page) => page.body.data), pages };
}

function organizationCrn(): string {
  return `crn://confluent.cloud/organization=${simulator.data.organization.id}`;
}

function decoded(pattern: string | undefined): string {
  return decodeURIComponent(pattern ?? '');
}

function costsBetween(start: string, end: string): Cost[] {
  return simulator.data.costs.filter((cost) => cost.start_date >= start && cost.start_date < end);
}

beforeAll(async () => {
  simulator = await startSimulator({ today: TODAY });
  authorization = basic(simulator.credentials.apiKey, simulator.credentials.apiSecret);
});

afterAll(() => simulator.close());

beforeEach(() => {
  simulator.faults.clear();
  simulator.log.clear();
});

describe('authentication', () => {
  it('refuses a request without credentials with 401, WWW-Authenticate and the user_unauthenticated body', async () => {
    const answer = await call(simulator, '/iam/v2/users', {});
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Basic error="invalid_key", error_description="The API Key is invalid"');
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors[0]).toMatchObject({ status: '401', code: 'user_unauthenticated', title: 'Authentication Required' });
  });

  it('refuses a wrong secret without echoing it or the real one', async () => {
    const wrongSecret = 'cfltNotTheRightSecretAtAll';
    const response = await fetch(`${simulator.url}/org/v2/environments`, {
      headers: { authorization: basic(simulator.credentials.apiKey, wrongSecret) },
    });
    const text = await response.text();
    expect(response.status).toBe(401);
    const everything = text + JSON.stringify([...response.headers]);
    expect(everything).not.toContain(wrongSecret);
    expect(everything).not.toContain(simulator.credentials.apiSecret);
  });

  it('refuses a bearer token and a wrong key', async () => {
    const wrongKey = basic('WRONGKEY00000000', simulator.credentials.apiSecret);
    expect((await call(simulator, '/iam/v2/users', { authorization: 'Bearer abc' })).status).toBe(401);
    expect((await call(simulator, '/iam/v2/users', { authorization: wrongKey })).status).toBe(401);
  });

  it('accepts the demo credentials', async () => {
    expect((await get('/iam/v2/users')).status).toBe(200);
  });
});

describe('headers', () => {
  it('puts X-Request-Id, X-RateLimit-* and application/json on every kind of answer', async () => {
    simulator.faults.rateLimit({ route: 'GET /iam/v2/invitations', times: 1, retryAfterSeconds: 3 });
    simulator.faults.serverErrors({ route: 'GET /iam/v2/api-keys', times: 1 });
    const answers = [
      await get('/org/v2/environments'),
      await get('/cmk/v2/clusters'),
      await call(simulator, '/iam/v2/users', {}),
      await get('/iam/v2/role-bindings/rb-missing'),
      await get('/iam/v2/users/u-missing'),
      await get('/no/such/route'),
      await get('/iam/v2/invitations'),
      await get('/iam/v2/api-keys'),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 400, 401, 403, 404, 404, 429, 503]);
    const requestIds = new Set<string>();
    for (const answer of answers) {
      const requestId = answer.headers.get('x-request-id') ?? '';
      expect(requestId).not.toBe('');
      requestIds.add(requestId);
      expect(answer.headers.get('content-type')).toBe('application/json');
      for (const name of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) {
        expect(answer.headers.get(name), name).toMatch(/^\d+$/);
      }
    }
    expect(requestIds.size).toBe(answers.length);
  });

  it('names the request id as the id of a Failure error', async () => {
    const answer = await get('/cmk/v2/clusters');
    expect(answer.body.errors[0].id).toBe(answer.headers.get('x-request-id'));
  });

  it('counts X-RateLimit-Remaining down and gives a relative reset', async () => {
    const first = await get('/org/v2/organizations');
    const second = await get('/org/v2/organizations');
    expect(Number(second.headers.get('x-ratelimit-remaining'))).toBe(Number(first.headers.get('x-ratelimit-remaining')) - 1);
    const reset = Number(first.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(0);
    expect(reset).toBeLessThanOrEqual(3600); // seconds from now, not an epoch
  });
});

describe('paging', () => {
  it('walks the users with absolute next links, each user once, the last page with metadata {}', async () => {
    const { items, pages } = await getAllPages('/iam/v2/users?page_size=7');
    expect(items.map((user) => user.id)).toEqual(simulator.data.users.map((user) => user.id));
    expect(pages).toHaveLength(Math.ceil(simulator.data.users.length / 7));
    for (const page of pages.slice(0, -1)) {
      expect(page.body.data).toHaveLength(7);
      expect(page.body.metadata.next.startsWith(`${simulator.url}/iam/v2/users?`)).toBe(true);
      expect(page.body.metadata.total_size).toBe(simulator.data.users.length);
    }
    expect(pages.at(-1)?.body.metadata).toEqual({});
    expect(pages[0]?.body).toMatchObject({ api_version: 'iam/v2', kind: 'UserList' });
  });

  it('repeats every filter, repeated ones included, in next links', async () => {
    const [first, second] = simulator.data.serviceAccounts;
    const path = `/iam/v2/service-accounts?display_name=${first?.display_name}&display_name=${second?.display_name}&page_size=1`;
    const { items, pages } = await getAllPages(path);
    expect(items.map((account) => account.id).sort()).toEqual([first?.id, second?.id].sort());
    const next = new URL(pages[0]?.body.metadata.next);
    expect(next.searchParams.getAll('display_name')).toEqual([first?.display_name, second?.display_name]);
    expect(next.searchParams.get('page_token')).toBeTruthy();
  });

  it('keeps the environment filter on every cluster page', async () => {
    const environment = simulator.data.environments[0];
    const expected = simulator.data.clusters.filter((cluster) => cluster.spec?.environment?.id === environment?.id);
    const { items, pages } = await getAllPages(`/cmk/v2/clusters?environment=${environment?.id}&page_size=1`);
    expect(items.map((cluster) => cluster.id)).toEqual(expected.map((cluster) => cluster.id));
    for (const page of pages.slice(0, -1)) expect(new URL(page.body.metadata.next).searchParams.get('environment')).toBe(environment?.id);
  });

  it('uses the default page size of each endpoint', async () => {
    expect((await get('/iam/v2/users')).body.data).toHaveLength(10);
    const bindings = await get(`/iam/v2/role-bindings?crn_pattern=${organizationCrn()}/*`);
    expect(bindings.body.data).toHaveLength(simulator.data.roleBindings.length); // default 1000 holds all 600
    expect(bindings.body.metadata).toEqual({});
  });

  it('lets the token decide the page size after the first page', async () => {
    const first = await get('/iam/v2/users?page_size=3');
    const second = await get(`${first.body.metadata.next}&page_size=50`);
    expect(second.status).toBe(200);
    expect(second.body.data.map((user: { id: string }) => user.id)).toEqual(simulator.data.users.slice(3, 6).map((user) => user.id));
  });

  it('refuses a page token replayed with other filters', async () => {
    const [environmentA, environmentB] = simulator.data.environments;
    const first = await get(`/cmk/v2/clusters?environment=${environmentA?.id}&page_size=1`);
    const token = new URL(first.body.metadata.next).searchParams.get('page_token');
    const replay = await get(`/cmk/v2/clusters?environment=${environmentB?.id}&page_token=${token}`);
    expect(replay.status).toBe(400);
    expect(replay.body.errors[0]).toMatchObject({ code: 'invalid_filter', source: { parameter: 'page_token' } });
  });

  it('refuses a malformed page token', async () => {
    const answer = await get('/iam/v2/users?page_token=not-a-token');
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].source).toEqual({ parameter: 'page_token' });
  });

  it.each([
    ['/iam/v2/users?page_size=101', 400],
    ['/iam/v2/users?page_size=100', 200],
    ['/org/v2/environments?page_size=101', 400],
    ['/iam/v2/api-keys?page_size=101', 400],
    [`/iam/v2/role-bindings?crn_pattern=crn://confluent.cloud/organization=x&page_size=1001`, 400],
    [`/iam/v2/role-bindings?crn_pattern=crn://confluent.cloud/organization=x&page_size=1000`, 200],
    ['/billing/v1/costs?start_date=2026-10-01&end_date=2026-10-02&page_size=10001', 400],
    ['/billing/v1/costs?start_date=2026-10-01&end_date=2026-10-02&page_size=10000', 200],
    ['/iam/v2/users?page_size=0', 400],
    ['/iam/v2/users?page_size=-1', 400],
    ['/iam/v2/users?page_size=ten', 400],
  ])('%s answers %i', async (path, status) => {
    const answer = await get(path);
    expect(answer.status).toBe(status);
    if (status === 400) expect(answer.body.errors[0]).toMatchObject({ code: 'invalid_filter', source: { parameter: 'page_size' } });
  });
});

describe('required and unknown filters', () => {
  it.each([
    ['/cmk/v2/clusters', 'environment'],
    ['/cmk/v2/clusters/lkc-any', 'environment'],
    ['/cmk/v2/clusters?environment=', 'environment'],
    ['/iam/v2/role-bindings', 'crn_pattern'],
    ['/billing/v1/costs?end_date=2026-10-02', 'start_date'],
    ['/billing/v1/costs?start_date=2026-10-01', 'end_date'],
  ])('%s needs %s', async (path, parameter) => {
    const answer = await get(path);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]).toMatchObject({
      status: '400',
      code: 'invalid_filter',
      title: 'Invalid Filter',
      detail: `The '${parameter}' filter is required`,
      source: { parameter },
    });
  });

  it('refuses a filter the operation does not have', async () => {
    const answer = await get('/iam/v2/users?email=ada@example.com');
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]).toMatchObject({ code: 'invalid_filter', source: { parameter: 'email' } });
  });

  it('refuses a crn_pattern that is not a CRN', async () => {
    const answer = await get('/iam/v2/role-bindings?crn_pattern=organization=abc');
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].source).toEqual({ parameter: 'crn_pattern' });
  });
});

describe('role bindings', () => {
  function expectedBindings(keep: (pattern: string) => boolean): string[] {
    return simulator.data.roleBindings.filter((binding) => keep(decoded(binding.crn_pattern))).map((binding) => binding.id);
  }

  async function listed(query: string): Promise<string[]> {
    const { items } = await getAllPages(`/iam/v2/role-bindings?${query}&page_size=100`);
    return items.map((binding: RoleBinding) => binding.id);
  }

  it('lists only organization-scoped bindings for the organization CRN', async () => {
    const ids = await listed(`crn_pattern=${organizationCrn()}`);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual(expectedBindings((pattern) => pattern === organizationCrn()));
  });

  it('lists every binding for the organization CRN with /*', async () => {
    expect(await listed(`crn_pattern=${organizationCrn()}/*`)).toEqual(simulator.data.roleBindings.map((binding) => binding.id));
  });

  it('separates one environment exactly from the environment and everything in it', async () => {
    const scope = `${organizationCrn()}/environment=${simulator.data.environments[0]?.id}`;
    const exact = await listed(`crn_pattern=${scope}`);
    const nested = await listed(`crn_pattern=${scope}/*`);
    expect(exact).toEqual(expectedBindings((pattern) => pattern === scope));
    expect(nested).toEqual(expectedBindings((pattern) => pattern === scope || pattern.startsWith(`${scope}/`)));
    expect(nested.length).toBeGreaterThan(exact.length);
  });

  it('matches a pattern stored with %3A when queried with a colon, and the other way round', async () => {
    const encoded = simulator.data.roleBindings.find((binding) => binding.crn_pattern?.includes('%3A'));
    expect(encoded).toBeDefined();
    expect(await listed(`crn_pattern=${encodeURIComponent(decoded(encoded?.crn_pattern))}`)).toContain(encoded?.id);
    const plain = simulator.data.roleBindings.find((binding) => binding.crn_pattern === organizationCrn());
    expect(await listed(`crn_pattern=${organizationCrn().replace('crn://', 'crn%253A//')}`)).toContain(plain?.id);
  });

  it('filters by exact principal and role name', async () => {
    const sample = simulator.data.roleBindings.find((binding) => binding.role_name === 'CloudClusterAdmin');
    const principal = sample?.principal ?? '';
    const ids = await listed(`crn_pattern=${organizationCrn()}/*&principal=${principal}&role_name=CloudClusterAdmin`);
    expect(ids).toEqual(
      simulator.data.roleBindings
        .filter((binding) => binding.principal === principal && binding.role_name === 'CloudClusterAdmin')
        .map((binding) => binding.id),
    );
    expect(ids).toContain(sample?.id);
  });

  it('reads one binding, and answers 403 40301 for an unknown one', async () => {
    const binding = simulator.data.roleBindings[0];
    expect((await get(`/iam/v2/role-bindings/${binding?.id}`)).body).toEqual(binding);
    const missing = await get('/iam/v2/role-bindings/rb-NoSuch');
    expect(missing.status).toBe(403);
    expect(missing.body).toEqual({
      error_code: 40301,
      message: 'Either unauthorized to access role binding or role binding does not exist',
    });
  });
});

describe('clusters', () => {
  it('reads a cluster in its environment', async () => {
    const cluster = simulator.data.clusters[0];
    const answer = await get(`/cmk/v2/clusters/${cluster?.id}?environment=${cluster?.spec?.environment?.id}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(cluster);
  });

  it('answers 403 forbidden_access for an unknown cluster, or one in another environment', async () => {
    const cluster = simulator.data.clusters[0];
    const otherEnvironment = simulator.data.environments.find((environment) => environment.id !== cluster?.spec?.environment?.id);
    for (const path of [
      `/cmk/v2/clusters/lkc-nosuch?environment=${cluster?.spec?.environment?.id}`,
      `/cmk/v2/clusters/${cluster?.id}?environment=${otherEnvironment?.id}`,
    ]) {
      const answer = await get(path);
      expect(answer.status).toBe(403);
      const id = answer.headers.get('x-request-id');
      expect(answer.body).toEqual({ errors: [{ id, status: '403', code: 'forbidden_access', detail: 'Forbidden Access', source: {} }] });
    }
  });

  it('filters by deletion protection', async () => {
    const environment = simulator.data.environments[0];
    const { items } = await getAllPages(`/cmk/v2/clusters?environment=${environment?.id}&spec.deletion_protection=true`);
    const expected = simulator.data.clusters.filter(
      (cluster) => cluster.spec?.environment?.id === environment?.id && cluster.spec?.deletion_protection === true,
    );
    expect(items.map((cluster) => cluster.id)).toEqual(expected.map((cluster) => cluster.id));
  });
});

describe('single reads', () => {
  it('answers existing objects as stored', async () => {
    const { data } = simulator;
    const reads: Array<[string, unknown]> = [
      [`/org/v2/organizations/${data.organization.id}`, data.organization],
      [`/org/v2/environments/${data.environments[0]?.id}`, data.environments[0]],
      [`/iam/v2/users/${data.users[0]?.id}`, data.users[0]],
      [`/iam/v2/service-accounts/${data.serviceAccounts[0]?.id}`, data.serviceAccounts[0]],
      [`/iam/v2/invitations/${data.invitations[0]?.id}`, data.invitations[0]],
      [`/iam/v2/api-keys/${data.apiKeys[0]?.id}`, data.apiKeys[0]],
    ];
    for (const [path, expected] of reads) expect((await get(path)).body, path).toEqual(expected);
  });

  it.each([
    ['/org/v2/organizations/00000000-0000-4000-8000-000000000000', 'resource_not_found'],
    ['/org/v2/environments/env-nosuch', 'resource_not_found'],
    ['/iam/v2/users/u-nosuch', 'resource_not_found'],
    ['/iam/v2/invitations/i-nosuch', 'resource_not_found'],
    ['/iam/v2/service-accounts/sa-nosuch', 'service_account_not_found'],
    ['/iam/v2/api-keys/NOSUCHKEY0000000', 'api_key_not_found'],
    ['/iam/v2/nothing-here', 'resource_not_found'],
  ])('%s answers 404 %s', async (path, code) => {
    const answer = await get(path);
    expect(answer.status).toBe(404);
    expect(answer.body.errors[0]).toMatchObject({ status: '404', code, source: {} });
  });
});

describe('invitations and API keys', () => {
  it('filters invitations by status and user, and pending ones point at existing users', async () => {
    const { items } = await getAllPages('/iam/v2/invitations?status=INVITE_STATUS_SENT');
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((invitation) => invitation.status === 'INVITE_STATUS_SENT')).toBe(true);
    const userIds = new Set(simulator.data.users.map((user) => user.id));
    for (const invitation of items) expect(userIds.has(invitation.user.id)).toBe(true);
    const one = items[0];
    const byUser = await getAllPages(`/iam/v2/invitations?user=${one.user.id}`);
    expect(byUser.items.map((invitation) => invitation.id)).toEqual([one.id]);
  });

  it('filters API keys by owner and by resource', async () => {
    const owner = simulator.data.apiKeys[0]?.spec?.owner?.id;
    const byOwner = await getAllPages(`/iam/v2/api-keys?spec.owner=${owner}`);
    const owned = simulator.data.apiKeys.filter((key) => key.spec?.owner?.id === owner);
    expect(byOwner.items.map((key) => key.id)).toEqual(owned.map((key) => key.id));
    const cloudKeys = await getAllPages('/iam/v2/api-keys?spec.resource=cloud&page_size=100');
    expect(cloudKeys.items.length).toBeGreaterThan(0);
    expect(cloudKeys.items.every((key) => key.spec.resource.kind === 'Cloud')).toBe(true);
    expect(cloudKeys.items.some((key) => 'secret' in key.spec)).toBe(false);
  });
});

describe('billing', () => {
  const path = (start: string, end: string, extra = '') => `/billing/v1/costs?start_date=${start}&end_date=${end}${extra}`;

  it('accepts 31 days and refuses 32', async () => {
    expect((await get(path('2026-09-14', '2026-10-15'))).status).toBe(200);
    const tooLong = await get(path('2026-09-13', '2026-10-15'));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0].detail).toBe('end date and start date are too far apart');
  });

  it('accepts a start one year back and refuses one day earlier', async () => {
    expect((await get(path('2025-10-15', '2025-10-16'))).status).toBe(200);
    const tooOld = await get(path('2025-10-14', '2025-10-15'));
    expect(tooOld.status).toBe(400);
    expect(tooOld.body.errors[0].detail).toBe('start date is too far in the past');
  });

  it.each([
    ['2026-10-01', '2026-10-01'],
    ['2026-10-02', '2026-10-01'],
    ['2026-13-01', '2026-10-01'],
    ['2026-02-30', '2026-03-02'],
    ['01-10-2026', '2026-10-02'],
  ])('refuses start %s with end %s', async (start, end) => {
    const answer = await get(path(start, end));
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].code).toBe('invalid_filter');
  });

  it('answers the half-open range in daily rows, each row once across pages', async () => {
    const { items, pages } = await getAllPages(path('2026-09-20', '2026-09-27', '&page_size=150'));
    const expected = costsBetween('2026-09-20', '2026-09-27');
    expect(items.map((cost) => cost.id)).toEqual(expected.map((cost) => cost.id));
    expect(new Set(items.map((cost) => cost.id)).size).toBe(items.length);
    expect(pages.length).toBe(Math.ceil(expected.length / 150));
    for (const cost of items as Cost[]) {
      expect(cost.granularity).toBe('DAILY');
      expect(cost.start_date >= '2026-09-20' && cost.start_date < '2026-09-27').toBe(true);
      expect(Date.parse(cost.end_date) - Date.parse(cost.start_date)).toBe(86_400_000);
    }
    expect(pages[0]?.body).toMatchObject({ api_version: 'billing/v1', kind: 'CostList' });
    expect(Object.keys(pages[0]?.body.metadata)).toEqual(['next']);
    expect(pages.at(-1)?.body.metadata).toEqual({});
  });

  it('has no price, discount, amount or resource on SUPPORT and PROMO_CREDIT rows', async () => {
    const support = costsBetween('2026-09-01', '2026-10-01').filter((cost) => cost.line_type === 'SUPPORT');
    const promo = simulator.data.costs.find((cost) => cost.line_type === 'PROMO_CREDIT');
    expect(support).toHaveLength(30);
    expect(promo).toBeDefined();
    const promoDay = promo?.start_date ?? '';
    const nextDay = new Date(Date.parse(promoDay) + 86_400_000).toISOString().slice(0, 10);
    const { items } = await getAllPages(path(promoDay, nextDay));
    const served = items.filter((cost: Cost) => cost.line_type === 'SUPPORT' || cost.line_type === 'PROMO_CREDIT');
    expect(served.map((cost) => cost.line_type).sort()).toEqual(['PROMO_CREDIT', 'SUPPORT']);
    for (const cost of served) {
      expect(cost.resource).toBeNull();
      for (const absent of ['price', 'discount_amount', 'amount']) expect(cost, absent).not.toHaveProperty(absent);
    }
    const served_promo = served.find((cost) => cost.line_type === 'PROMO_CREDIT');
    expect(served_promo.original_amount).toBeLessThan(0);
    expect(served_promo.description).toMatch(/^[A-Z0-9]+$/);
  });
});

describe('faults', () => {
  it('rate-limits the next requests of one route with Retry-After and X-RateLimit-Reset', async () => {
    simulator.faults.rateLimit({ route: 'GET /org/v2/environments', times: 2, retryAfterSeconds: 7 });
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await get('/org/v2/environments');
      expect(answer.status).toBe(429);
      expect(answer.headers.get('retry-after')).toBe('7');
      expect(answer.headers.get('x-ratelimit-reset')).toBe('7');
      expect(answer.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(answer.body.errors[0].status).toBe('429');
    }
    expect((await get('/iam/v2/users')).status).toBe(200);
    expect((await get('/org/v2/environments')).status).toBe(200);
  });

  it('rate-limits every route when no route is named', async () => {
    simulator.faults.rateLimit({ times: 2, retryAfterSeconds: 1 });
    expect((await get('/iam/v2/users')).status).toBe(429);
    expect((await get('/org/v2/environments')).status).toBe(429);
    expect((await get('/org/v2/environments')).status).toBe(200);
  });

  it('answers server errors, 503 unless told otherwise, then recovers', async () => {
    simulator.faults.serverErrors({ route: 'GET /iam/v2/users', times: 1 });
    simulator.faults.serverErrors({ route: 'GET /iam/v2/users', times: 1, status: 502 });
    const first = await get('/iam/v2/users');
    const second = await get('/iam/v2/users');
    expect([first.status, second.status]).toEqual([503, 502]);
    expect(first.body.errors[0]).toMatchObject({ status: '503', code: 'service_unavailable' });
    expect((await get('/iam/v2/users')).status).toBe(200);
  });

  it('holds a hanging request until the faults are cleared', async () => {
    simulator.faults.hang('GET /iam/v2/invitations');
    const pending = get('/iam/v2/invitations');
    const early = await Promise.race([pending.then(() => 'answered'), delay(250).then(() => 'waiting')]);
    expect(early).toBe('waiting');
    expect((await get('/iam/v2/users')).status).toBe(200);
    simulator.faults.clear();
    expect((await pending).status).toBe(200);
  });

  it('drops the connection without an answer, then serves again', async () => {
    simulator.faults.drop({ route: 'GET /iam/v2/users', times: 1 });
    await expect(fetch(`${simulator.url}/iam/v2/users`, { headers: { authorization } })).rejects.toThrow();
    expect(simulator.log.entries.find((entry) => entry.route === 'GET /iam/v2/users')?.status).toBe(0);
    expect((await get('/iam/v2/users')).status).toBe(200);
  });

  it('adds latency to one route only', async () => {
    simulator.faults.latency(300, 'GET /org/v2/environments');
    const started = performance.now();
    const order: string[] = [];
    await Promise.all([
      get('/org/v2/environments').then(() => order.push('environments')),
      get('/org/v2/organizations').then(() => order.push('organizations')),
    ]);
    expect(order).toEqual(['organizations', 'environments']);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('enforces a per-route budget and lifts it on clear', async () => {
    simulator.faults.budget({ route: 'GET /iam/v2/service-accounts', limit: 3, windowSeconds: 60 });
    const remaining: Array<string | null> = [];
    for (let call = 0; call < 3; call++) {
      const answer = await get('/iam/v2/service-accounts');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-ratelimit-limit')).toBe('3');
      remaining.push(answer.headers.get('x-ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const refused = await get('/iam/v2/service-accounts');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await get('/iam/v2/users')).status).toBe(200);
    simulator.faults.clear();
    expect((await get('/iam/v2/service-accounts')).status).toBe(200);
  });
});

describe('request log', () => {
  it('records every request by route template, refused ones included', async () => {
    const cluster = simulator.data.clusters[0];
    await get('/iam/v2/users');
    await get('/iam/v2/users?page_size=2');
    await get(`/cmk/v2/clusters/${cluster?.id}?environment=${cluster?.spec?.environment?.id}`);
    await call(simulator, '/org/v2/environments', {});
    simulator.faults.serverErrors({ route: 'GET /billing/v1/costs', times: 1 });
    await get('/billing/v1/costs?start_date=2026-10-01&end_date=2026-10-02');
    await get('/nowhere');
    expect(simulator.log.countsByRoute()).toEqual({
      'GET /iam/v2/users': 2,
      'GET /cmk/v2/clusters/{id}': 1,
      'GET /org/v2/environments': 1,
      'GET /billing/v1/costs': 1,
      'GET /nowhere': 1,
    });
    expect(simulator.log.count()).toBe(6);
    expect(simulator.log.count('GET /iam/v2/users')).toBe(2);
    expect(simulator.log.entries.map((entry) => entry.status)).toEqual([200, 200, 200, 401, 503, 404]);
    expect(simulator.log.entries[1]).toMatchObject({ method: 'GET', url: '/iam/v2/users?page_size=2' });
    simulator.log.clear();
    expect(simulator.log.count()).toBe(0);
  });

  it('logs the request id the answer carries', async () => {
    const answer = await get('/org/v2/organizations');
    expect(simulator.log.entries[0]?.requestId).toBe(answer.headers.get('x-request-id'));
  });
});

describe('a store tests can change', () => {
  let small: Simulator;
  let smallAuthorization: Record<string, string>;

  beforeAll(async () => {
    small = await startSimulator({ today: TODAY, seed: 7, size: SMALL });
    smallAuthorization = { authorization: basic(small.credentials.apiKey, small.credentials.apiSecret) };
  });

  afterAll(() => small.close());

  const everything = () => `/iam/v2/role-bindings?crn_pattern=crn://confluent.cloud/organization=${small.data.organization.id}/*`;

  it('keeps a straggler binding whose user no longer exists', () => {
    const userIds = new Set(small.data.users.map((user) => user.id));
    const stragglers = small.data.roleBindings.filter(
      (binding) => binding.principal?.startsWith('User:u-') && !userIds.has(binding.principal.slice('User:'.length)),
    );
    expect(stragglers.length).toBeGreaterThan(0);
  });

  it('deletes a user with its API keys and role bindings', async () => {
    const userIds = new Set(small.data.users.map((user) => user.id));
    const principals = small.data.roleBindings.map((binding) => binding.principal?.slice('User:'.length) ?? '');
    const owner = principals.find((id) => userIds.has(id)) ?? '';
    const template = small.data.apiKeys[0]!;
    small.data.apiKeys.push({ ...template, id: 'OWNEDBYTHEUSER01', spec: { ...template.spec, owner: { id: owner, kind: 'User' } } });
    expect((await call(small, `${everything()}&principal=User:${owner}`, smallAuthorization)).body.data.length).toBeGreaterThan(0);
    expect(small.deleteUser(owner)).toBe(true);
    expect((await call(small, `/iam/v2/users/${owner}`, smallAuthorization)).status).toBe(404);
    expect((await call(small, `/iam/v2/api-keys?spec.owner=${owner}`, smallAuthorization)).body.data).toEqual([]);
    expect((await call(small, `${everything()}&principal=User:${owner}`, smallAuthorization)).body.data).toEqual([]);
    expect(small.deleteUser(owner)).toBe(false);
  });

  it('deletes a service account with its API keys and role bindings', async () => {
    const accountIds = new Set(small.data.serviceAccounts.map((account) => account.id));
    const principals = small.data.roleBindings.map((binding) => binding.principal?.slice('User:'.length) ?? '');
    const accountId = principals.find((id) => accountIds.has(id)) ?? '';
    expect(small.deleteServiceAccount(accountId)).toBe(true);
    expect((await call(small, `/iam/v2/service-accounts/${accountId}`, smallAuthorization)).status).toBe(404);
    expect((await call(small, `${everything()}&principal=User:${accountId}`, smallAuthorization)).body.data).toEqual([]);
    expect(small.data.apiKeys.some((key) => key.spec?.owner?.id === accountId)).toBe(false);
  });

  it('deletes an environment with its clusters and the bindings inside it', async () => {
    const environment = small.data.environments[1];
    const scope = environment?.metadata?.resource_name ?? '';
    expect(small.deleteEnvironment(environment?.id ?? '')).toBe(true);
    expect((await call(small, `/org/v2/environments/${environment?.id}`, smallAuthorization)).status).toBe(404);
    expect((await call(small, `/cmk/v2/clusters?environment=${environment?.id}`, smallAuthorization)).status).toBe(403);
    expect(small.data.clusters.some((cluster) => cluster.spec?.environment?.id === environment?.id)).toBe(false);
    expect((await call(small, `/iam/v2/role-bindings?crn_pattern=${scope}/*`, smallAuthorization)).body.data).toEqual([]);
  });

  it('serves objects a test adds to the store', async () => {
    const user = { ...small.data.users[0]!, id: 'u-added', email: 'added@orbitfreight.example' };
    small.data.users.push(user);
    expect((await call(small, '/iam/v2/users/u-added', smallAuthorization)).body).toEqual(user);
  });
});

describe('options and lifecycle', () => {
  it('adds the configured latency to every answer', async () => {
    const slow = await startSimulator({ today: TODAY, size: SMALL, latencyMs: 120 });
    try {
      const started = performance.now();
      const headers = { authorization: basic(slow.credentials.apiKey, slow.credentials.apiSecret) };
      const answer = await call(slow, '/org/v2/organizations', headers);
      expect(answer.status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    } finally {
      await slow.close();
    }
  });

  it('works out an answer as the request arrives and sends it when the latency is up', async () => {
    const slow = await startSimulator({ today: TODAY, size: SMALL, latencyMs: 150 });
    try {
      const headers = { authorization: basic(slow.credentials.apiKey, slow.credentials.apiSecret) };
      const user = slow.data.users[0]!;
      const answer = call(slow, `/iam/v2/users/${user.id}`, headers);
      // Deleted while the answer waits out the latency: the answer was the user as it was.
      await delay(50);
      expect(slow.log.entries.map((entry) => entry.status)).toEqual([0]);
      expect(slow.deleteUser(user.id)).toBe(true);
      expect(await answer).toMatchObject({ status: 200, body: { id: user.id } });
      expect((await call(slow, `/iam/v2/users/${user.id}`, headers)).status).toBe(404);
    } finally {
      await slow.close();
    }
  });

  it('encodes an answer as the request arrives, so the latency is all a call waits', async () => {
    const slow = await startSimulator({ today: TODAY, size: SMALL, latencyMs: 150 });
    try {
      const headers = { authorization: basic(slow.credentials.apiKey, slow.credentials.apiSecret) };
      const user = slow.data.users[0]!;
      const fullName = user.full_name;
      const answer = call(slow, `/iam/v2/users/${user.id}`, headers);
      // Changed in place while the answer waits out the latency: the bytes were already made.
      await delay(50);
      user.full_name = 'Changed Meanwhile';
      expect(await answer).toMatchObject({ status: 200, body: { id: user.id, full_name: fullName } });
    } finally {
      await slow.close();
    }
  });

  it('takes its own credentials', async () => {
    const custom = await startSimulator({ today: TODAY, size: SMALL, apiKey: 'CUSTOMKEY0000001', apiSecret: 'cfltcustom' });
    try {
      expect(custom.credentials).toEqual({ apiKey: 'CUSTOMKEY0000001', apiSecret: 'cfltcustom' });
      expect((await call(custom, '/org/v2/organizations', { authorization: basic('CUSTOMKEY0000001', 'cfltcustom') })).status).toBe(200);
      expect((await call(custom, '/org/v2/organizations', { authorization })).status).toBe(401);
    } finally {
      await custom.close();
    }
  });

  it('closes promptly while a request hangs', async () => {
    const closing = await startSimulator({ today: TODAY, size: SMALL });
    closing.faults.hang('GET /iam/v2/users');
    const headers = { authorization: basic(closing.credentials.apiKey, closing.credentials.apiSecret) };
    const pending = fetch(`${closing.url}/iam/v2/users`, { headers });
    await delay(50);
    // Were close to wait for the hung request, this would wait until the test's own timeout.
    await closing.close();
    await expect(pending).rejects.toThrow();
  });
});
