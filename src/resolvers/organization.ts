import type { OrganizationResolvers } from '../__generated__/resolvers-types.js';
import { paginate } from '../graphql/connections.js';
import { LISTS } from './lists.js';
import { workspaceConnection } from './workspace-connection.js';
import { roleBindingConnection } from './role-binding-connection.js';
import { usageSummary } from './usage-fields.js';

// A Cloud API key sees one organization, so its lists are the lists of the whole key.
export const Organization: OrganizationResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.organizations.byId.load(reference.id),
  name: (org) => org.display_name ?? org.id,
  jitEnabled: (org) => org.jit_enabled ?? null,
  createdAt: (org) => org.metadata?.created_at ?? null,
  updatedAt: (org) => org.metadata?.updated_at ?? null,
  workspaces: (_, args, context, info) => workspaceConnection(args, info, context),
  users: (_, { filter, ...args }, { loaders }) => paginate(args, LISTS.users, () => loaders.users.list(filter ?? {})),
  roleBindings: (_, { filter, ...args }, context, info) =>
    roleBindingConnection(args, info, context, () => context.loaders.roleBindings.matching(filter ?? {})),
  usageSummary: (_, args, context, info) => usageSummary(args, {}, context, info),
};
