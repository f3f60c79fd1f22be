import type { UsageGroupResolvers, UsageResolvers, UsageResourceResolvers } from '../__generated__/resolvers-types.js';
import { productOf } from '../catalog/products.js';
import { toDollars } from '../usage/money.js';
import { resourceKindOf } from '../usage/usage-line.js';
import { billedWorkspace } from './usage-fields.js';

// Every other field of Usage is a property of its node (usage-node.ts).
export const Usage: UsageResolvers = {
  workspace: (line, _, context) => billedWorkspace(line.workspaceId, context),
};

export const UsageResource: UsageResourceResolvers = {
  kind: (resource) => resourceKindOf(resource.id),
};

export const UsageGroup: UsageGroupResolvers = {
  workspace: (group, _, context) => billedWorkspace(group.workspaceId, context),
  product: (group) => (group.productId ? productOf(group.productId) : null),
  amount: (group) => toDollars(group.amountMicros),
  originalAmount: (group) => toDollars(group.originalMicros),
  discountAmount: (group) => toDollars(group.discountMicros),
};
