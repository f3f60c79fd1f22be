// Role bindings across every scope Confluent Cloud has: organization, environment, cluster and
// resources inside them (topics, consumer groups, transactional ids, subjects, ksqlDB clusters,
// connectors, Flink compute pools, service accounts). A few bindings outlive their principal, as
// Confluent's eventual consistency shows them.
import type { RoleBinding } from '../../confluent/types.js';
import { dayOf } from '../../calendar.js';
import { apiUrl, crn } from '../urls.js';
import { randomMoment, sortByCreation, type SeedContext } from './context.js';
import { GrantList, Principals, type Grant } from './grants.js';
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

/** Principals that once existed; their bindings linger after the principal is gone. */
const STRAGGLER_COUNT = 3;
/** Of the people whose invitation is still pending, the share granted a role along with it. */
const INVITED_WITH_ROLE_SHARE = 0.5;

class BindingPlanner {
  /** Active users not yet considered for a resource role, so that most of them end up with one. */
  private readonly usersToServe: string[];

  constructor(
    private readonly grants: GrantList,
    private readonly principals: Principals,
    private readonly prng: Prng,
    private readonly organizationId: string,
  ) {
    this.usersToServe = prng.shuffle(principals.users);
  }

  /** A person for a resource role: one still without any role while there is one, else anyone. */
  private person(): string | undefined {
    for (let user = this.usersToServe.pop(); user !== undefined; user = this.usersToServe.pop()) {
      if (!this.grants.holdsAny(user)) return user;
    }
    return this.principals.someUser();
  }

  organizationRoles(founderIds: string[], day: number): void {
    const { grants, principals } = this;
    const scope = crn.organization(this.organizationId);
    for (const founder of founderIds) grants.add(founder, 'OrganizationAdmin', scope, day);
    // Terraform creates environments, clusters and role bindings, which takes the broadest role.
    grants.add(principals.serviceAccountNamed('terraform-runner'), 'OrganizationAdmin', scope, day);
    for (let count = 0; count < 2; count++) grants.add(principals.someUser(), 'AccountAdmin', scope, day);
    grants.add(principals.someUser(), 'BillingAdmin', scope, day);
    grants.add(principals.serviceAccountNamed('cost-reporter'), 'BillingAdmin', scope, day);
    grants.add(principals.serviceAccountNamed('monitoring-exporter'), 'MetricsViewer', scope, day);
    grants.add(principals.serviceAccountNamed('datadog-integration'), 'MetricsViewer', scope, day);
    grants.add(principals.pools[0], 'MetricsViewer', scope, day);
    for (let count = 0; count < 2; count++) grants.add(principals.someUser(), 'NetworkAdmin', scope, day);
  }

