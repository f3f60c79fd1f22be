import type { UsageGroupResolvers, UsageResolvers, UsageResourceResolvers } from '../__generated__/resolvers-types.js';
import { toDollars } from '../usage/money.js';
import { resourceKindOf } from '../usage/usage-line.js';
import { billedWorkspace } from './usage-fields.js';

// Confluent marks product and line type optional; a line without one still has to be shown.
const UNSPECIFIED = 'UNSPECIFIED';

// Most fields of Usage are the usage line's own (id, quantity, unit, price, dates, resource…).
export const Usage: UsageResolvers = {
  product: (line) => ({ code: line.productId ?? UNSPECIFIED }),
  lineType: (line) => line.lineTypeId ?? UNSPECIFIED,
  amount: (line) => toDollars(line.amountMicros),
  originalAmount: (line) => toDollars(line.originalMicros),
  discountAmount: (line) => toDollars(line.discountMicros),
  workspace: (line, _, context) => billedWorkspace(line.workspaceId, context),
};

export const UsageResource: UsageResourceResolvers = {
  kind: (resource) => resourceKindOf(resource.id),
};

export const UsageGroup: UsageGroupResolvers = {
  workspace: (group, _, context) => billedWorkspace(group.workspaceId, context),
  product: (group) => (group.productId ? { code: group.productId } : null),
  amount: (group) => toDollars(group.amountMicros),
  originalAmount: (group) => toDollars(group.originalMicros),
  discountAmount: (group) => toDollars(group.discountMicros),
};
