// Role bindings across every scope Confluent Cloud has: organization, environment, cluster and
// resources inside them (topics, consumer groups, transactional ids, subjects, ksqlDB clusters,
// connectors, Flink compute pools, service accounts). Some people and service accounts hold no
// role at all, and a couple of bindings outlive their principal, as Confluent's eventual
// consistency shows them.
import type { RoleBinding, ServiceAccount } from '../../confluent/types.js';
import { dayOf } from '../dates.js';
import { apiUrl, crn } from '../urls.js';
import { randomMoment, sortByCreation, type SeedContext } from './context.js';
import type { Identities } from './identity.js';
import type { ClusterPlan, EnvironmentPlan, Landscape } from './landscape.js';
import { TOPIC_PREFIXES, TOPICS } from './names.js';
import type { People } from './people.js';
import type { Prng } from './prng.js';

export interface Bindings {
  roleBindings: RoleBinding[];
  /** The Kafka clusters each principal id holds a role on, so its API keys point at them. */
  clusterIdsByPrincipal: Map<string, Set<string>>;
}

interface Grant {
  principalId: string;
  role: string;
  crnPattern: string;
  /** Neither the principal nor the scope existed before this day. */
  notBeforeDay: number;
}

const IDLE_USER_SHARE = 0.12;
const IDLE_SERVICE_ACCOUNT_SHARE = 0.1;
/** Principals that once existed; their bindings linger after the principal is gone. */
const STRAGGLER_COUNT = 2;

class GrantList {
  readonly grants: Grant[] = [];
  readonly clusterIdsByPrincipal = new Map<string, Set<string>>();
  private readonly keys = new Set<string>();

  constructor(private readonly createdDayOf: Map<string, number>) {}

  /** Adds a grant unless the same principal already holds the same role on the same pattern. */
  add(principalId: string | undefined, role: string, crnPattern: string, scopeDay: number, clusterId?: string): boolean {
    if (!principalId) return false;
    const key = `${principalId} ${role} ${crnPattern}`;
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    const notBeforeDay = Math.max(scopeDay, this.createdDayOf.get(principalId) ?? scopeDay);
    this.grants.push({ principalId, role, crnPattern, notBeforeDay });
    if (clusterId) {
      const clusters = this.clusterIdsByPrincipal.get(principalId) ?? new Set<string>();
      clusters.add(clusterId);
      this.clusterIdsByPrincipal.set(principalId, clusters);
    }
    return true;
  }
}

/** Who can be handed a role: active people and service accounts, pools and group mappings. */
class Principals {
  readonly users: string[];
  readonly serviceAccounts: string[];
  readonly pools: string[];
  readonly groupsByName: Map<string, string>;
  private readonly serviceAccountsByName: Map<string, string>;

  constructor(
    private readonly prng: Prng,
    people: People,
    identities: Identities,
  ) {
    const founders = new Set(people.founderIds);
    const ordinary = people.users.filter((user) => !founders.has(user.id) && !people.pendingUserIds.has(user.id));
    const idleUsers = new Set(prng.sample(ordinary, Math.round(ordinary.length * IDLE_USER_SHARE)).map((user) => user.id));
    this.users = ordinary.filter((user) => !idleUsers.has(user.id)).map((user) => user.id);
    const idleAccounts = new Set(
      prng.sample(people.serviceAccounts, Math.round(people.serviceAccounts.length * IDLE_SERVICE_ACCOUNT_SHARE)),
    );
    const activeAccounts = people.serviceAccounts.filter((account) => !idleAccounts.has(account));
    this.serviceAccounts = activeAccounts.map((account) => account.id);
    this.serviceAccountsByName = new Map(activeAccounts.map((account: ServiceAccount) => [account.display_name ?? '', account.id]));
    this.pools = Object.values(identities.identityPools).flatMap((pools) => pools.map((pool) => pool.id));
    this.groupsByName = new Map(identities.groupMappings.map((mapping) => [mapping.display_name, mapping.id]));
  }

  serviceAccountNamed(name: string): string | undefined {
    return this.serviceAccountsByName.get(name);
  }

  someUser(): string | undefined {
    return this.users.length > 0 ? this.prng.pick(this.users) : undefined;
  }

  /** A workload identity: mostly service accounts, some identity pools. */
  someWorkload(): string | undefined {
    if (this.pools.length > 0 && (this.serviceAccounts.length === 0 || this.prng.chance(0.12))) return this.prng.pick(this.pools);
    return this.serviceAccounts.length > 0 ? this.prng.pick(this.serviceAccounts) : this.someUser();
  }
}

