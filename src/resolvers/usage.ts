import type { UsageGroupResolvers, UsageResolvers, UsageResourceResolvers } from '../__generated__/resolvers-types.js';
import { dayOfCostDate, resourceIdOf, resourceKindOf, workspaceIdOf } from '../usage/cost-line.js';
import { amountsOf, toDollars } from '../usage/money.js';
import { billedWorkspace } from './usage-fields.js';

// Confluent marks product and line type optional; a line without one still has to be shown.
const UNSPECIFIED = 'UNSPECIFIED';

export const Usage: UsageResolvers = {
  product: (line) => ({ code: line.product || UNSPECIFIED }),
  lineType: (line) => line.line_type || UNSPECIFIED,
  amount: (line) => toDollars(amountsOf(line).amount),
  originalAmount: (line) => toDollars(amountsOf(line).original),
  discountAmount: (line) => toDollars(amountsOf(line).discount),
  quantity: (line) => line.quantity ?? null,
  unit: (line) => line.unit ?? null,
  price: (line) => line.price ?? null,
  startDate: (line) => dayOfCostDate(line.start_date),
  endDate: (line) => dayOfCostDate(line.end_date),
  granularity: (line) => line.granularity ?? null,
  networkAccessType: (line) => line.network_access_type ?? null,
  description: (line) => line.description ?? null,
  resource: (line) => (resourceIdOf(line) ? line : null),
  workspace: (line, _, context) => billedWorkspace(workspaceIdOf(line), context),
};

export const UsageResource: UsageResourceResolvers = {
  id: (line) => resourceIdOf(line) ?? '',
  name: (line) => line.resource?.display_name ?? null,
  kind: (line) => resourceKindOf(resourceIdOf(line) ?? ''),
};

export const UsageGroup: UsageGroupResolvers = {
  workspace: (group, _, context) => billedWorkspace(group.workspaceId, context),
  product: (group) => (group.productId ? { code: group.productId } : null),
  resource: (group) => group.resourceLine,
  amount: (group) => toDollars(group.amountMicros),
  originalAmount: (group) => toDollars(group.originalMicros),
  discountAmount: (group) => toDollars(group.discountMicros),
};
