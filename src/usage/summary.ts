import { firstOfMonth, formatDay, mondayOf, parseDay } from '../calendar.js';
import type { UsageLine } from './usage-line.js';

/** What a usage summary can group by (the schema's UsageDimension). */
export type Dimension = 'WORKSPACE' | 'PRODUCT' | 'LINE_TYPE' | 'RESOURCE' | 'DAY' | 'WEEK' | 'MONTH' | 'PRINCIPAL';

/** One group of a usage summary: the values of its dimensions and exact sums in micro-dollars. */
export interface UsageGroupRecord {
  workspaceId: string | null;
  productId: string | null;
  lineType: string | null;
  /** The resource, when grouped by RESOURCE and the lines have one. */
  resourceId: string | null;
  resourceName: string | null;
  day: string | null;
  /** The Monday starting the line's ISO week, when grouped by WEEK. */
  week: string | null;
  /** The first day of the line's month, when grouped by MONTH. */
  month: string | null;
  /** Who the cost is allocated to, when grouped by PRINCIPAL (null: not allocated). */
  principalId: string | null;
  originalMicros: number;
  discountMicros: number;
  amountMicros: number;
  lineItemCount: number;
}

/** Where a group sits in the innermost map: a key no dimension value can take (values are strings or null). */
const GROUP = Symbol('group');

type Level = Map<string | null | typeof GROUP, unknown>;

/**
 * The week and month of each day seen, worked out once: date arithmetic on every line of a year
 * would cost a large organization's summary most of a second, and its lines share a few hundred days
 * (so the map stays small: one entry per day ever billed).
 */
const bucketsOfDay = new Map<string, { week: string; month: string } | null>();

function bucketsOf(line: UsageLine): { week: string; month: string } | null {
  let buckets = bucketsOfDay.get(line.startDate);
  if (buckets === undefined) {
    const day = parseDay(line.startDate);
    buckets = day === undefined ? null : { week: formatDay(mondayOf(day)), month: formatDay(firstOfMonth(day)) };
    bucketsOfDay.set(line.startDate, buckets);
  }
  return buckets;
}

const weekOf = (line: UsageLine) => bucketsOf(line)?.week ?? null;
const monthOf = (line: UsageLine) => bucketsOf(line)?.month ?? null;

/** What a group adds up: a whole line, or a principal's share of one (allocation.ts). */
type Share = Pick<CostShare, 'originalMicros' | 'discountMicros' | 'amountMicros'> & { principalId?: string | null };

const VALUE_OF_DIMENSION: Record<Dimension, (line: UsageLine, share: Share) => string | null> = {
  WORKSPACE: (line) => line.workspaceId,
  PRODUCT: (line) => line.product,
  LINE_TYPE: (line) => line.lineType,
  RESOURCE: (line) => line.resourceId,
  DAY: (line) => line.startDate,
  WEEK: weekOf,
  MONTH: monthOf,
  PRINCIPAL: (_, share) => share.principalId ?? null,
};

/** A line's cost, or a principal's share of it (allocation.ts), in micro-dollars; principal null: not allocated. */
export interface CostShare {
  principalId: string | null;
  originalMicros: number;
  discountMicros: number;
  amountMicros: number;
}

/** A line's cost as one share, allocated to no one: what every line is unless split (allocation.ts). */
export function wholeLine(line: UsageLine): CostShare[] {
  return [{ principalId: null, originalMicros: line.originalMicros, discountMicros: line.discountMicros, amountMicros: line.amountMicros }];
}

/** How a line's cost is shared out among principals; without PRINCIPAL, each line is one whole share. */
export type ShareOf = (line: UsageLine) => CostShare[];

/**
 * Usage lines summed by the given dimensions (none: one group of everything), exactly. Lines are
 * added one at a time, so a long period can be summed window by window without holding its lines.
 * A line split among principals adds each share to its principal's group, and counts in each.
 */
export class UsageSums {
  readonly #dimensions: Dimension[];
  readonly #valuesOf: Array<(line: UsageLine, share: Share) => string | null>;
  /** One map per dimension, nested, the last holding the groups: no key is built per line. */
  readonly #root: Level = new Map();
  readonly #groups: Array<{ values: Array<string | null>; group: UsageGroupRecord }> = [];

  constructor(dimensions: readonly Dimension[]) {
    this.#dimensions = [...new Set(dimensions)];
    this.#valuesOf = this.#dimensions.map((dimension) => VALUE_OF_DIMENSION[dimension]);
  }

  /** Adds a line whole, or the shares it was split into. */
  add(line: UsageLine, shares?: readonly CostShare[]): void {
    // A whole line is its own share: no object per line for the year of lines a summary may add.
    if (!shares) this.#addShare(line, line);
    else for (const share of shares) this.#addShare(line, share);
  }

  #addShare(line: UsageLine, share: Share): void {
    let level = this.#root;
    for (const valueOf of this.#valuesOf) {
      const value = valueOf(line, share);
      let next = level.get(value) as Level | undefined;
      if (!next) level.set(value, (next = new Map()));
      level = next;
    }
    let group = level.get(GROUP) as UsageGroupRecord | undefined;
    if (!group) {
      group = this.#newGroup(line, share);
      level.set(GROUP, group);
      this.#groups.push({ values: this.#valuesOf.map((valueOf) => valueOf(line, share)), group });
    }
    group.originalMicros += share.originalMicros;
    group.discountMicros += share.discountMicros;
    group.amountMicros += share.amountMicros;
    group.lineItemCount += 1;
  }

  /** The groups, largest amount first, ties in a stable order of their dimension values. */
  groups(): UsageGroupRecord[] {
    return [...this.#groups]
      .sort((a, b) => b.group.amountMicros - a.group.amountMicros || compareValues(a.values, b.values))
      .map(({ group }) => group);
  }

  #newGroup(line: UsageLine, share: Share): UsageGroupRecord {
    const has = (dimension: Dimension) => this.#dimensions.includes(dimension);
    return {
      workspaceId: has('WORKSPACE') ? line.workspaceId : null,
      productId: has('PRODUCT') ? line.product : null,
      lineType: has('LINE_TYPE') ? line.lineType : null,
      resourceId: has('RESOURCE') ? line.resourceId : null,
      resourceName: has('RESOURCE') ? line.resourceName : null,
      day: has('DAY') ? line.startDate : null,
      week: has('WEEK') ? weekOf(line) : null,
      month: has('MONTH') ? monthOf(line) : null,
      principalId: has('PRINCIPAL') ? (share.principalId ?? null) : null,
      originalMicros: 0,
      discountMicros: 0,
      amountMicros: 0,
      lineItemCount: 0,
    };
  }
}

export function summarize(lines: readonly UsageLine[], dimensions: readonly Dimension[], shareOf?: ShareOf): UsageGroupRecord[] {
  const sums = new UsageSums(dimensions);
  for (const line of lines) sums.add(line, shareOf?.(line));
  return sums.groups();
}

/** Dimension values in order, a missing value before any other. */
function compareValues(a: ReadonlyArray<string | null>, b: ReadonlyArray<string | null>): number {
  for (let index = 0; index < a.length; index++) {
    const [left, right] = [a[index] ?? null, b[index] ?? null];
    if (left === right) continue;
    if (left === null) return -1;
    if (right === null) return 1;
    return left < right ? -1 : 1;
  }
  return 0;
}
