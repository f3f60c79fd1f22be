import type { UserResolvers } from '../__generated__/resolvers-types.js';
import { roleBindingConnection } from './role-binding-connection.js';

export const User: UserResolvers = {
  __resolveReference: (reference, { loaders }) => {
    if ('id' in reference && reference.id) return loaders.users.byId.load(reference.id);
    if ('email' in reference && reference.email) return loaders.users.byEmail.load(reference.email);
    return null;
  },
  // id, type, name, email, description, authType, createdAt and updatedAt are the user's own (directory-user.ts).
  status: async (user, _, { loaders }) =>
    user.type === 'HUMAN' && (await loaders.users.isInvited(user.person.id)) ? 'INVITED' : 'ACTIVE',
  organization: (_, __, { loaders }) => loaders.organizations.current(),
  roleBindings: (user, args, context, info) =>
    roleBindingConnection(args, info, context, () => context.loaders.roleBindings.ofPrincipal(`User:${user.id}`)),
};
