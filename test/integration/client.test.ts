// The Confluent client against the simulator over real HTTP: paging, retries, timeouts, errors,
// not-found reads and the concurrency cap.
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfluentClient, type ConfluentClientOptions, type UpstreamCallEvent } from '../../src/confluent/client.js';
import { ConfluentError } from '../../src/confluent/errors.js';
import { ROUTES } from '../../src/confluent/routes.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';

const USER_COUNT = 450;
// More than one page of role bindings at their page size of 1000.
const ROLE_BINDING_COUNT = 2_300;

let simulator: Simulator;
const openClients: ConfluentClient[] = [];

beforeAll(async () => {
  simulator = await startSimulator({ size: { users: USER_COUNT, roleBindings: ROLE_BINDING_COUNT } });
});

afterAll(async () => {
  await simulator.close();
});

beforeEach(() => {
  simulator.faults.clear();
  simulator.log.clear();
});

afterEach(async () => {
  await Promise.all(openClients.splice(0).map((client) => client.close()));
});

/** An upstream call event, stamped with when the hook saw it. */
type StampedEvent = UpstreamCallEvent & { endedAt: number };

function clientWith(overrides: Partial<ConfluentClientOptions> = {}): { client: ConfluentClient; events: StampedEvent[] } {
  const events: StampedEvent[] = [];
  const client = new ConfluentClient({
    apiUrl: simulator.url,
    telemetryUrl: simulator.telemetryUrl,
    apiKey: simulator.credentials.apiKey,
    apiSecret: simulator.credentials.apiSecret,
    // Short backoff keeps the suite fast; server-requested waits are still honoured in full.
    retry: { baseDelayMs: 20, maxDelayMs: 200 },
    onUpstreamCall: (event) => events.push({ ...event, endedAt: performance.now() }),
    ...overrides,
  });
  openClients.push(client);
  return { client, events };
}

async function rejectionOf(promise: Promise<unknown>): Promise<ConfluentError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ConfluentError);
  return error as ConfluentError;
}

describe('pagination', () => {
  it('returns every user exactly once, one request per page of 100', async () => {
    const { client } = clientWith();
    const users = await client.listUsers();

    const ids = users.map((user) => user.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(simulator.data.users.map((user) => user.id)));
    expect(ids.length).toBeGreaterThanOrEqual(USER_COUNT);
    expect(simulator.log.count(ROUTES.users)).toBe(Math.ceil(ids.length / 100));
  });

  it('re-sends the required filter with every page', async () => {
    const { client } = clientWith();
    const crnPattern = `crn://confluent.cloud/organization=${simulator.data.organization.id}/*`;
    const bindings = await client.listRoleBindings({ crnPattern });

    expect(bindings.map((binding) => binding.id).sort()).toEqual(simulator.data.roleBindings.map((binding) => binding.id).sort());
    const urls = simulator.log.entries.map((entry) => new URL(entry.url, simulator.url).searchParams);
    expect(urls.length).toBe(Math.ceil(bindings.length / 1_000));
    expect(urls.length).toBeGreaterThan(1);
    expect(urls.every((query) => query.get('crn_pattern') === crnPattern)).toBe(true);
    expect(urls.map((query) => query.has('page_token'))).toEqual(urls.map((_, index) => index > 0));
  });

  it('reads the clusters of an environment and one day of costs in a single call each', async () => {
    const { client } = clientWith();
    const environmentId = simulator.data.environments[0]!.id;
    const clusters = await client.listClusters(environmentId);
    expect(clusters.length).toBeGreaterThan(0);
    expect(clusters.every((cluster) => cluster.spec?.environment?.id === environmentId)).toBe(true);

    const day = simulator.data.costs
      .map((cost) => cost.start_date.slice(0, 10))
      .sort()
      .at(-1)!;
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const costs = await client.listCosts({ startDate: day, endDate: next });
    const ofDay = simulator.data.costs.filter((cost) => cost.start_date.slice(0, 10) === day);
    expect(costs.length).toBeGreaterThan(0);
    expect(costs.map((line) => [line.id, line.amountMicros]).sort()).toEqual(
      ofDay.map((cost) => [cost.id, Math.round((cost.amount ?? cost.original_amount - (cost.discount_amount ?? 0)) * 1e6)]).sort(),
    );
    expect(simulator.log.count(ROUTES.costs)).toBe(1);
  });
});

describe('retries', () => {
  it('waits out a 429 with Retry-After: 1, then succeeds', async () => {
    const { client, events } = clientWith();
    simulator.faults.rateLimit({ route: ROUTES.environments, times: 1, retryAfterSeconds: 1 });

    const startedAt = performance.now();
    const environments = await client.listEnvironments();
    const elapsedMs = performance.now() - startedAt;

    expect(environments.length).toBe(simulator.data.environments.length);
    expect(events.map((event) => [event.attempt, event.status])).toEqual([
      [1, 429],
      [2, 200],
    ]);
    expect(events[0]!.error?.retryAfterSeconds).toBe(1);
    expect(elapsedMs).toBeGreaterThanOrEqual(1000);
  });

  it('retries a burst of 503s on a GET', async () => {
    const { client, events } = clientWith();
    simulator.faults.serverErrors({ route: ROUTES.organizations, times: 2, status: 503 });

    const organizations = await client.listOrganizations();

    expect(organizations.map((organization) => organization.id)).toEqual([simulator.data.organization.id]);
    expect(events.map((event) => event.status)).toEqual([503, 503, 200]);
  });

  it('retries a GET whose connection was dropped', async () => {
    const { client, events } = clientWith();
    simulator.faults.drop({ route: ROUTES.organizations, times: 1 });

    const organizations = await client.listOrganizations();

    expect(organizations).toHaveLength(1);
    expect(events[0]!.error?.kind).toBe('network');
    expect(events.at(-1)!.status).toBe(200);
  });

  it('gives up once the attempts are spent, with the last answer', async () => {
    const { client, events } = clientWith({ retry: { maxAttempts: 2, baseDelayMs: 1 } });
    simulator.faults.serverErrors({ route: ROUTES.organizations, times: 5, status: 502 });

    const error = await rejectionOf(client.listOrganizations());

    expect(error).toMatchObject({ kind: 'http', status: 502, route: ROUTES.organizations });
    expect(events).toHaveLength(2);
  });
});

