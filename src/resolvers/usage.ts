import type { UsageGroupResolvers, UsageResolvers, UsageResourceResolvers } from '../__generated__/resolvers-types.js';
import { productOf } from '../catalog/products.js';
import { toDollars } from '../usage/money.js';
import { resourceKindOf } from '../usage/usage-line.js';
import { directoryUserOf, identityPoolOf } from './principal-lookup.js';
import { billedWorkspace } from './usage-fields.js';

// Confluent marks product and line type optional; a line without one still has to be shown.
const UNSPECIFIED = 'UNSPECIFIED';

// id, quantity, unit, price, startDate, endDate, granularity, networkAccessType and description
// are the line's own (confluent/cost-lines.ts).
export const Usage: UsageResolvers = {
  product: (line) => productOf(line.product ?? UNSPECIFIED),
  lineType: (line) => line.lineType ?? UNSPECIFIED,
  cost: (line) => line.amountMicros,
  listCost: (line) => line.originalMicros,
  discount: (line) => line.discountMicros,
  amount: (line) => toDollars(line.amountMicros),
  originalAmount: (line) => toDollars(line.originalMicros),
  discountAmount: (line) => toDollars(line.discountMicros),
  resource: (line) => (line.resourceId ? { id: line.resourceId, name: line.resourceName } : null),
  workspace: (line, _, context) => billedWorkspace(line.workspaceId, context),
};

export const UsageResource: UsageResourceResolvers = {
  kind: (resource) => resourceKindOf(resource.id),
};

export const UsageGroup: UsageGroupResolvers = {
  workspace: (group, _, context) => billedWorkspace(group.workspaceId, context),
  product: (group) => (group.productId ? productOf(group.productId) : null),
  resource: (group) => (group.resourceId ? { id: group.resourceId, name: group.resourceName } : null),
  user: (group, _, context) => (group.principalId ? directoryUserOf(group.principalId, context) : null),
  identityPool: (group, _, context) => (group.principalId ? identityPoolOf(group.principalId, context) : null),
  cost: (group) => group.amountMicros,
  listCost: (group) => group.originalMicros,
  discount: (group) => group.discountMicros,
  amount: (group) => toDollars(group.amountMicros),
  originalAmount: (group) => toDollars(group.originalMicros),
  discountAmount: (group) => toDollars(group.discountMicros),
};
