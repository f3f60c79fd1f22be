import type { UsageDimension } from '../__generated__/resolvers-types.js';
import type { Cost } from '../confluent/types.js';
import { dayOfCostDate, resourceIdOf, workspaceIdOf } from './cost-line.js';
import { amountsOf } from './money.js';

/** One group of a usage summary: the values of its dimensions and exact sums in micro-dollars. */
export interface UsageGroupRecord {
  workspaceId: string | null;
  productId: string | null;
  lineType: string | null;
  /** A line of the group, for the resource's id and name when grouped by RESOURCE. */
  resourceLine: Cost | null;
  day: string | null;
  originalMicros: number;
  discountMicros: number;
  amountMicros: number;
  lineItemCount: number;
}

const VALUE_OF_DIMENSION: Record<UsageDimension, (cost: Cost) => string | null> = {
  WORKSPACE: (cost) => workspaceIdOf(cost) ?? null,
  PRODUCT: (cost) => cost.product ?? null,
  LINE_TYPE: (cost) => cost.line_type ?? null,
  RESOURCE: (cost) => resourceIdOf(cost) ?? null,
  DAY: (cost) => dayOfCostDate(cost.start_date),
};

/**
 * Cost lines grouped by the given dimensions (none: one group of everything), summed exactly.
 * Groups come largest amount first, ties in a stable order of their dimension values.
 */
export function summarize(lines: readonly Cost[], dimensions: readonly UsageDimension[]): UsageGroupRecord[] {
  const unique = [...new Set(dimensions)];
  const groups = new Map<string, UsageGroupRecord>();
  for (const line of lines) {
    const values = unique.map((dimension) => VALUE_OF_DIMENSION[dimension](line));
    // Values never hold these control characters, so the key tells every combination apart.
    const key = values.map((value) => value ?? '\u0000').join('\u001f');
    let group = groups.get(key);
    if (!group) {
      const has = (dimension: UsageDimension) => unique.includes(dimension);
      group = {
        workspaceId: has('WORKSPACE') ? VALUE_OF_DIMENSION.WORKSPACE(line) : null,
        productId: has('PRODUCT') ? VALUE_OF_DIMENSION.PRODUCT(line) : null,
        lineType: has('LINE_TYPE') ? VALUE_OF_DIMENSION.LINE_TYPE(line) : null,
        resourceLine: has('RESOURCE') && resourceIdOf(line) ? line : null,
        day: has('DAY') ? VALUE_OF_DIMENSION.DAY(line) : null,
        originalMicros: 0,
        discountMicros: 0,
        amountMicros: 0,
        lineItemCount: 0,
      };
      groups.set(key, group);
    }
    const amounts = amountsOf(line);
    group.originalMicros += amounts.original;
    group.discountMicros += amounts.discount;
    group.amountMicros += amounts.amount;
    group.lineItemCount += 1;
  }
  return [...groups.entries()]
    .sort(([keyA, a], [keyB, b]) => b.amountMicros - a.amountMicros || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0))
    .map(([, group]) => group);
}