function grantOrganizationRoles(grants: GrantList, principals: Principals, people: People, scope: string, day: number): void {
  for (const founder of people.founderIds) grants.add(founder, 'OrganizationAdmin', scope, day);
  for (let count = 0; count < 2; count++) grants.add(principals.someUser(), 'AccountAdmin', scope, day);
  grants.add(principals.someUser(), 'BillingAdmin', scope, day);
  grants.add(principals.serviceAccountNamed('cost-reporter'), 'BillingAdmin', scope, day);
  grants.add(principals.serviceAccountNamed('monitoring-exporter'), 'MetricsViewer', scope, day);
  grants.add(principals.serviceAccountNamed('datadog-integration'), 'MetricsViewer', scope, day);
  grants.add(principals.pools[0], 'MetricsViewer', scope, day);
  for (let count = 0; count < 2; count++) grants.add(principals.someUser(), 'NetworkAdmin', scope, day);
}

function grantEnvironmentRoles(grants: GrantList, principals: Principals, prng: Prng, plan: EnvironmentPlan, scope: string): void {
  const day = plan.createdDay;
  const allSsoUsers = principals.groupsByName.get('all-sso-users');
  for (let count = prng.int(1, 3); count > 0; count--) grants.add(principals.someUser(), 'EnvironmentAdmin', scope, day);
  if (plan.tier === 'prod') {
    grants.add(principals.serviceAccountNamed('terraform-runner'), 'EnvironmentAdmin', scope, day);
    grants.add(principals.groupsByName.get('platform-engineers'), 'Operator', scope, day);
  }
  for (let count = prng.int(1, 2); count > 0; count--) grants.add(principals.someUser(), 'DataSteward', scope, day);
  grants.add(allSsoUsers, 'DataDiscovery', scope, day);
  if (plan.tier === 'analytics') grants.add(principals.groupsByName.get('data-analysts'), 'DataDiscovery', scope, day);
  grants.add(prng.chance(0.5) ? principals.someUser() : principals.someWorkload(), 'Operator', scope, day);
  if (plan.computePools.length === 0) return;
  grants.add(principals.someUser(), 'FlinkAdmin', scope, day);
  grants.add(allSsoUsers, 'FlinkDeveloper', scope, day);
  grants.add(principals.someUser(), 'FlinkDeveloper', scope, day);
  for (const pool of plan.computePools) {
    const poolScope = `${scope}/flink-region=${pool.region}/compute-pool=${pool.id}`;
    grants.add(principals.someWorkload(), 'FlinkDeveloper', poolScope, pool.createdDay);
  }
}

function grantClusterRoles(grants: GrantList, principals: Principals, prng: Prng, plan: EnvironmentPlan, cluster: ClusterPlan, scope: string): void {
  const day = cluster.createdDay;
  const clusterId = cluster.cluster.id;
  for (let count = prng.int(1, 2); count > 0; count--) grants.add(principals.someUser(), 'CloudClusterAdmin', scope, day, clusterId);
  if (plan.tier !== 'sandbox') grants.add(principals.serviceAccountNamed('ci-deployer'), 'CloudClusterAdmin', scope, day, clusterId);
  if (prng.chance(0.5)) grants.add(principals.someUser(), 'Operator', scope, day, clusterId);
  if (prng.chance(0.5)) grants.add(principals.serviceAccountNamed('monitoring-exporter'), 'MetricsViewer', scope, day, clusterId);
}

/** One binding on something inside a cluster or environment, chosen at random. */
function grantOneResourceRole(grants: GrantList, principals: Principals, prng: Prng, organizationId: string, plan: EnvironmentPlan): void {
  const cluster = prng.pick(plan.clusters);
  const environmentId = plan.environment.id;
  const clusterId = cluster.cluster.id;
  const clusterScope = crn.clusterScope(organizationId, environmentId, clusterId);
  const kafka = `${clusterScope}/kafka=${clusterId}`;
  const day = cluster.createdDay;
  const draw = prng.next();
  const workload = principals.someWorkload();
  if (draw < 0.32) {
    grants.add(workload, prng.chance(0.6) ? 'DeveloperRead' : 'DeveloperWrite', `${kafka}/topic=${prng.pick(TOPICS)}`, day, clusterId);
  } else if (draw < 0.42) {
    grants.add(workload, 'DeveloperRead', `${kafka}/topic=${prng.pick(TOPIC_PREFIXES)}*`, day, clusterId);
  } else if (draw < 0.52) {
    const owner = principals.someUser();
    const topic = prng.chance(0.5) ? prng.pick(TOPICS) : `${prng.pick(TOPIC_PREFIXES)}*`;
    grants.add(owner, 'ResourceOwner', `${kafka}/topic=${topic}`, day, clusterId);
  } else if (draw < 0.65) {
    const group = prng.chance(0.5) ? `${prng.pick(TOPICS)}-consumer` : `${prng.pick(TOPICS)}-processor-*`;
    grants.add(workload, 'DeveloperRead', `${kafka}/group=${group}`, day, clusterId);
  } else if (draw < 0.7) {
    grants.add(workload, 'DeveloperWrite', `${kafka}/transactional-id=${prng.pick(TOPICS)}-tx`, day, clusterId);
  } else if (draw < 0.86) {
    const registry = plan.schemaRegistry;
    const topic = prng.pick(TOPICS);
    // A schema context (`:.staging:`) shows up URL-encoded, as Confluent may send it.
    const subject = prng.chance(0.1) ? `%3A.staging%3A${topic}-value` : prng.chance(0.3) ? `${topic}*` : `${topic}-value`;
    const pattern = `${crn.environment(organizationId, environmentId)}/schema-registry=${registry.id}/subject=${subject}`;
    const role = prng.pick(['DeveloperRead', 'DeveloperRead', 'DeveloperWrite', 'ResourceOwner']);
    grants.add(role === 'ResourceOwner' ? principals.someUser() : workload, role, pattern, registry.createdDay);
  } else if (draw < 0.93) {
    const ksql = plan.ksqlClusters.find((candidate) => candidate.clusterId === clusterId);
    if (!ksql) return;
    const owner = prng.chance(0.5);
    grants.add(owner ? principals.someUser() : workload, owner ? 'ResourceOwner' : 'DeveloperRead', `${clusterScope}/ksql=${ksql.name}`, ksql.createdDay, clusterId);
  } else {
    const connector = plan.connectors.find((candidate) => candidate.clusterId === clusterId);
    if (!connector) return;
    const role = prng.chance(0.5) ? 'DeveloperManage' : 'DeveloperRead';
    grants.add(workload, role, `${clusterScope}/connector=${connector.name}`, connector.createdDay, clusterId);
  }
}

