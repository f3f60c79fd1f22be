// The usage and usageSummary fields that Query, Organization, Workspace and Product share: each
// narrows the same per-request cost lines with its own filter.
import type { UsageDimension, UsageFilter } from '../__generated__/resolvers-types.js';
import { productOf } from '../catalog/products.js';
import type { Context } from '../context.js';
import { paginate, type ConnectionArgs } from '../graphql/connections.js';
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

export async function usageSummary(
  args: { period: PeriodInput; groupBy?: readonly UsageDimension[] | null; filter?: UsageFilter | null },
  scope: UsageFilter,
  { loaders }: Context,
) {
  const period = checkPeriod(args.period);
  return loaders.costs.summary(period, args.groupBy ?? [], scope, args.filter ?? {});
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
