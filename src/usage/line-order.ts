// The order the graph gives usage lines in: by day, then by id, so pages and cursors are stable.
import type { UsageLine } from './usage-line.js';

export function byDateThenId(a: UsageLine, b: UsageLine): number {
  if (a.startDate !== b.startDate) return a.startDate < b.startDate ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The lines in order, each once (a line's id is unique, so a repeat is the same line sent twice).
 * The reader sorts each page, and the engine's sort merges such ordered runs in linear time.
 */
export function inOrderOnce(lines: readonly UsageLine[]): UsageLine[] {
  const ordered = [...lines].sort(byDateThenId);
  return ordered.filter((line, index) => {
    const before = ordered[index - 1];
    return before === undefined || line.id !== before.id || line.startDate !== before.startDate;
  });
}
