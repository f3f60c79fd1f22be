import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import type { ApiKey } from '../confluent/types.js';
import { paginate, type ConnectionArgs } from '../graphql/connections.js';
import { connectionNodesSelect } from '../graphql/lookahead.js';
import { LISTS } from './lists.js';

/** A page of API keys; when it shows owners, their listings start beside the key listing. */
export function apiKeyConnection(
  args: ConnectionArgs,
  info: GraphQLResolveInfo,
  { loaders, mayRead }: Context,
  load: () => Promise<readonly ApiKey[]>,
) {
  const connection = paginate(args, LISTS.apiKeys, load);
  if (mayRead('ApiKey.owner') && connectionNodesSelect(info, 'owner')) loaders.users.prefetchPrincipals();
  return connection;
}
