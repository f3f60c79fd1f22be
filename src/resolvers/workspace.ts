import type { WorkspaceResolvers } from '../__generated__/resolvers-types.js';
import { paginate } from '../graphql/connections.js';
import { LISTS } from './lists.js';
import { apiKeyConnection } from './api-key-connection.js';
import { roleBindingConnection } from './role-binding-connection.js';
import { usageConnection, usageSummary } from './usage-fields.js';

export const Workspace: WorkspaceResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.workspaces.byId.load(reference.id),
  name: (environment) => environment.display_name ?? environment.id,
  createdAt: (environment) => environment.metadata?.created_at ?? null,
  updatedAt: (environment) => environment.metadata?.updated_at ?? null,
  streamGovernancePackage: (environment) => environment.stream_governance_config?.package ?? null,
  organization: (_, __, { loaders }) => loaders.organizations.current(),
  clusters: (environment, args, { loaders }) => paginate(args, LISTS.clusters, () => loaders.clusters.ofWorkspace.load(environment.id)),
  roleBindings: (environment, args, context, info) =>
    roleBindingConnection(args, info, context, () => context.loaders.roleBindings.ofWorkspace(environment.id)),
  effectiveRoleBindings: (environment, args, context, info) =>
    roleBindingConnection(args, info, context, () => context.loaders.roleBindings.effectiveAt({ workspaceId: environment.id })),
  apiKeys: (environment, args, context, info) =>
    apiKeyConnection(args, info, context, () => context.loaders.apiKeys.matching({ workspaceId: environment.id })),
  usage: (environment, args, context) => usageConnection(args, { workspaceId: environment.id }, context),
  usageSummary: (environment, args, context, info) => usageSummary(args, { workspaceId: environment.id }, context, info),
};
