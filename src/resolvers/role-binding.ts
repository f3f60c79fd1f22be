import type { RoleBindingResolvers, RoleBindingScopeResolvers } from '../__generated__/resolvers-types.js';
import { findRole, roleFromUnknownName } from '../catalog/roles.js';
import { principalTypeOf } from '../confluent/crn.js';
import { directoryUserOf, groupMappingOf, identityPoolOf } from './principal-lookup.js';

export const RoleBinding: RoleBindingResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.roleBindings.byId.load(reference.id),
  id: (record) => record.binding.id,
  principalId: (record) => record.binding.principal ?? '',
  principalType: (record) => principalTypeOf(record.principal),
  // Identity pools and group mappings are not Users, and a deleted principal has no User left: null.
  principal: (record, _, context) => directoryUserOf(record.principal, context),
  identityPool: (record, _, context) => identityPoolOf(record.principal, context),
  groupMapping: (record, _, context) => groupMappingOf(record.principal, context),
  role: (record) => {
    const name = record.binding.role_name ?? '';
    return findRole(name) ?? roleFromUnknownName(name);
  },
  scope: (record) => record,
  createdAt: (record) => record.binding.metadata?.created_at ?? null,
};

export const RoleBindingScope: RoleBindingScopeResolvers = {
  level: (record) => record.scope.scopeLevel,
  crnPattern: (record) => record.binding.crn_pattern ?? '',
  resourceType: (record) => record.scope.resourceType ?? null,
  resourceName: (record) => record.scope.resourceName ?? null,
  patternType: (record) => record.scope.patternType,
  organization: (record, _, { loaders }) =>
    record.scope.organizationId ? loaders.organizations.byId.load(record.scope.organizationId) : null,
  workspace: (record, _, { loaders }) => (record.scope.environmentId ? loaders.workspaces.byId.load(record.scope.environmentId) : null),
  cluster: (record, _, { loaders }) => {
    const { clusterId, environmentId } = record.scope;
    if (!clusterId) return null;
    return environmentId ? loaders.clusters.inWorkspace(environmentId, clusterId) : loaders.clusters.byId.load(clusterId);
  },
};
