import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import { productOf } from '../catalog/products.js';
import { ROLE_CATALOG } from '../catalog/roles.js';
import { paginate } from '../graphql/connections.js';
import { LISTS } from './lists.js';
import { workspaceConnection } from './workspace-connection.js';
import { accessFindingConnection } from './access-finding.js';
import { apiKeyConnection } from './api-key-connection.js';
import { API_KEY_ID } from './node.js';
import { trafficCoverage } from './traffic-coverage.js';
import { resolveNode } from './node.js';
import { PRODUCT_CODE } from './product.js';
import { roleByName } from './role.js';
import { roleBindingConnection } from './role-binding-connection.js';
import { productCodes, usageConnection, usageSummary } from './usage-fields.js';

export const Query: QueryResolvers = {
  node: (_, { id }, context) => resolveNode(id, context),
  organizations: (_, args, { loaders }) => paginate(args, LISTS.organizations, loaders.organizations.all),
  organization: (_, { id }, { loaders }) => (id ? loaders.organizations.byId.load(id) : loaders.organizations.current()),
  users: (_, { filter, ...args }, { loaders }) => paginate(args, LISTS.users, () => loaders.users.list(filter ?? {})),
  user: (_, { id }, { loaders }) => loaders.users.byId.load(id),
  roles: (_, args) => paginate(args, LISTS.roles, async () => ROLE_CATALOG),
  role: (_, { name }, context) => roleByName(name, context),
  roleBindings: (_, { filter, ...args }, context, info) =>
    roleBindingConnection(args, info, context, () => context.loaders.roleBindings.matching(filter ?? {})),
  workspaces: (_, args, context, info) => workspaceConnection(args, info, context),
  workspace: (_, { id }, { loaders }) => loaders.workspaces.byId.load(id),
  products: (_, { period, ...args }, context) => paginate(args, LISTS.products, () => productCodes(period, context)),
  product: (_, { id }) => (PRODUCT_CODE.test(id) ? productOf(id) : null),
  usage: (_, args, context) => usageConnection(args, {}, context),
  usageSummary: (_, args, context, info) => usageSummary(args, {}, context, info),
  apiKeys: (_, { filter, ...args }, context, info) =>
    apiKeyConnection(args, info, context, () => context.loaders.apiKeys.matching(filter ?? {})),
  apiKey: (_, { id }, { loaders }) => (API_KEY_ID.test(id) ? loaders.apiKeys.byId.load(id) : null),
  identityProviders: (_, args, { loaders }) => paginate(args, LISTS.identityProviders, loaders.identities.providers.all),
  identityPools: (_, args, { loaders }) => paginate(args, LISTS.identityPools, loaders.identities.allPools),
  groupMappings: (_, args, { loaders }) => paginate(args, LISTS.groupMappings, loaders.identities.groupMappings.all),
  accessFindings: (_, args, context) => accessFindingConnection(args, context),
  trafficCoverage: (_, { period }, context) => trafficCoverage(period, context),
};
