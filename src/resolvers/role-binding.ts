import type { RoleBindingResolvers, RoleBindingScopeResolvers } from '../__generated__/resolvers-types.js';
import { stripPrincipalPrefix } from '../confluent/crn.js';

export const RoleBinding: RoleBindingResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.roleBindings.byId.load(reference.id),
  // id, principalId, principalType, role and createdAt are the record's own (loaders/role-bindings.ts).
  // Identity pools and group mappings are not Users, and a deleted principal has no User left: null.
  principal: (record, _, { loaders }) => {
    const id = stripPrincipalPrefix(record.principal);
    const listed = loaders.users.peek(id);
    return listed !== undefined ? listed : loaders.users.byId.load(id);
  },
  scope: (record) => record,
};

export const RoleBindingScope: RoleBindingScopeResolvers = {
  // level, crnPattern, resourceType, resourceName and patternType are the record's own.
  organization: (record, _, { loaders }) =>
    record.scope.organizationId ? loaders.organizations.byId.load(record.scope.organizationId) : null,
  workspace: (record, _, { loaders }) =>
    record.scope.environmentId ? loaders.workspaces.byId.load(record.scope.environmentId) : null,
  cluster: (record, _, { loaders }) => {
    const { clusterId, environmentId } = record.scope;
    if (!clusterId) return null;
    return environmentId ? loaders.clusters.inWorkspace(environmentId, clusterId) : loaders.clusters.byId.load(clusterId);
  },
};
