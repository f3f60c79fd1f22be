// Where objects live. Objects name Confluent's own origin in `self` and `related`, as the real API
// does, so the data does not depend on the simulator's port. Only `metadata.next`, which clients
// follow, points at the simulator itself.

const CONFLUENT_API_ORIGIN = 'https://api.confluent.cloud';

export function apiUrl(path: string): string {
  return CONFLUENT_API_ORIGIN + path;
}

/** CRNs as Confluent writes them: `crn://confluent.cloud/` then `key=value` segments, parent first. */
export const crn = {
  organization: (orgId: string) => `crn://confluent.cloud/organization=${orgId}`,
  environment: (orgId: string, envId: string) => `${crn.organization(orgId)}/environment=${envId}`,
  /** The RBAC scope of a Kafka cluster: no `/kafka=` suffix. */
  clusterScope: (orgId: string, envId: string, clusterId: string) => `${crn.environment(orgId, envId)}/cloud-cluster=${clusterId}`,
  /** The `resource_name` of the cluster object itself. */
  kafkaCluster: (orgId: string, envId: string, clusterId: string) => `${crn.clusterScope(orgId, envId, clusterId)}/kafka=${clusterId}`,
  user: (orgId: string, userId: string) => `${crn.organization(orgId)}/user=${userId}`,
  serviceAccount: (orgId: string, serviceAccountId: string) => `${crn.organization(orgId)}/service-account=${serviceAccountId}`,
};