export function buildRoleBindings(
  context: SeedContext,
  landscape: Landscape,
  people: People,
  identities: Identities,
  target: number,
): Bindings {
  const { prng, ids } = context.stream('role-bindings');
  const organizationId = landscape.organization.id;
  const organizationScope = crn.organization(organizationId);
  const createdDayOf = new Map<string, number>();
  for (const item of [...people.users, ...people.serviceAccounts, ...identities.groupMappings, ...Object.values(identities.identityPools).flat()]) {
    createdDayOf.set(item.id, dayOf(item.metadata?.created_at ?? ''));
  }
  const principals = new Principals(prng, people, identities);
  const grants = new GrantList(createdDayOf);

  grantOrganizationRoles(grants, principals, people, organizationScope, landscape.organizationCreatedDay);
  for (const plan of landscape.environments) {
    const environmentScope = crn.environment(organizationId, plan.environment.id);
    grantEnvironmentRoles(grants, principals, prng, plan, environmentScope);
    for (const cluster of plan.clusters) {
      grantClusterRoles(grants, principals, prng, plan, cluster, crn.clusterScope(organizationId, plan.environment.id, cluster.cluster.id));
    }
  }
  // Assigner lets a person act as a service account (for example to create its API keys).
  for (const account of prng.sample(principals.serviceAccounts, Math.ceil(principals.serviceAccounts.length * 0.1))) {
    grants.add(principals.someUser(), 'Assigner', crn.serviceAccount(organizationId, account), createdDayOf.get(account) ?? 0);
  }
  const room = Math.max(0, target - STRAGGLER_COUNT);
  for (let attempt = 0; grants.grants.length < room && attempt < room * 50; attempt++) {
    grantOneResourceRole(grants, principals, prng, organizationId, prng.pick(landscape.environments));
  }

  const kept = grants.grants.slice(0, room);
  const anyCluster = landscape.environments[0]?.clusters[0];
  if (anyCluster && target >= STRAGGLER_COUNT) {
    const environmentId = anyCluster.cluster.spec?.environment?.id ?? '';
    const topics = `${crn.clusterScope(organizationId, environmentId, anyCluster.cluster.id)}/kafka=${anyCluster.cluster.id}/topic=`;
    kept.push({ principalId: ids.lower('u-', 6, 6), role: 'DeveloperRead', crnPattern: `${topics}orders`, notBeforeDay: anyCluster.createdDay });
    kept.push({ principalId: ids.lower('sa-', 6, 6), role: 'DeveloperWrite', crnPattern: `${topics}payments`, notBeforeDay: anyCluster.createdDay });
  }

  const roleBindings = kept.map((grant): RoleBinding => {
    const id = ids.mixed('rb-', 5, 6);
    const created = randomMoment(prng, context, grant.notBeforeDay + 1, context.today - 1);
    return {
      api_version: 'iam/v2',
      kind: 'RoleBinding',
      id,
      metadata: {
        self: apiUrl(`/iam/v2/role-bindings/${id}`),
        resource_name: `${organizationScope}/role-binding=${id}`,
        created_at: created.at,
        updated_at: created.at,
      },
      principal: `User:${grant.principalId}`,
      role_name: grant.role,
      crn_pattern: grant.crnPattern,
    };
  });
  return { roleBindings: sortByCreation(roleBindings), clusterIdsByPrincipal: grants.clusterIdsByPrincipal };
}
