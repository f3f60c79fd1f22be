// The usage and usageSummary fields that Query, Organization, Workspace and Product share: each
// narrows the same per-request cost lines with its own filter.
import type { UsageDimension, UsageFilter } from '../__generated__/resolvers-types.js';
import { productOf } from '../catalog/products.js';
import type { Context } from '../context.js';
import { GraphQLError } from 'graphql';
import { paginate, type ConnectionArgs } from '../graphql/connections.js';
import { ErrorCode } from '../graphql/errors.js';
import { checkPeriod, monthToDate, type Period } from '../usage/period.js';
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
  { loaders }: Context,
) {
  const period = checkPeriod(args.period);
  const groups = await loaders.costs.summary(period, args.groupBy ?? [], scope, args.filter ?? {});
  if (groups.length > MAX_SUMMARY_GROUPS) {
    const message = `Summary groups limit of ${MAX_SUMMARY_GROUPS} exceeded, found ${groups.length}: group by fewer dimensions, or filter or shorten the period.`;
    throw new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit: 'summaryGroups' } });
  }
  return groups;
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
