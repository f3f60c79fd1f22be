import type { UserResolvers } from '../__generated__/resolvers-types.js';
import { principalActivity } from './activity.js';
import { apiKeyConnection } from './api-key-connection.js';
import { roleBindingConnection } from './role-binding-connection.js';

export const User: UserResolvers = {
  __resolveReference: (reference, { loaders }) => {
    if ('id' in reference && reference.id) return loaders.users.byId.load(reference.id);
    if ('email' in reference && reference.email) return loaders.users.byEmail.load(reference.email);
    return null;
  },
  // id and type are the directory entry's own (loaders/users.ts).
  name: (user) => (user.type === 'HUMAN' ? user.person.full_name || user.person.email || user.id : user.account.display_name || user.id),
  email: (user) => (user.type === 'HUMAN' ? (user.person.email ?? null) : null),
  description: (user) => (user.type === 'SERVICE_ACCOUNT' ? (user.account.description ?? null) : null),
  authType: (user) => (user.type === 'HUMAN' ? (user.person.auth_type ?? null) : null),
  createdAt: (user) => (user.type === 'HUMAN' ? user.person : user.account).metadata?.created_at ?? null,
  updatedAt: (user) => (user.type === 'HUMAN' ? user.person : user.account).metadata?.updated_at ?? null,
  status: async (user, _, { loaders }) => (user.type === 'HUMAN' && (await loaders.users.isInvited(user.id)) ? 'INVITED' : 'ACTIVE'),
  organization: (_, __, { loaders }) => loaders.organizations.current(),
  roleBindings: (user, args, context, info) =>
    roleBindingConnection(args, info, context, () => context.loaders.roleBindings.ofPrincipal(`User:${user.id}`)),
  apiKeys: (user, args, context, info) => apiKeyConnection(args, info, context, () => context.loaders.apiKeys.ofOwner(user.id)),
  activity: (user, { period }, context) => principalActivity(user.id, period, context),
};
