import type { UsageDimension } from '../__generated__/resolvers-types.js';
import type { CostTable } from './cost-table.js';
import type { UsageResourceRecord } from './usage-line.js';
import type { UsageLines } from './usage-lines.js';

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

const VALUE_OF_DIMENSION: Record<UsageDimension, (table: CostTable, row: number) => string | null> = {
  WORKSPACE: (table, row) => table.workspaceId(row),
  PRODUCT: (table, row) => table.productId(row),
  LINE_TYPE: (table, row) => table.lineTypeId(row),
  RESOURCE: (table, row) => table.resourceId(row),
  DAY: (table, row) => table.startDate(row),
};

/** Values never hold this control character, so it stands for a dimension a line has no value for. */
const ABSENT = '\u0000';

interface Tally {
  group: UsageGroupRecord;
  /** The group's dimension values, for a stable order among groups of equal amounts. */
  values: string[];
}

/**
 * Usage lines grouped by the given dimensions (none: one group of everything), summed exactly.
 * Groups come largest amount first, ties in a stable order of their dimension values.
 */
export function summarize({ table, rows }: UsageLines, dimensions: readonly UsageDimension[]): UsageGroupRecord[] {
  const unique = [...new Set(dimensions)];
  const valuesOf = unique.map((dimension) => VALUE_OF_DIMENSION[dimension]);
  const has = (dimension: UsageDimension) => unique.includes(dimension);
  // One map per dimension, nested: no key is built per line.
  const root = new Map<string, unknown>();
  const tallies: Tally[] = [];
  for (const row of rows) {
    let level = root;
    let tally: Tally | undefined;
    for (let d = 0; d < valuesOf.length; d++) {
      const value = valuesOf[d]!(table, row) ?? ABSENT;
      const next = level.get(value);
      if (d < valuesOf.length - 1) {
        if (next) level = next as Map<string, unknown>;
        else level.set(value, (level = new Map()));
      } else tally = next as Tally | undefined;
    }
    if (valuesOf.length === 0) tally = tallies[0];
    if (!tally) {
      tally = { group: groupOf(table, row, has), values: valuesOf.map((valueOf) => valueOf(table, row) ?? ABSENT) };
      tallies.push(tally);
      if (valuesOf.length > 0) level.set(tally.values.at(-1)!, tally);
    }
    const { group } = tally;
    group.originalMicros += table.originalMicros(row);
    group.discountMicros += table.discountMicros(row);
    group.amountMicros += table.amountMicros(row);
    group.lineItemCount += 1;
  }
  return tallies.sort((a, b) => b.group.amountMicros - a.group.amountMicros || compareValues(a.values, b.values)).map(({ group }) => group);
}

function groupOf(table: CostTable, row: number, has: (dimension: UsageDimension) => boolean): UsageGroupRecord {
  return {
    workspaceId: has('WORKSPACE') ? table.workspaceId(row) : null,
    productId: has('PRODUCT') ? table.productId(row) : null,
    lineType: has('LINE_TYPE') ? table.lineTypeId(row) : null,
    resource: has('RESOURCE') ? table.resource(row) : null,
    day: has('DAY') ? table.startDate(row) : null,
    originalMicros: 0,
    discountMicros: 0,
    amountMicros: 0,
    lineItemCount: 0,
  };
}

function compareValues(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}
