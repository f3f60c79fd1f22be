// The order the graph gives usage lines in: by day, then by id, so pages and cursors are stable.
import type { UsageLine } from './usage-line.js';

export function byDateThenId(a: UsageLine, b: UsageLine): number {
  if (a.startDate !== b.startDate) return a.startDate < b.startDate ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Past this many ordered runs, a plain sort is quicker than merging them. */
const MAX_RUNS_TO_MERGE = 32;

function runsOf(lines: readonly UsageLine[]): UsageLine[][] {
  const runs: UsageLine[][] = [];
  let start = 0;
  for (let i = 1; i <= lines.length; i++) {
    if (i === lines.length || byDateThenId(lines[i - 1]!, lines[i]!) > 0) {
      runs.push(lines.slice(start, i));
      start = i;
    }
  }
  return runs;
}

function merge(a: readonly UsageLine[], b: readonly UsageLine[]): UsageLine[] {
  const merged = new Array<UsageLine>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) merged[k++] = byDateThenId(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) merged[k++] = a[i++]!;
  while (j < b.length) merged[k++] = b[j++]!;
  return merged;
}

/**
 * The lines in order, each once (a line's id is unique, so a repeat is the same line sent twice).
 * The reader sorts each page, so a listing is a few ordered runs, merged here in linear time.
 */
export function inOrderOnce(lines: readonly UsageLine[]): UsageLine[] {
  let runs = runsOf(lines);
  if (runs.length > MAX_RUNS_TO_MERGE) runs = [[...lines].sort(byDateThenId)];
  while (runs.length > 1) {
    const merged: UsageLine[][] = [];
    for (let r = 0; r < runs.length; r += 2) merged.push(r + 1 < runs.length ? merge(runs[r]!, runs[r + 1]!) : runs[r]!);
    runs = merged;
  }
  const ordered = runs[0] ?? [];
  return ordered.filter((line, index) => index === 0 || byDateThenId(ordered[index - 1]!, line) !== 0);
}
