// API keys: Cloud keys for automation and a few people, Kafka keys for workloads on the clusters
// they hold roles on, some forgotten keys of idle service accounts, and a few keys whose owner is
// gone. The secret is never listed: Confluent shows it once, when the key is created.
import type { ApiKey, EnvScopedObjectReference, GlobalObjectReference, ServiceAccount, User } from '../../confluent/types.js';
import { dayOf } from '../../calendar.js';
import { apiUrl, crn } from '../urls.js';
import { randomMoment, sortByCreation, type SeedContext } from './context.js';
import type { ClusterPlan, Landscape } from './landscape.js';
import { DOMAINS, FIRST_NAMES, LAST_NAMES, WORKLOADS } from './names.js';

/** What Confluent puts in `spec.resource` of a Cloud key: plain words, not URLs. */
const CLOUD_RESOURCE: EnvScopedObjectReference = {
  id: 'cloud',
  related: 'cloud',
  resource_name: 'cloud',
  api_version: 'iam/v2',
  kind: 'Cloud',
};
const AUTOMATION_ACCOUNTS = new Set(['ci-deployer', 'terraform-runner', 'monitoring-exporter', 'datadog-integration', 'cost-reporter']);
const PERSONAL_CLOUD_KEY = 'Personal key for the Confluent CLI and Terraform';
const PERSONAL_KAFKA_KEY = 'Personal key for debugging with kcat';

function clusterResource(plan: ClusterPlan): EnvScopedObjectReference {
  const cluster = plan.cluster;
  return {
    id: cluster.id,
    environment: cluster.spec?.environment?.id ?? '',
    related: apiUrl(`/cmk/v2/clusters/${cluster.id}`),
    resource_name: cluster.metadata?.resource_name ?? '',
    api_version: 'cmk/v2',
    kind: 'Cluster',
  };
}

/**
 * The service account of a retired workload and a person who left. Deleting a principal deletes its
 * keys, yet, like the bindings that outlive their principal (bindings.ts), a few keys still name an
 * owner that no longer exists: what an access review is there to catch.
 */
function departedOwners(context: SeedContext, landscape: Landscape): { serviceAccount: ServiceAccount; user: User } {
  const { prng, ids } = context.stream('departed-key-owners');
  const organizationId = landscape.organization.id;
  const created = () => randomMoment(prng, context, landscape.organizationCreatedDay + 30, context.today - 180).at;
  const accountId = ids.lower('sa-', 6, 6);
  const userId = ids.lower('u-', 6, 6);
  return {
    serviceAccount: {
      kind: 'ServiceAccount',
      id: accountId,
      metadata: { resource_name: crn.serviceAccount(organizationId, accountId), created_at: created() },
      display_name: `${prng.pick(DOMAINS)}-${prng.pick(WORKLOADS).suffix}-legacy`,
    },
    user: {
      kind: 'User',
      id: userId,
      metadata: { resource_name: crn.user(organizationId, userId), created_at: created() },
      full_name: `${prng.pick(FIRST_NAMES)} ${prng.pick(LAST_NAMES)}`,
    },
  };
}

export function buildApiKeys(
  context: SeedContext,
  landscape: Landscape,
  owners: { users: User[]; serviceAccounts: ServiceAccount[] },
  clusterIdsByPrincipal: Map<string, Set<string>>,
): ApiKey[] {
  const { prng, ids } = context.stream('api-keys');
  const organizationId = landscape.organization.id;
  const clusters = landscape.environments.flatMap((plan) => plan.clusters);
  const clustersById = new Map(clusters.map((plan) => [plan.cluster.id, plan]));
  const keys: ApiKey[] = [];

  const issue = (owner: User | ServiceAccount, cluster: ClusterPlan | undefined, description: string) => {
    const isServiceAccount = owner.kind === 'ServiceAccount';
    const ownerName = isServiceAccount ? (owner as ServiceAccount).display_name : (owner as User).full_name;
    const ownerReference: GlobalObjectReference = {
      id: owner.id,
      related: apiUrl(`/iam/v2/${isServiceAccount ? 'service-accounts' : 'users'}/${owner.id}`),
      resource_name: owner.metadata?.resource_name ?? '',
      api_version: 'iam/v2',
      kind: isServiceAccount ? 'ServiceAccount' : 'User',
    };
    const id = ids.apiKey();
    const ownerSegment = `${isServiceAccount ? 'service-account' : 'user'}=${owner.id}`;
    const notBefore = Math.max(dayOf(owner.metadata?.created_at ?? ''), cluster?.createdDay ?? 0);
    const created = randomMoment(prng, context, notBefore + 1, context.today - 1);
    keys.push({
      api_version: 'iam/v2',
      kind: 'ApiKey',
      id,
      metadata: {
        self: apiUrl(`/iam/v2/api-keys/${id}`),
        resource_name: `crn://api.confluent.cloud/organization=${organizationId}/${ownerSegment}/api-key=${id}`,
        created_at: created.at,
        updated_at: created.at,
      },
      spec: {
        display_name: cluster ? `${ownerName} on ${cluster.cluster.spec?.display_name}` : `${ownerName} cloud key`,
        description,
        owner: ownerReference,
        resource: cluster ? clusterResource(cluster) : CLOUD_RESOURCE,
      },
    });
  };

  for (const account of owners.serviceAccounts) {
    const name = account.display_name ?? '';
    if (AUTOMATION_ACCOUNTS.has(name)) {
      issue(account, undefined, `Used by ${name} against the management APIs`);
      continue;
    }
    const boundClusters = [...(clusterIdsByPrincipal.get(account.id) ?? [])].flatMap((id) => clustersById.get(id) ?? []);
    if (boundClusters.length === 0) {
      // No role on any cluster, yet a Kafka key: what access reviews are meant to find.
      if (prng.chance(0.4)) issue(account, prng.pick(clusters), 'Created for a migration; owner unknown');
      continue;
    }
    const keyCount = prng.chance(0.75) ? (prng.chance(0.2) ? 2 : 1) : 0;
    for (const cluster of prng.sample(boundClusters, keyCount)) issue(account, cluster, `Client credentials of ${name}`);
  }
  for (const user of owners.users) {
    const draw = prng.next();
    if (draw < 0.1) issue(user, undefined, PERSONAL_CLOUD_KEY);
    else if (draw < 0.16) issue(user, prng.pick(clusters), PERSONAL_KAFKA_KEY);
  }
  const departed = departedOwners(context, landscape);
  issue(departed.serviceAccount, prng.pick(clusters), `Client credentials of ${departed.serviceAccount.display_name}`);
  issue(departed.user, undefined, PERSONAL_CLOUD_KEY);
  issue(departed.user, prng.pick(clusters), PERSONAL_KAFKA_KEY);
  return sortByCreation(keys);
}
