import type { UsageDimension } from '../__generated__/resolvers-types.js';
import type { UsageLine, UsageResourceRecord } from './usage-line.js';

/** One group of a usage summary: the values of its dimensions and exact sums in micro-dollars. */
export interface UsageGroupRecord {
  workspaceId: string | null;
  productId: string | null;
  lineType: string | null;
  /** The resource, when grouped by RESOURCE and the lines have one. */
  resource: UsageResourceRecord | null;
  day: string | null;
  originalMicros: number;
  discountMicros: number;
  amountMicros: number;
  lineItemCount: number;
}

const VALUE_OF_DIMENSION: Record<UsageDimension, (line: UsageLine) => string | null> = {
  WORKSPACE: (line) => line.workspaceId,
  PRODUCT: (line) => line.productId,
  LINE_TYPE: (line) => line.lineTypeId,
  RESOURCE: (line) => line.resource?.id ?? null,
  DAY: (line) => line.startDate,
};

/** Values never hold these control characters, so a key tells every combination apart. */
const ABSENT = '\u0000';
const SEPARATOR = '\u001f';

/**
 * Usage lines grouped by the given dimensions (none: one group of everything), summed exactly.
 * Groups come largest amount first, ties in a stable order of their dimension values.
 */
export function summarize(lines: readonly UsageLine[], dimensions: readonly UsageDimension[]): UsageGroupRecord[] {
  const unique = [...new Set(dimensions)];
  const values = unique.map((dimension) => VALUE_OF_DIMENSION[dimension]);
  const has = (dimension: UsageDimension) => unique.includes(dimension);
  const groups = new Map<string, UsageGroupRecord>();
  for (const line of lines) {
    let key = '';
    for (const value of values) key += (value(line) ?? ABSENT) + SEPARATOR;
    let group = groups.get(key);
    if (!group) {
      group = {
        workspaceId: has('WORKSPACE') ? line.workspaceId : null,
        productId: has('PRODUCT') ? line.productId : null,
        lineType: has('LINE_TYPE') ? line.lineTypeId : null,
        resource: has('RESOURCE') ? line.resource : null,
        day: has('DAY') ? line.startDate : null,
        originalMicros: 0,
        discountMicros: 0,
        amountMicros: 0,
        lineItemCount: 0,
      };
      groups.set(key, group);
    }
    group.originalMicros += line.originalMicros;
    group.discountMicros += line.discountMicros;
    group.amountMicros += line.amountMicros;
    group.lineItemCount += 1;
  }
  return [...groups.entries()]
    .sort(([keyA, a], [keyB, b]) => b.amountMicros - a.amountMicros || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0))
    .map(([, group]) => group);
}
