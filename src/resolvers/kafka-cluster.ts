import type { KafkaClusterResolvers } from '../__generated__/resolvers-types.js';
import { apiKeyConnection } from './api-key-connection.js';
import { roleBindingConnection } from './role-binding-connection.js';

export const KafkaCluster: KafkaClusterResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.clusters.byId.load(reference.id),
  name: (cluster) => cluster.spec?.display_name ?? cluster.id,
  cloud: (cluster) => cluster.spec?.cloud ?? null,
  region: (cluster) => cluster.spec?.region ?? null,
  availability: (cluster) => cluster.spec?.availability ?? null,
  kind: (cluster) => cluster.spec?.config?.kind ?? null,
  phase: (cluster) => cluster.status?.phase ?? null,
  createdAt: (cluster) => cluster.metadata?.created_at ?? null,
  workspace: (cluster, _, { loaders }) => {
    const environmentId = cluster.spec?.environment?.id;
    return environmentId ? loaders.workspaces.byId.load(environmentId) : null;
  },
  roleBindings: (cluster, args, context, info) =>
    roleBindingConnection(args, info, context, () => context.loaders.roleBindings.ofCluster(cluster.id)),
  effectiveRoleBindings: (cluster, args, context, info) =>
    roleBindingConnection(args, info, context, () =>
      context.loaders.roleBindings.effectiveAt({ workspaceId: cluster.spec?.environment?.id, clusterId: cluster.id }),
    ),
  apiKeys: (cluster, args, context, info) => apiKeyConnection(args, info, context, () => context.loaders.apiKeys.ofResource(cluster.id)),
};
