import type { RoleResolvers } from '../__generated__/resolvers-types.js';
import { findRole, roleFromUnknownName, type RoleDefinition } from '../catalog/roles.js';
import type { Context } from '../context.js';
import { roleBindingConnection } from './role-binding-connection.js';

/** A role of the catalog, or a role name the catalog does not know but some binding uses. */
export async function roleByName(name: string, { loaders }: Context): Promise<RoleDefinition | null> {
  const known = findRole(name);
  if (known) return known;
  return (await loaders.roleBindings.ofRole(name)).length > 0 ? roleFromUnknownName(name) : null;
}

export const Role: RoleResolvers = {
  __resolveReference: (reference, context) => roleByName(reference.id, context),
  id: (role) => role.name,
  roleBindings: (role, args, context, info) =>
    roleBindingConnection(args, info, context, () => context.loaders.roleBindings.ofRole(role.name)),
};