describe('timeouts', () => {
  it('fails a hanging route at the caller signal with kind timeout', async () => {
    const { client } = clientWith();
    simulator.faults.hang(ROUTES.invitations);

    // The route never responds: only the caller's signal can end the call.
    const error = await rejectionOf(client.listInvitations({}, { signal: AbortSignal.timeout(300) }));

    expect(error.kind).toBe('timeout');
    expect(error.route).toBe(ROUTES.invitations);
  });

  it('fails a hanging route at deadlineAt with kind timeout', async () => {
    const { client } = clientWith();
    simulator.faults.hang(ROUTES.invitations);

    const error = await rejectionOf(client.listInvitations({}, { deadlineAt: Date.now() + 300 }));

    expect(error.kind).toBe('timeout');
  });

  it('reports a caller that gives up as aborted', async () => {
    const { client } = clientWith();
    simulator.faults.hang(ROUTES.invitations);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);

    const error = await rejectionOf(client.listInvitations({}, { signal: controller.signal }));

    expect(error.kind).toBe('aborted');
  });
});

describe('errors', () => {
  it('fails a wrong secret with a 401 that never shows the secret', async () => {
    const wrongSecret = 'cfltWrongSecretThatMustNeverBeLogged0000000000000000000000000';
    const logged: unknown[] = [];
    const logger = { warn: (obj: object) => logged.push(obj), debug: (obj: object) => logged.push(obj) };
    const { client } = clientWith({ apiSecret: wrongSecret, logger });

    const error = await rejectionOf(client.listUsers());

    expect(error).toMatchObject({ kind: 'http', status: 401, route: ROUTES.users });
    expect(simulator.log.count(ROUTES.users)).toBe(1);
    const header = Buffer.from(`${simulator.credentials.apiKey}:${wrongSecret}`).toString('base64');
    const texts = [
      error.message,
      error.detail ?? '',
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 10, showHidden: true }),
      JSON.stringify(logged),
      inspect(client, { depth: 10, showHidden: true }),
    ];
    for (const text of texts) {
      expect(text).not.toContain(wrongSecret);
      expect(text).not.toContain(header);
    }
  });

  it('fails checkReachable with the same 401', async () => {
    const { client } = clientWith({ apiSecret: 'not-the-secret' });
    expect((await rejectionOf(client.checkReachable())).status).toBe(401);
    await expect(clientWith().client.checkReachable()).resolves.toBeUndefined();
  });

  it.each([ROUTES.clusters, ROUTES.roleBindings, ROUTES.costs])(
    'gets Confluent’s 400 for %s without its required filter, unretried',
    async (route) => {
      const { client } = clientWith();
      const error = await rejectionOf(client.get(route));
      expect(error).toMatchObject({ kind: 'http', status: 400, route });
      expect(error.code).toBeTypeOf('string');
      expect(simulator.log.count(route)).toBe(1);
    },
  );
});

describe('reads', () => {
  it('returns what exists', async () => {
    const { client } = clientWith();
    const account = simulator.data.serviceAccounts[0]!;
    const user = simulator.data.users[0]!;
    expect((await client.getServiceAccount(account.id))?.id).toBe(account.id);
    expect((await client.getUser(user.id))?.email).toBe(user.email);
  });

  it('returns null for unknown ids, including the 403 of role bindings', async () => {
    const { client } = clientWith();
    expect(await client.getRoleBinding('rb-unknown0')).toBeNull();
    expect(await client.getUser('u-unknown0')).toBeNull();
    expect(await client.getServiceAccount('sa-unknown0')).toBeNull();
  });
});

describe('concurrency', () => {
  it('gives the slot a list page frees to the list’s next page, named in the page’s head, before other calls', async () => {
    const { client } = clientWith({ maxConcurrencyPerHost: 1 });
    const people = simulator.data.users.length;
    expect(people).toBeGreaterThan(200);
    simulator.log.clear();
    const accountId = simulator.data.serviceAccounts[0]!.id;

    const [listed] = await Promise.all([client.listUsers(), client.getServiceAccount(accountId)]);

    expect(listed).toHaveLength(people);
    const pages = Math.ceil(people / 100);
    expect(simulator.log.entries.map((entry) => entry.route)).toEqual([...Array(pages).fill(ROUTES.users), ROUTES.serviceAccount]);
  });

  it('never has more calls in flight than the cap', async () => {
    const cap = 2;
    const { client, events } = clientWith({ maxConcurrencyPerHost: cap });
    simulator.faults.latency(60, ROUTES.serviceAccount);
    const ids = simulator.data.serviceAccounts.slice(0, 50).map((account) => account.id);
    simulator.log.clear();

    // Requests the simulator has received and not yet answered, watched while the calls run.
    let peak = 0;
    const watch = setInterval(() => {
      peak = Math.max(peak, simulator.log.entries.filter((entry) => entry.status === 0).length);
    }, 5);
    await Promise.all([...ids, ...ids].map((id) => client.getServiceAccount(id)));
    clearInterval(watch);

    expect(events).toHaveLength(ids.length * 2);
    expect(peak).toBe(cap);
  });
});
