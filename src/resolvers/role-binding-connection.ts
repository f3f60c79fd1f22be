import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { paginate, type ConnectionArgs } from '../graphql/connections.js';
import { connectionNodesSelect } from '../graphql/lookahead.js';
import type { RoleBindingRecord } from '../loaders/role-bindings.js';
import { LISTS } from './lists.js';

/**
 * A page of role bindings. When the page will show each binding's principal, the people and
 * service-account listings start now, beside the binding listing, rather than after it.
 */
export function roleBindingConnection(
  args: ConnectionArgs,
  info: GraphQLResolveInfo,
  { loaders, mayRead }: Context,
  load: () => Promise<readonly RoleBindingRecord[]>,
) {
  const connection = paginate(args, LISTS.roleBindings, load);
  if (mayRead('RoleBinding.principal') && connectionNodesSelect(info, 'principal')) loaders.users.prefetchPrincipals();
  return connection;
}
