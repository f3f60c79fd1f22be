// How long a shared-cache entry lives, per kind of Confluent data. The directory changes under
// people's hands, so it is kept briefly; costs of days older than Confluent's 72-hour lag no
// longer change, so they are kept long.

export type CachedResource =
  | 'organizations'
  | 'environments'
  | 'clusters'
  | 'users'
  | 'service-accounts'
  | 'invitations'
  | 'role-bindings'
  | 'api-keys'
  | 'identity-providers'
  | 'identity-pools'
  | 'group-mappings'
  /** Finished days of Kafka traffic from the Metrics API, which no longer change once in. */
  | 'kafka-traffic'
  | 'costs'
  /** Whole GraphQL responses, kept while every piece of data they were built from is fresh. */
  | 'responses';

export const TTL_SECONDS: Record<Exclude<CachedResource, 'costs' | 'responses'>, number> = {
  organizations: 300,
  environments: 60,
  clusters: 60,
  users: 60,
  'service-accounts': 60,
  invitations: 60,
  'role-bindings': 60,
  'api-keys': 60,
  'identity-providers': 300,
  'identity-pools': 60,
  'group-mappings': 60,
  'kafka-traffic': 900,
};

export const RECENT_COSTS_TTL_SECONDS = 900;
export const SETTLED_COSTS_TTL_SECONDS = 86_400;
const COST_LAG_MS = 72 * 3_600_000;

/** A costs window whose (exclusive) end is more than 72 hours ago holds only settled days. */
export function costsTtlSeconds(endDate: string, now: number = Date.now()): number {
  const end = Date.parse(`${endDate}T00:00:00Z`);
  return Number.isFinite(end) && end <= now - COST_LAG_MS ? SETTLED_COSTS_TTL_SECONDS : RECENT_COSTS_TTL_SECONDS;
}
