// The order the graph gives usage lines in: by day, then by id, so pages and cursors are stable.
import type { UsageLine } from './usage-line.js';

export function byDateThenId(a: UsageLine, b: UsageLine): number {
  if (a.startDate !== b.startDate) return a.startDate < b.startDate ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The lines in order, each once (a line's id is unique, so a repeat is the same line sent twice).
 * The reader sorts each page, and the engine's sort merges such ordered runs in linear time; lines
 * already in order with no repeat, as pages that follow each other bring them, are kept as they are.
 */
export function inOrderOnce(lines: readonly UsageLine[]): readonly UsageLine[] {
  if (isStrictlyOrdered(lines)) return lines;
  const ordered = [...lines].sort(byDateThenId);
  return ordered.filter((line, index) => index === 0 || byDateThenId(ordered[index - 1]!, line) !== 0);
}

function isStrictlyOrdered(lines: readonly UsageLine[]): boolean {
  for (let index = 1; index < lines.length; index++) if (byDateThenId(lines[index - 1]!, lines[index]!) >= 0) return false;
  return true;
}
