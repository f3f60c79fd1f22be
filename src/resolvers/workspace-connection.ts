// A page of workspaces, and the reads its fields will need, started beside the workspace listing
// instead of after it: the cost lines of each period its usage fields ask for, and the role bindings (with
// their principals) it shows. They are the longest chains of upstream calls in a wide query, and
// none of them needs the workspaces to start.
import { getArgumentValues, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { paginate, type ConnectionArgs } from '../graphql/connections.js';
import { isIncluded, selectedOnNodes } from '../graphql/lookahead.js';
import { checkPeriod } from '../usage/period.js';
import { LISTS } from './lists.js';
import type { PeriodInput } from './usage-fields.js';

const USAGE_FIELDS = ['usage', 'usageSummary'] as const;

export function workspaceConnection(args: ConnectionArgs, info: GraphQLResolveInfo, context: Context) {
  const connection = paginate(args, LISTS.workspaces, context.loaders.workspaces.all);
  prefetchForWorkspaces(info, context);
  return connection;
}

function prefetchForWorkspaces(info: GraphQLResolveInfo, { loaders, mayRead }: Context): void {
  const { schema, fragments, variableValues } = info;
  // Only fields the caller may read: the others fail before they read anything.
  const selected = (connection: GraphQLResolveInfo['fieldNodes'], name: string, path: string) =>
    mayRead(path) ? selectedOnNodes(connection, fragments, name).filter((field) => isIncluded(field, variableValues)) : [];
  const workspaceFields = (schema.getType('Workspace') as GraphQLObjectType).getFields();
  for (const name of USAGE_FIELDS) {
    for (const field of selected(info.fieldNodes, name, `Workspace.${name}`)) {
      try {
        const { period } = getArgumentValues(workspaceFields[name]!, field, variableValues) as { period: PeriodInput };
        loaders.costs.prefetch(checkPeriod(period));
      } catch {
        // A bad period is the field's own error to report.
      }
    }
  }
  const roleBindings = selected(info.fieldNodes, 'roleBindings', 'Workspace.roleBindings');
  if (roleBindings.length > 0) loaders.roleBindings.prefetch();
  if (selected(roleBindings, 'principal', 'RoleBinding.principal').length > 0) loaders.users.prefetchPrincipals();
}
