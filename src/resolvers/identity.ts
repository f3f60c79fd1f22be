import type { GroupMappingResolvers, IdentityPoolResolvers, IdentityProviderResolvers } from '../__generated__/resolvers-types.js';
import { paginate } from '../graphql/connections.js';
import { principalActivity } from './activity.js';
import { LISTS } from './lists.js';
import { roleBindingConnection } from './role-binding-connection.js';

export const IdentityProvider: IdentityProviderResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.identities.providers.byId.load(reference.id),
  name: (provider) => provider.display_name || provider.id,
  description: (provider) => provider.description ?? null,
  issuer: (provider) => provider.issuer ?? null,
  jwksUri: (provider) => provider.jwks_uri ?? null,
  state: (provider) => provider.state ?? null,
  createdAt: (provider) => provider.metadata?.created_at ?? null,
  identityPools: (provider, args, { loaders }) =>
    paginate(args, LISTS.identityPools, () => loaders.identities.poolsOfProvider.load(provider.id)),
};

export const IdentityPool: IdentityPoolResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.identities.poolById(reference.id),
  id: ({ pool }) => pool.id,
  name: ({ pool }) => pool.display_name || pool.id,
  description: ({ pool }) => pool.description ?? null,
  identityClaim: ({ pool }) => pool.identity_claim ?? null,
  filter: ({ pool }) => pool.filter ?? null,
  state: ({ pool }) => pool.state ?? null,
  createdAt: ({ pool }) => pool.metadata?.created_at ?? null,
  identityProvider: ({ providerId }, _, { loaders }) => loaders.identities.providers.byId.load(providerId),
  roleBindings: ({ pool }, args, context, info) =>
    roleBindingConnection(args, info, context, () => context.loaders.roleBindings.ofPrincipal(`User:${pool.id}`)),
  activity: ({ pool }, { period }, context) => principalActivity(pool.id, period, context),
};

export const GroupMapping: GroupMappingResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.identities.groupMappings.byId.load(reference.id),
  name: (mapping) => mapping.display_name || mapping.id,
  description: (mapping) => mapping.description ?? null,
  filter: (mapping) => mapping.filter ?? null,
  state: (mapping) => mapping.state ?? null,
  createdAt: (mapping) => mapping.metadata?.created_at ?? null,
  roleBindings: (mapping, args, context, info) =>
    roleBindingConnection(args, info, context, () => context.loaders.roleBindings.ofPrincipal(`User:${mapping.id}`)),
};
