// Usage lines put in the graph's order (byDateThenId): by day, then by id, so pages and cursors
// are stable.
import { UsageLines } from './usage-lines.js';

type Compare = (a: number, b: number) => number;

/**
 * The lines in order, each once (a line's id is unique, so a repeat is the same line sent twice).
 * The workers sort each page and say so; such a page's rows are in order without comparing them
 * again, so a window of pages is merged with comparisons only where the pages meet (a day spanning
 * two pages). Lines already in order, as pages that follow each other bring them, stay as they are.
 */
export function inOrderOnce(lines: UsageLines): UsageLines {
  const runs = orderedRuns(lines);
  if (runs.length <= 1) return lines;
  const compare = lines.table.compareRows;
  // Merged two by two, so even lines in no order at all take n log n comparisons.
  let merged = runs;
  while (merged.length > 1) {
    const next: Int32Array[] = [];
    for (let index = 0; index < merged.length; index += 2) {
      const [a, b] = [merged[index]!, merged[index + 1]];
      next.push(b ? mergeRuns(a, b, compare) : a);
    }
    merged = next;
  }
  return new UsageLines(lines.table, merged[0]!);
}

/** The rows cut where one is not after the one before it; each run is in order, each line once. */
function orderedRuns({ table, rows }: UsageLines): Int32Array[] {
  const runs: Int32Array[] = [];
  let runStart = 0;
  let knownUntil = rows.length > 0 ? table.orderedUntil(rows[0]!) : 0;
  for (let index = 1; index < rows.length; index++) {
    const previous = rows[index - 1]!;
    const row = rows[index]!;
    // A later row of the same ordered page is after its predecessor: no comparison needed.
    if (row > previous && row < knownUntil) continue;
    knownUntil = table.orderedUntil(row);
    if (table.compareRows(previous, row) < 0) continue;
    runs.push(rows.subarray(runStart, index));
    runStart = index;
  }
  if (rows.length > 0) runs.push(rows.subarray(runStart));
  return runs;
}

/** The first position in `run` whose line is not before `row`'s. */
function firstNotBefore(run: Int32Array, row: number, compare: Compare): number {
  let low = 0;
  let high = run.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(run[middle]!, row) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Two ordered runs as one, a line in both once. The lines of `a` before `b`'s first are found by
 * binary search and taken as they are, and so is whatever remains once either run is used up.
 */
function mergeRuns(a: Int32Array, b: Int32Array, compare: Compare): Int32Array {
  const merged = new Int32Array(a.length + b.length);
  let i = firstNotBefore(a, b[0]!, compare);
  merged.set(a.subarray(0, i));
  let length = i;
  let j = 0;
  while (i < a.length && j < b.length) {
    const order = compare(a[i]!, b[j]!);
    merged[length++] = order <= 0 ? a[i]! : b[j]!;
    if (order <= 0) i++;
    if (order >= 0) j++;
  }
  merged.set(a.subarray(i), length);
  length += a.length - i;
  merged.set(b.subarray(j), length);
  length += b.length - j;
  return merged.subarray(0, length);
}
