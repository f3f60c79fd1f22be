// The cost list is the simulator's one large list (a year of daily lines), answered in pages of up
// to 10,000 lines. Filtering and encoding them anew on every call would make the simulator, not
// the latency it is told to add, the slow part of a benchmark. Lines are never changed once
// seeded, so a period's lines are found by binary search and kept, and their JSON is kept too.
import type { Cost } from '../confluent/types.js';

/** Periods whose lines are kept, most recently asked last. */
const KEPT_PERIODS = 32;

interface DayIndex {
  /** The lines sorted by `start_date`, and that date of each, side by side. */
  lines: readonly Cost[];
  days: readonly string[];
  /** The length of the store's list when indexed: a list that grew or shrank is indexed again. */
  indexedLength: number;
  periods: Map<string, readonly Cost[]>;
}

const indexes = new WeakMap<readonly Cost[], DayIndex>();
const encodedLines = new WeakMap<Cost, string>();

function indexOf(costs: readonly Cost[]): DayIndex {
  let index = indexes.get(costs);
  if (!index || index.indexedLength !== costs.length) {
    // A stable sort keeps the seeded order of lines within a day.
    const lines = [...costs].sort((a, b) => (a.start_date < b.start_date ? -1 : a.start_date > b.start_date ? 1 : 0));
    index = { lines, days: lines.map((cost) => cost.start_date), indexedLength: costs.length, periods: new Map() };
    indexes.set(costs, index);
  }
  return index;
}

/** The first position whose day is not before `day`. */
function lowerBound(days: readonly string[], day: string): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((days[middle] ?? '') < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Lines whose `start_date` is in [first, last), both YYYY-MM-DD, in date order. The same period
 * gives the same array while it is kept, so the pages encoded from it can be kept with it.
 */
export function costsBetween(costs: readonly Cost[], first: string, last: string): readonly Cost[] {
  const index = indexOf(costs);
  const key = `${first}/${last}`;
  let lines = index.periods.get(key);
  if (lines) index.periods.delete(key);
  else lines = index.lines.slice(lowerBound(index.days, first), lowerBound(index.days, last));
  index.periods.set(key, lines);
  if (index.periods.size > KEPT_PERIODS) index.periods.delete(index.periods.keys().next().value ?? '');
  return lines;
}

/** A line's JSON, encoded once. */
export function encodedCost(cost: Cost): string {
  let text = encodedLines.get(cost);
  if (text === undefined) {
    text = JSON.stringify(cost);
    encodedLines.set(cost, text);
  }
  return text;
}