  environmentRoles(plan: EnvironmentPlan): void {
    const { grants, principals, prng } = this;
    const scope = crn.environment(this.organizationId, plan.environment.id);
    const day = plan.createdDay;
    const allSsoUsers = principals.groupNamed('all-sso-users');
    for (let count = prng.int(1, 3); count > 0; count--) grants.add(principals.someUser(), 'EnvironmentAdmin', scope, day);
    if (plan.tier === 'prod') {
      grants.add(principals.serviceAccountNamed('terraform-runner'), 'EnvironmentAdmin', scope, day);
      grants.add(principals.groupNamed('platform-engineers'), 'Operator', scope, day);
    }
    for (let count = prng.int(1, 2); count > 0; count--) grants.add(principals.someUser(), 'DataSteward', scope, day);
    grants.add(allSsoUsers, 'DataDiscovery', scope, day);
    if (plan.tier === 'analytics') grants.add(principals.groupNamed('data-analysts'), 'DataDiscovery', scope, day);
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

  clusterRoles(plan: EnvironmentPlan, cluster: ClusterPlan): void {
    const { grants, principals, prng } = this;
    const clusterId = cluster.cluster.id;
    const scope = crn.clusterScope(this.organizationId, plan.environment.id, clusterId);
    const day = cluster.createdDay;
    for (let count = prng.int(1, 2); count > 0; count--) {
      grants.add(principals.someUser(), 'CloudClusterAdmin', scope, day, clusterId);
    }
    if (plan.tier !== 'sandbox') grants.add(principals.serviceAccountNamed('ci-deployer'), 'CloudClusterAdmin', scope, day, clusterId);
    if (prng.chance(0.5)) grants.add(principals.someUser(), 'Operator', scope, day, clusterId);
    if (prng.chance(0.5)) grants.add(principals.serviceAccountNamed('monitoring-exporter'), 'MetricsViewer', scope, day, clusterId);
    // Federated workloads reach Kafka through their identity pool, not a service account.
    const topics = `${scope}/kafka=${clusterId}/topic=`;
    if (plan.tier === 'prod') grants.add(principals.poolNamed('k8s-workloads'), 'DeveloperWrite', `${topics}telemetry-*`, day, clusterId);
    if (plan.tier === 'analytics') grants.add(principals.poolNamed('spark-batch-jobs'), 'DeveloperRead', `${topics}cdc.*`, day, clusterId);
  }

  /** Assigner lets a person act as a service account, for example to create its API keys. */
  assignerRoles(createdDayOf: ReadonlyMap<string, number>): void {
    const accounts = this.principals.serviceAccounts;
    for (const account of this.prng.sample(accounts, Math.ceil(accounts.length * 0.1))) {
      const scope = crn.serviceAccount(this.organizationId, account);
      this.grants.add(this.principals.someUser(), 'Assigner', scope, createdDayOf.get(account) ?? 0);
    }
  }

  /** One binding on something inside a cluster or an environment, chosen at random. */
  oneResourceRole(plan: EnvironmentPlan): void {
    const { grants, principals, prng } = this;
    const cluster = prng.pick(plan.clusters);
    const clusterId = cluster.cluster.id;
    const clusterScope = crn.clusterScope(this.organizationId, plan.environment.id, clusterId);
    const kafka = `${clusterScope}/kafka=${clusterId}`;
    const day = cluster.createdDay;
    const workload = principals.someWorkload();
    const someTopic = () => (prng.chance(0.5) ? prng.pick(TOPICS) : `${prng.pick(TOPIC_PREFIXES)}*`);
    const draw = prng.next();
    if (draw < 0.25) {
      const role = prng.chance(0.6) ? 'DeveloperRead' : 'DeveloperWrite';
      grants.add(workload, role, `${kafka}/topic=${prng.pick(TOPICS)}`, day, clusterId);
    } else if (draw < 0.33) {
      grants.add(workload, 'DeveloperRead', `${kafka}/topic=${prng.pick(TOPIC_PREFIXES)}*`, day, clusterId);
    } else if (draw < 0.55) {
      const role = prng.chance(0.5) ? 'ResourceOwner' : 'DeveloperRead';
      grants.add(this.person(), role, `${kafka}/topic=${someTopic()}`, day, clusterId);
    } else if (draw < 0.65) {
      const group = prng.chance(0.5) ? `${prng.pick(TOPICS)}-consumer` : `${prng.pick(TOPICS)}-processor-*`;
      grants.add(workload, 'DeveloperRead', `${kafka}/group=${group}`, day, clusterId);
    } else if (draw < 0.7) {
      grants.add(workload, 'DeveloperWrite', `${kafka}/transactional-id=${prng.pick(TOPICS)}-tx`, day, clusterId);
    } else if (draw < 0.86) {
      this.subjectRole(plan, workload);
    } else if (draw < 0.93) {
      const ksql = plan.ksqlClusters.find((candidate) => candidate.clusterId === clusterId);
      if (!ksql) return;
      const [principal, role] = prng.chance(0.5) ? [this.person(), 'ResourceOwner'] : [workload, 'DeveloperRead'];
      grants.add(principal, role, `${clusterScope}/ksql=${ksql.name}`, ksql.createdDay, clusterId);
    } else {
      const connector = plan.connectors.find((candidate) => candidate.clusterId === clusterId);
      if (!connector) return;
      const role = prng.chance(0.5) ? 'DeveloperManage' : 'DeveloperRead';
      grants.add(workload, role, `${clusterScope}/connector=${connector.name}`, connector.createdDay, clusterId);
    }
  }

  private subjectRole(plan: EnvironmentPlan, workload: string | undefined): void {
    const { prng } = this;
    const registry = plan.schemaRegistry;
    const topic = prng.pick(TOPICS);
    // A schema context (`:.staging:`) shows up URL-encoded, as Confluent may send it.
    const subject = prng.chance(0.1) ? `%3A.staging%3A${topic}-value` : prng.chance(0.3) ? `${topic}*` : `${topic}-value`;
    const pattern = `${crn.environment(this.organizationId, plan.environment.id)}/schema-registry=${registry.id}/subject=${subject}`;
    const role = prng.pick(['DeveloperRead', 'DeveloperRead', 'DeveloperWrite', 'ResourceOwner']);
    this.grants.add(role === 'ResourceOwner' ? this.person() : workload, role, pattern, registry.createdDay);
  }
}

/**
 * Bindings in the first environment held by principals that no longer exist: a user and a service
 * account on topics of its first cluster, and an SSO group mapping removed since.
 */
function stragglers(context: SeedContext, landscape: Landscape): Grant[] {
  const { ids } = context.stream('stragglers');
  const cluster = landscape.environments[0]?.clusters[0];
  if (!cluster) return [];
  const environmentId = cluster.cluster.spec?.environment?.id ?? '';
  const topics = `${crn.clusterScope(landscape.organization.id, environmentId, cluster.cluster.id)}/kafka=${cluster.cluster.id}/topic=`;
  const environmentScope = crn.environment(landscape.organization.id, environmentId);
  const notBeforeDay = cluster.createdDay;
  return [
    { principalId: ids.lower('u-', 6, 6), role: 'DeveloperRead', crnPattern: `${topics}orders`, notBeforeDay },
    { principalId: ids.lower('sa-', 6, 6), role: 'DeveloperWrite', crnPattern: `${topics}payments`, notBeforeDay },
    { principalId: ids.mixed('group-', 4, 4), role: 'DataDiscovery', crnPattern: environmentScope, notBeforeDay },
  ];
}

/**
 * An invitation creates its user with no permissions (NOTES.md §4.3), and the administrator often binds
 * roles right away: some people who have not accepted yet already hold a workspace or cluster role.
 */
function invitationRoles(context: SeedContext, landscape: Landscape, people: People, grants: GrantList): void {
  const { prng } = context.stream('invitation-roles');
  const invited = people.users.filter((user) => people.pendingUserIds.has(user.id));
  for (const user of prng.sample(invited, Math.ceil(invited.length * INVITED_WITH_ROLE_SHARE))) {
    const plan = prng.pick(landscape.environments);
    const environmentId = plan.environment.id;
    if (prng.chance(0.5)) {
      grants.add(user.id, 'DataDiscovery', crn.environment(landscape.organization.id, environmentId), plan.createdDay);
    } else {
      const { cluster, createdDay } = prng.pick(plan.clusters);
      grants.add(user.id, 'Operator', crn.clusterScope(landscape.organization.id, environmentId, cluster.id), createdDay, cluster.id);
    }
  }
}

/** Exactly `target` bindings (or as many as the organization can hold without repeats). */
export function buildRoleBindings(
  context: SeedContext,
  landscape: Landscape,
  people: People,
  identities: Identities,
  target: number,
): Bindings {
  const { prng, ids } = context.stream('role-bindings');
  const organizationId = landscape.organization.id;
  const createdDayOf = new Map<string, number>();
  const identityPools = Object.values(identities.identityPools).flat();
  for (const item of [...people.users, ...people.serviceAccounts, ...identities.groupMappings, ...identityPools]) {
    createdDayOf.set(item.id, dayOf(item.metadata?.created_at ?? ''));
  }
  const grants = new GrantList(createdDayOf);
  const planner = new BindingPlanner(grants, new Principals(prng, people, identities), prng, organizationId);

  planner.organizationRoles(people.founderIds, landscape.organizationCreatedDay);
  for (const plan of landscape.environments) {
    planner.environmentRoles(plan);
    for (const cluster of plan.clusters) planner.clusterRoles(plan, cluster);
  }
  planner.assignerRoles(createdDayOf);
  invitationRoles(context, landscape, people, grants);
  const lingering = target >= STRAGGLER_COUNT ? stragglers(context, landscape) : [];
  const room = target - lingering.length;
  for (let attempt = 0; grants.grants.length < room && attempt < room * 50; attempt++) {
    planner.oneResourceRole(prng.pick(landscape.environments));
  }

  const roleBindings = [...grants.grants.slice(0, room), ...lingering].map((grant): RoleBinding => {
    const id = ids.mixed('rb-', 5, 6);
    const created = randomMoment(prng, context, grant.notBeforeDay + 1, context.today - 1);
    return {
      api_version: 'iam/v2',
      kind: 'RoleBinding',
      id,
      metadata: {
        self: apiUrl(`/iam/v2/role-bindings/${id}`),
        resource_name: `${crn.organization(organizationId)}/role-binding=${id}`,
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
