// Reading the fields of a Costs API line that several places need, the same way everywhere.
import type { Cost } from '../confluent/types.js';

/** `2026-01-01` from `2026-01-01` or `2026-01-01 00:00:00` (some servers send the latter). */
export function dayOfCostDate(date: string): string {
  return date.slice(0, 10);
}

export function workspaceIdOf(cost: Cost): string | undefined {
  return cost.resource?.environment?.id || undefined;
}

export function resourceIdOf(cost: Cost): string | undefined {
  return cost.resource?.id || undefined;
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
