// Usage lines: the cost lines of a period in the graph's order, and the filters that narrow them.
import type { CostLine } from '../confluent/cost-lines.js';

/** A cost line as the client reads it: the fields the graph uses, amounts in micro-dollars. */
export type UsageLine = CostLine;

/** Narrows usage lines; the fields set combine with AND. */
export interface UsageLineFilter {
  workspaceId?: string | null;
  productId?: string | null;
  lineType?: string | null;
  resourceId?: string | null;
}

/** The order the graph gives usage lines in: by day, then by id, so pages and cursors are stable. */
export function byDateThenId(a: UsageLine, b: UsageLine): number {
  if (a.startDate !== b.startDate) return a.startDate < b.startDate ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A Costs API window and the lines its listing brought. */
export interface WindowLines {
  startDate: string;
  endDate: string;
  lines: readonly UsageLine[];
}

/**
 * A window's lines, each once (a line's id is unique, so a repeat is the same line sent twice), and
 * only those whose day lies in the window: Confluent sends only those, but a server that sent more
 * would otherwise have them counted in two windows.
 */
export function linesInWindow({ startDate, endDate, lines }: WindowLines): UsageLine[] {
  const seen = new Set<string>();
  return lines.filter((line) => {
    if (line.startDate < startDate || line.startDate >= endDate || seen.has(line.id)) return false;
    seen.add(line.id);
    return true;
  });
}

/** The lines of consecutive windows as one list in the graph's order. */
export function periodLines(windows: readonly WindowLines[]): UsageLine[] {
  return windows.flatMap(linesInWindow).sort(byDateThenId);
}

const isSet = (value: string | null | undefined): value is string => value !== null && value !== undefined && value !== '';

/** Whether a line meets every condition the filter sets. */
export function matchesFilter(line: UsageLine, filter: UsageLineFilter): boolean {
  return (
    (!isSet(filter.workspaceId) || line.workspaceId === filter.workspaceId) &&
    (!isSet(filter.productId) || line.product === filter.productId) &&
    (!isSet(filter.lineType) || line.lineType === filter.lineType) &&
    (!isSet(filter.resourceId) || line.resourceId === filter.resourceId)
  );
}

/** What a billed resource is, from its id prefix (NOTES §8); an open set, so unknown ones are null. */
const RESOURCE_KIND_OF_PREFIX: ReadonlyArray<readonly [string, string]> = [
  ['lkc-', 'KAFKA_CLUSTER'],
  ['lcc-', 'CONNECTOR'],
  ['lsrc-', 'SCHEMA_REGISTRY'],
  ['lksqlc-', 'KSQLDB_CLUSTER'],
  ['lfcp-', 'FLINK_COMPUTE_POOL'],
];

export function resourceKindOf(resourceId: string): string | null {
  return RESOURCE_KIND_OF_PREFIX.find(([prefix]) => resourceId.startsWith(prefix))?.[1] ?? null;
}
