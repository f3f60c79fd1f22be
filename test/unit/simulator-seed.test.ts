// The demo organization the simulator generates: deterministic, realistic in shape, and carrying
// the awkward cases the subgraph must handle (stragglers, idle principals, resourceless costs).
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiKey, Cost } from '../../src/confluent/types.js';
import { parseDay } from '../../src/calendar.js';
import { DEFAULT_SIZE } from '../../src/simulator/options.js';
import { generateData } from '../../src/simulator/seed/index.js';
import type { SimulatorData } from '../../src/simulator/store.js';

const TODAY = parseDay('2026-10-15') ?? 0;
let data: SimulatorData;

const principalId = (principal: string | undefined) => (principal ?? '').replace(/^User:/, '');
const ownerId = (key: ApiKey) => key.spec?.owner?.id ?? '';
const pendingInvitations = () =>
  data.invitations.filter((invitation) => ['INVITE_STATUS_SENT', 'INVITE_STATUS_STAGED'].includes(invitation.status ?? ''));
const micros = (amount: number | undefined) => Math.round((amount ?? 0) * 1_000_000);

beforeAll(() => {
  data = generateData(42, TODAY, DEFAULT_SIZE);
});

describe('determinism', () => {
  it('gives identical data for the same seed and day, and other data for another seed', () => {
    expect(JSON.stringify(generateData(42, TODAY, DEFAULT_SIZE))).toBe(JSON.stringify(data));
    expect(generateData(43, TODAY, DEFAULT_SIZE).organization.id).not.toBe(data.organization.id);
  });
});

