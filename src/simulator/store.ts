// The live store the server answers from. Tests read it to compute expected responses and may
// change it; every request sees its current state.
import type {
  ApiKey,
  Cost,
  Environment,
  GroupMapping,
  IdentityPool,
  IdentityProvider,
  Invitation,
  KafkaCluster,
  Organization,
  RoleBinding,
  ServiceAccount,
  User,
} from '../confluent/types.js';
import { crnQueryMatches } from './crn-match.js';
import type { TrafficSeries } from './traffic.js';

/** Served as stored: links (`metadata.self`, `related`) name https://api.confluent.cloud, as Confluent's do. */
export interface SimulatorData {
  /** A Cloud API key belongs to exactly one organization and sees only that one. */
  organization: Organization;
  environments: Environment[];
  clusters: KafkaCluster[];
  users: User[];
  serviceAccounts: ServiceAccount[];
  invitations: Invitation[];
  identityProviders: IdentityProvider[];
  /** Pools by the id of the identity provider they belong to. */
  identityPools: Record<string, IdentityPool[]>;
  groupMappings: GroupMapping[];
  /** Includes stragglers whose principal no longer exists, as Confluent's eventual consistency shows. */
  roleBindings: RoleBinding[];
  apiKeys: ApiKey[];
  /** Daily cost lines, in date order. */
  costs: Cost[];
  /** Daily Kafka traffic per cluster and principal over the cost history; read it with readTraffic. */
  traffic: TrafficSeries[];
}

function removeWhere<T>(items: T[], doomed: (item: T) => boolean): number {
  let kept = 0;
  for (const item of items) if (!doomed(item)) items[kept++] = item;
  const removed = items.length - kept;
  items.length = kept;
  return removed;
}

/** Like Confluent, deleting a principal also deletes its API keys and role bindings. */
function removePrincipalGrants(data: SimulatorData, principalId: string): void {
  removeWhere(data.apiKeys, (key) => key.spec?.owner?.id === principalId);
  removeWhere(data.roleBindings, (binding) => binding.principal === `User:${principalId}`);
}

/** Returns false when no such user exists. */
export function deleteUser(data: SimulatorData, userId: string): boolean {
  if (removeWhere(data.users, (user) => user.id === userId) === 0) return false;
  removePrincipalGrants(data, userId);
  return true;
}

/** Returns false when no such service account exists. */
export function deleteServiceAccount(data: SimulatorData, serviceAccountId: string): boolean {
  if (removeWhere(data.serviceAccounts, (account) => account.id === serviceAccountId) === 0) return false;
  removePrincipalGrants(data, serviceAccountId);
  return true;
}

/**
 * Deleting an environment deletes what lives in it: its clusters, the API keys of those clusters
 * and the role bindings at or below its CRN. Cost history stays.
 */
export function deleteEnvironment(data: SimulatorData, environmentId: string): boolean {
  const environment = data.environments.find((candidate) => candidate.id === environmentId);
  if (!environment) return false;
  removeWhere(data.environments, (candidate) => candidate === environment);
  const clusterIds = new Set(
    data.clusters.filter((cluster) => cluster.spec?.environment?.id === environmentId).map((cluster) => cluster.id),
  );
  removeWhere(data.clusters, (cluster) => clusterIds.has(cluster.id));
  removeWhere(data.apiKeys, (key) => clusterIds.has(key.spec?.resource?.id ?? ''));
  const nestedScopes = `${environment.metadata?.resource_name ?? ''}/*`;
  removeWhere(data.roleBindings, (binding) => crnQueryMatches(nestedScopes, binding.crn_pattern ?? ''));
  return true;
}
