// The usage and usageSummary fields that Query, Organization, Workspace and Product share: each
// narrows the same per-request cost lines with its own filter.
import type { UsageDimension, UsageFilter } from '../__generated__/resolvers-types.js';
import { productOf } from '../catalog/products.js';
import type { Context } from '../context.js';
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { selects } from '../graphql/lookahead.js';
import { paginate, type ConnectionArgs } from '../graphql/connections.js';
import { ErrorCode } from '../graphql/errors.js';
import type { Allocation } from '../loaders/costs.js';
import { allocateLine, clusterDayTraffic } from '../usage/allocation.js';
import { checkPeriod, monthToDate, type Period } from '../usage/period.js';
import { wholeLine } from '../usage/summary.js';
import { LISTS } from './lists.js';

export interface PeriodInput {
  start: string;
  end: string;
}

export function usageConnection(
  args: ConnectionArgs & { period: PeriodInput; filter?: UsageFilter | null },
  scope: UsageFilter,
  { loaders }: Context,
) {
  const period = checkPeriod(args.period);
  return paginate(args, LISTS.usage, () => loaders.costs.matching(period, scope, args.filter ?? {}));
}

/** Groups a summary may have: a year by resource and day would otherwise be tens of thousands. */
export const MAX_SUMMARY_GROUPS = 10_000;

export async function usageSummary(
  args: { period: PeriodInput; groupBy?: readonly UsageDimension[] | null; filter?: UsageFilter | null },
  scope: UsageFilter,
  { loaders, mayRead }: Context,
  info: GraphQLResolveInfo,
) {
  const period = checkPeriod(args.period);
  const dimensions = args.groupBy ?? [];
  const allocation = dimensions.includes('PRINCIPAL') ? allocationByTraffic(loaders) : undefined;
  // The principals' listings start beside the cost lines, not after the groups are summed.
  if (allocation && mayRead('UsageGroup.user') && selects(info, 'user')) loaders.users.prefetchPrincipals();
  if (allocation && mayRead('UsageGroup.identityPool') && selects(info, 'identityPool')) loaders.identities.prefetchPools();
  const groups = await loaders.costs.summary(period, dimensions, [scope, args.filter ?? {}], allocation);
  if (groups.length > MAX_SUMMARY_GROUPS) {
    const message = `Summary groups limit of ${MAX_SUMMARY_GROUPS} exceeded, found ${groups.length}: group by fewer dimensions, or filter or shorten the period.`;
    throw new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'summaryGroups' } });
  }
  return groups;
}

/**
 * Shares out a window's lines by the traffic of the Kafka clusters they bill: the clusters are those
 * of the lines (deleted ones too), so no cluster listing is needed; the store answers the days it
 * holds and the Metrics API the rest.
 */
function allocationByTraffic(loaders: Context['loaders']): Allocation {
  return async (lines, period) => {
    const clusterIds = [...new Set(lines.flatMap((line) => (line.resourceId?.startsWith('lkc-') ? [line.resourceId] : [])))];
    if (clusterIds.length === 0) return wholeLine;
    const traffic = clusterDayTraffic((await loaders.traffic.dataOf(period, clusterIds)).rows);
    return (line) => allocateLine(line, traffic);
  };
}

/** Product codes billed in the period, largest amount first. */
export async function productCodes(periodInput: PeriodInput | null | undefined, { loaders }: Context) {
  const period: Period = periodInput ? checkPeriod(periodInput) : monthToDate();
  const groups = await loaders.costs.summary(period, ['PRODUCT']);
  return groups.flatMap((group) => (group.productId ? [productOf(group.productId)] : []));
}

/**
 * The workspace a cost line names. An environment deleted since it was billed still shows by id,
 * so its cost is not lost from a breakdown.
 */
export function billedWorkspace(workspaceId: string | null | undefined, { loaders }: Context) {
  if (!workspaceId) return null;
  const listed = loaders.workspaces.peek(workspaceId);
  if (listed !== undefined) return listed ?? { id: workspaceId };
  return loaders.workspaces.byId.load(workspaceId).then((workspace) => workspace ?? { id: workspaceId });
}
