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
export function summarize(lines: readonly UsageLine[], dimensions: readonly UsageDimension[]): UsageGroupRecord[] {
  const unique = [...new Set(dimensions)];
  const valuesOf = unique.map((dimension) => VALUE_OF_DIMENSION[dimension]);
  const has = (dimension: UsageDimension) => unique.includes(dimension);
  // One map per dimension, nested: no key is built per line.
  const root = new Map<string, unknown>();
  const tallies: Tally[] = [];
  for (const line of lines) {
    let level = root;
    let tally: Tally | undefined;
    for (let d = 0; d < valuesOf.length; d++) {
      const value = valuesOf[d]!(line) ?? ABSENT;
      const next = level.get(value);
      if (d < valuesOf.length - 1) {
        if (next) level = next as Map<string, unknown>;
        else level.set(value, (level = new Map()));
      } else tally = next as Tally | undefined;
    }
    if (valuesOf.length === 0) tally = tallies[0];
    if (!tally) {
      tally = { group: groupOf(line, has), values: valuesOf.map((valueOf) => valueOf(line) ?? ABSENT) };
      tallies.push(tally);
      if (valuesOf.length > 0) level.set(tally.values.at(-1)!, tally);
    }
    const { group } = tally;
    group.originalMicros += line.originalMicros;
    group.discountMicros += line.discountMicros;
    group.amountMicros += line.amountMicros;
    group.lineItemCount += 1;
  }
  return tallies.sort((a, b) => b.group.amountMicros - a.group.amountMicros || compareValues(a.values, b.values)).map(({ group }) => group);
}

function groupOf(line: UsageLine, has: (dimension: UsageDimension) => boolean): UsageGroupRecord {
  return {
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
}

function compareValues(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}