describe('directory', () => {
  it('has the default counts', () => {
    const names = data.environments.map((environment) => environment.display_name);
    expect(names).toEqual(['production', 'staging', 'development', 'analytics', 'sandbox']);
    expect(data.users).toHaveLength(250);
    expect(data.serviceAccounts).toHaveLength(120);
    expect(data.invitations).toHaveLength(10);
    expect(data.roleBindings).toHaveLength(600);
    for (const environment of data.environments) {
      const clusters = data.clusters.filter((cluster) => cluster.spec?.environment?.id === environment.id);
      expect(clusters.length).toBeGreaterThanOrEqual(2);
      expect(clusters.length).toBeLessThanOrEqual(3);
    }
  });

  it('shapes ids like Confluent does, each id once', () => {
    const shapes: Array<[string[], RegExp]> = [
      [[data.organization.id], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/],
      [data.environments.map((item) => item.id), /^env-[a-z0-9]{5,6}$/],
      [data.clusters.map((item) => item.id), /^lkc-[a-z0-9]{5,6}$/],
      [data.users.map((item) => item.id), /^u-[a-z0-9]{6}$/],
      [data.serviceAccounts.map((item) => item.id), /^sa-[a-z0-9]{6}$/],
      [data.invitations.map((item) => item.id), /^i-[a-z0-9]{5}$/],
      [data.roleBindings.map((item) => item.id), /^rb-[A-Za-z0-9]{5,6}$/],
      [data.apiKeys.map((item) => item.id), /^[A-Z0-9]{16}$/],
      [
        Object.values(data.identityPools)
          .flat()
          .map((item) => item.id),
        /^pool-[A-Za-z0-9]{4}$/,
      ],
      [data.groupMappings.map((item) => item.id), /^group-[A-Za-z0-9]{4}$/],
    ];
    for (const [ids, shape] of shapes) {
      for (const id of ids) expect(id).toMatch(shape);
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(new Set(data.costs.map((cost) => cost.id)).size).toBe(data.costs.length);
  });

  it('dates every object in RFC 3339 UTC before today', () => {
    const objects = [
      data.organization,
      ...data.environments,
      ...data.clusters,
      ...data.users,
      ...data.serviceAccounts,
      ...data.invitations,
      ...data.roleBindings,
      ...data.apiKeys,
    ];
    const midnight = new Date(TODAY * 86_400_000).toISOString();
    for (const object of objects) {
      for (const timestamp of [object.metadata?.created_at, object.metadata?.updated_at]) {
        expect(timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
        expect((timestamp ?? '') < midnight).toBe(true);
      }
    }
  });

  it('spreads clusters over kinds and clouds, named by CRN as Confluent names them', () => {
    const kinds = new Set(data.clusters.map((cluster) => cluster.spec?.config?.kind));
    expect(kinds).toEqual(new Set(['Basic', 'Standard', 'Dedicated', 'Enterprise']));
    expect(new Set(data.clusters.map((cluster) => cluster.spec?.cloud))).toEqual(new Set(['AWS', 'GCP', 'AZURE']));
    for (const cluster of data.clusters) {
      const environment = `crn://confluent.cloud/organization=${data.organization.id}/environment=${cluster.spec?.environment?.id}`;
      expect(cluster.metadata?.resource_name).toBe(`${environment}/cloud-cluster=${cluster.id}/kafka=${cluster.id}`);
      expect(cluster.status?.phase).toBe('PROVISIONED');
    }
  });

  it('mixes local and SSO users with unique emails at the demo domain', () => {
    expect(new Set(data.users.map((user) => user.auth_type))).toEqual(new Set(['AUTH_TYPE_LOCAL', 'AUTH_TYPE_SSO']));
    const emails = data.users.map((user) => user.email ?? '');
    expect(new Set(emails).size).toBe(emails.length);
    for (const email of emails) expect(email).toMatch(/^[a-z.0-9]+@orbitfreight\.example$/);
  });

  it('points pending invitations at existing users, who have made no API key yet', () => {
    const userIds = new Set(data.users.map((user) => user.id));
    const statuses = new Set(data.invitations.map((invitation) => invitation.status));
    for (const status of ['SENT', 'STAGED', 'ACCEPTED', 'EXPIRED']) expect(statuses).toContain(`INVITE_STATUS_${status}`);
    const pending = pendingInvitations();
    expect(pending.length).toBeGreaterThan(0);
    for (const invitation of pending) {
      expect(userIds.has(invitation.user?.id ?? '')).toBe(true);
      expect(invitation.accepted_at).toBeNull();
      expect(data.apiKeys.some((key) => ownerId(key) === invitation.user?.id)).toBe(false);
    }
    for (const invitation of data.invitations.filter((candidate) => candidate.status === 'INVITE_STATUS_ACCEPTED')) {
      expect(userIds.has(invitation.user?.id ?? '')).toBe(true);
      expect(invitation.accepted_at).toBeTruthy();
    }
  });
});

describe('role bindings', () => {
  it('keeps the organization in every pattern and reaches every scope level', () => {
    const organization = `crn://confluent.cloud/organization=${data.organization.id}`;
    const patterns = data.roleBindings.map((binding) => binding.crn_pattern ?? '');
    for (const pattern of patterns) expect(pattern.startsWith(organization)).toBe(true);
    const has = (test: RegExp) => patterns.some((pattern) => test.test(pattern));
    expect(patterns).toContain(organization);
    expect(has(/\/environment=env-[a-z0-9]+$/)).toBe(true);
    expect(has(/\/cloud-cluster=lkc-[a-z0-9]+$/)).toBe(true);
    expect(has(/\/kafka=lkc-[a-z0-9]+\/topic=[a-z-]+$/)).toBe(true);
    expect(has(/\/topic=[a-z.-]+\*$/)).toBe(true);
    expect(has(/\/group=/)).toBe(true);
    expect(has(/\/schema-registry=lsrc-[a-z0-9]+\/subject=/)).toBe(true);
    expect(has(/\/ksql=/)).toBe(true);
    expect(has(/\/service-account=sa-[a-z0-9]+$/)).toBe(true);
    expect(has(/%3A/)).toBe(true);
    expect(patterns.filter((pattern) => pattern.includes('%3A')).length).toBeLessThan(patterns.length / 10);
  });

  it('grants the roles of every level', () => {
    const roles = new Set(data.roleBindings.map((binding) => binding.role_name));
    const expected = [
      ['OrganizationAdmin', 'AccountAdmin', 'BillingAdmin', 'MetricsViewer', 'NetworkAdmin'],
      ['EnvironmentAdmin', 'DataSteward', 'DataDiscovery', 'FlinkAdmin', 'FlinkDeveloper', 'Operator'],
      ['CloudClusterAdmin', 'ResourceOwner', 'DeveloperRead', 'DeveloperWrite', 'DeveloperManage', 'Assigner'],
    ].flat();
    for (const role of expected) expect(roles, role).toContain(role);
  });

  it('binds users, service accounts, identity pools and group mappings, never the same grant twice', () => {
    const prefixes = new Set(data.roleBindings.map((binding) => principalId(binding.principal).split('-')[0]));
    expect(prefixes).toEqual(new Set(['u', 'sa', 'pool', 'group']));
    const grants = data.roleBindings.map((binding) => `${binding.principal} ${binding.role_name} ${binding.crn_pattern}`);
    expect(new Set(grants).size).toBe(grants.length);
  });

  it('leaves some people and some service accounts without any role', () => {
    const bound = new Set(data.roleBindings.map((binding) => principalId(binding.principal)));
    expect(data.users.filter((user) => !bound.has(user.id)).length).toBeGreaterThan(10);
    expect(data.serviceAccounts.filter((account) => !bound.has(account.id)).length).toBeGreaterThan(5);
  });
});

describe('API keys', () => {
  it('belong to users and service accounts, named by kind, and open the cloud or an existing cluster', () => {
    const clusters = new Set(data.clusters.map((cluster) => cluster.id));
    for (const key of data.apiKeys) {
      expect(ownerId(key)).toMatch(key.spec?.owner?.kind === 'User' ? /^u-/ : /^sa-/);
      const resource = key.spec?.resource;
      expect(resource?.kind === 'Cloud' ? resource.id === 'cloud' : clusters.has(resource?.id ?? '')).toBe(true);
    }
    expect(new Set(data.apiKeys.map((key) => key.spec?.owner?.kind))).toEqual(new Set(['User', 'ServiceAccount']));
    expect(new Set(data.apiKeys.map((key) => key.spec?.resource?.kind))).toEqual(new Set(['Cloud', 'Cluster']));
  });
});

// Every kind of finding of the access review has something to find in the demo organization.
describe('access review findings (DESIGN.md §12)', () => {
  const userIds = () => new Set(data.users.map((user) => user.id));
  const serviceAccountIds = () => new Set(data.serviceAccounts.map((account) => account.id));
  const poolIds = () =>
    new Set(
      Object.values(data.identityPools)
        .flat()
        .map((pool) => pool.id),
    );
  const boundPrincipals = () => new Set(data.roleBindings.map((binding) => principalId(binding.principal)));

  it('API_KEY_OF_DELETED_OWNER: a few keys of a person and of a service account that no longer exist', () => {
    const [users, accounts] = [userIds(), serviceAccountIds()];
    const orphans = data.apiKeys.filter((key) => !users.has(ownerId(key)) && !accounts.has(ownerId(key)));
    expect(new Set(orphans.map((key) => key.spec?.owner?.kind))).toEqual(new Set(['User', 'ServiceAccount']));
    expect(orphans.length).toBeLessThanOrEqual(5);
  });

  it('PRIVILEGED_SERVICE_ACCOUNT: a service account is OrganizationAdmin or AccountAdmin of the organization', () => {
    const accounts = serviceAccountIds();
    const organization = `crn://confluent.cloud/organization=${data.organization.id}`;
    const privileged = data.roleBindings.filter(
      (binding) =>
        accounts.has(principalId(binding.principal)) &&
        ['OrganizationAdmin', 'AccountAdmin'].includes(binding.role_name ?? '') &&
        binding.crn_pattern === organization,
    );
    expect(privileged.length).toBeGreaterThan(0);
  });

  it('BINDING_OF_DELETED_PRINCIPAL: one user, one service account and one group mapping binding outlived their principal, no other', () => {
    const known = new Set([...userIds(), ...serviceAccountIds(), ...poolIds(), ...data.groupMappings.map((mapping) => mapping.id)]);
    const stragglers = data.roleBindings.filter((binding) => !known.has(principalId(binding.principal)));
    expect(stragglers.map((binding) => principalId(binding.principal).split('-')[0]).sort()).toEqual(['group', 'sa', 'u']);
  });

  it('STALE_API_KEY: keys created more than 90 days ago, and recent ones', () => {
    const cutoff = new Date((TODAY - 90) * 86_400_000).toISOString();
    const stale = data.apiKeys.filter((key) => (key.metadata?.created_at ?? '') < cutoff);
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.length).toBeLessThan(data.apiKeys.length);
  });

  it('API_KEY_OWNED_BY_PERSON: people own keys of their own', () => {
    const users = userIds();
    expect(data.apiKeys.filter((key) => users.has(ownerId(key))).length).toBeGreaterThan(0);
  });

  it('INVITED_USER_WITH_ROLES: some people whose invitation is pending already hold a role', () => {
    const bound = boundPrincipals();
    expect(pendingInvitations().filter((invitation) => bound.has(invitation.user?.id ?? '')).length).toBeGreaterThan(0);
  });

  it('UNUSED_SERVICE_ACCOUNT: service accounts with neither a role binding nor an API key', () => {
    const [bound, owners] = [boundPrincipals(), new Set(data.apiKeys.map(ownerId))];
    expect(data.serviceAccounts.filter((account) => !bound.has(account.id) && !owners.has(account.id)).length).toBeGreaterThan(0);
  });

  it('INACTIVE_PRINCIPAL: service accounts and at least two identity pools hold roles at or below a Kafka cluster', () => {
    const onClusters = new Set(
      data.roleBindings
        .filter((binding) => /\/cloud-cluster=lkc-/.test(binding.crn_pattern ?? ''))
        .map((binding) => principalId(binding.principal)),
    );
    expect([...serviceAccountIds()].filter((id) => onClusters.has(id)).length).toBeGreaterThan(0);
    expect([...poolIds()].filter((id) => onClusters.has(id)).length).toBeGreaterThanOrEqual(2);
  });
});

describe('costs', () => {
  const byLineType = (lineType: string) => data.costs.filter((cost) => cost.line_type === lineType);

  it('covers the last 366 days in daily rows, in date order, ending yesterday', () => {
    const days = [...new Set(data.costs.map((cost) => cost.start_date))];
    expect(days).toHaveLength(366);
    expect(days[0]).toBe('2025-10-14');
    expect(days.at(-1)).toBe('2026-10-14');
    expect(days).toEqual([...days].sort());
    const notDaily = data.costs.filter(
      (cost) => cost.granularity !== 'DAILY' || Date.parse(cost.end_date) - Date.parse(cost.start_date) !== 86_400_000,
    );
    expect(notDaily).toEqual([]);
  });

  it('prices lines exactly: price × quantity = original amount, amount = original − discount', () => {
    const priced = data.costs.filter((cost) => cost.price !== undefined);
    const mispriced = priced.filter(
      (cost) =>
        Math.round((cost.price ?? 0) * 10_000) * Math.round((cost.quantity ?? 0) * 100) !== micros(cost.original_amount) ||
        micros(cost.amount) !== micros(cost.original_amount) - micros(cost.discount_amount),
    );
    expect(mispriced).toEqual([]);
    expect(priced.some((cost) => micros(cost.discount_amount) > 0)).toBe(true);
    expect(priced.some((cost) => micros(cost.original_amount) % 1000 !== 0)).toBe(true); // six decimals in use
  });

  it('bills one support line a day and occasional promo credits, without resource, price, discount or amount', () => {
    expect(byLineType('SUPPORT')).toHaveLength(366);
    const promos = byLineType('PROMO_CREDIT');
    expect(promos.length).toBeGreaterThan(3);
    for (const cost of [...byLineType('SUPPORT'), ...promos] as Cost[]) {
      expect(cost.resource).toBeNull();
      for (const absent of ['price', 'discount_amount', 'amount']) expect(cost).not.toHaveProperty(absent);
    }
    expect(byLineType('SUPPORT').every((cost) => cost.product === 'SUPPORT_CLOUD_BUSINESS')).toBe(true);
    for (const cost of promos) {
      expect(cost.original_amount).toBeLessThan(0);
      expect(cost.description).toMatch(/^[A-Z0-9]+$/);
    }
  });

  it('bills every cluster every day it existed, and the other products on their own resources', () => {
    const yesterday = data.costs.filter((cost) => cost.start_date === '2026-10-14');
    for (const cluster of data.clusters) {
      const lines = yesterday.filter((cost) => cost.resource?.id === cluster.id).map((cost) => cost.line_type);
      const capacity = cluster.spec?.config?.kind === 'Dedicated' ? 'KAFKA_NUM_CKUS' : 'KAFKA_BASE';
      expect(lines.sort()).toEqual([capacity, 'KAFKA_NETWORK_READ', 'KAFKA_NETWORK_WRITE', 'KAFKA_PARTITION', 'KAFKA_STORAGE'].sort());
    }
    const prefixes = { CONNECT: 'lcc-', KSQL: 'lksqlc-', STREAM_GOVERNANCE: 'lsrc-', FLINK: 'lfcp-', KAFKA: 'lkc-' };
    for (const [product, prefix] of Object.entries(prefixes)) {
      const rows = yesterday.filter((cost) => cost.product === product && cost.resource);
      expect(rows.length, product).toBeGreaterThan(0);
      for (const row of rows) expect(row.resource?.id?.startsWith(prefix)).toBe(true);
    }
    expect(yesterday.some((cost) => cost.product === 'CLUSTER_LINK')).toBe(true);
    expect(data.costs.filter((cost) => cost.line_type === 'GOVERNANCE_BASE' && cost.start_date === '2026-10-14')).toHaveLength(5);
  });

  it('includes a product no catalog knows, on one environment', () => {
    const warpstream = data.costs.filter((cost) => cost.product === 'WARPSTREAM');
    expect(warpstream.length).toBeGreaterThan(0);
    expect(new Set(warpstream.map((cost) => cost.line_type))).toEqual(new Set(['WARPSTREAM_AGENT']));
    expect(new Set(warpstream.map((cost) => cost.resource?.environment?.id)).size).toBe(1);
  });
});

describe('benchmark size', () => {
  it('generates 50 environments, 1000 users, 300 service accounts and 2000 bindings', () => {
    const large = generateData(42, TODAY, { ...DEFAULT_SIZE, environments: 50, users: 1000, serviceAccounts: 300, roleBindings: 2000 });
    expect(large.environments).toHaveLength(50);
    expect(new Set(large.environments.map((environment) => environment.display_name)).size).toBe(50);
    expect(large.users).toHaveLength(1000);
    expect(large.serviceAccounts).toHaveLength(300);
    expect(large.roleBindings).toHaveLength(2000);
  });
});
