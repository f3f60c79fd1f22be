// Daily Kafka traffic of every principal that can reach a cluster: one holding a role binding at
// or below it, or owning one of its API keys. Workloads are busy and people quiet; admins and
// viewers mostly move no data; some principals stopped or started during the year. The cases an
// access review must find are made sure of: a service account and an identity pool with a Kafka
// role and no traffic for weeks, an identity pool with traffic, and the principal of a straggler
// binding, gone yet seen on the wire until two days ago.
import { dayOf } from '../../calendar.js';
import type { SimulatorData } from '../store.js';
import type { TrafficSeries } from '../traffic.js';
import type { SeedContext } from './context.js';
import type { Prng } from './prng.js';

type Sources = Pick<SimulatorData, 'clusters' | 'users' | 'serviceAccounts' | 'identityPools' | 'invitations' | 'roleBindings' | 'apiKeys'>;

/** How one principal reaches one cluster. */
interface Access {
  clusterId: string;
  principalId: string;
  /** The first day it could: its earliest binding or key there. */
  sinceDay: number;
  /** Holds a data role there or a key of it; admins, operators and viewers seldom move data. */
  movesData: boolean;
}

/** The days a principal is on the wire at all; `until` excluded. */
interface Window {
  from: number;
  until: number;
  /** Forced to have traffic on every day it can, on every cluster it reaches. */
  loud: boolean;
}

interface Profile {
  /** Bytes a day on an ordinary cluster, drawn log-uniformly. */
  minBytes: number;
  maxBytes: number;
  /** Chance of no traffic at all on a cluster where it moves data. */
  silentChance: number;
  /** Chance of an idle day, drawn per cluster in this range. */
  idleChance: readonly [number, number];
  weekendShare: number;
}

const MB = 1e6;
const GB = 1e9;
const PROFILES: Record<string, Profile> = {
  sa: { minBytes: 50 * MB, maxBytes: 25 * GB, silentChance: 0.1, idleChance: [0, 0.15], weekendShare: 0.7 },
  pool: { minBytes: 20 * MB, maxBytes: 15 * GB, silentChance: 0.15, idleChance: [0, 0.2], weekendShare: 0.6 },
  u: { minBytes: 1 * MB, maxBytes: 400 * MB, silentChance: 0.35, idleChance: [0.3, 0.8], weekendShare: 0.1 },
};
const SILENT_WITHOUT_DATA_ROLE = 0.8;
const SCALE_BY_CLUSTER_KIND: Record<string, number> = { Dedicated: 2, Enterprise: 1.5, Standard: 1, Basic: 0.3 };
const DATA_ROLES: ReadonlySet<string> = new Set(['DeveloperRead', 'DeveloperWrite', 'DeveloperManage', 'ResourceOwner']);
/** Producers send, consumers receive, most do some of both: the request share of a day's bytes. */
const REQUEST_SHARES = [0.9, 0.5, 0.5, 0.12] as const;
const CLUSTER_SCOPE = /\/cloud-cluster=([^/]+)/;
/** Kinds of principal the Metrics API labels traffic with; group mappings act through their users. */
const PRINCIPAL_KIND = /^(sa|u|pool)-/;
/** Share of principals that stopped during the history, and of those that started late. */
const STOPPED_SHARE = 0.08;
const STARTED_LATE_SHARE = 0.08;
/** Invited people who have not accepted yet have never signed in, so have never connected either. */
const PENDING_INVITATION: ReadonlySet<string> = new Set(['INVITE_STATUS_SENT', 'INVITE_STATUS_STAGED']);

function kindOf(principalId: string): string | undefined {
  return PRINCIPAL_KIND.exec(principalId)?.[1];
}

/** Role bindings name principals as `User:sa-…`. */
function principalIdOf(principal: string | undefined): string {
  return (principal ?? '').replace(/^User:/, '');
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Who reaches which cluster, and since when, from role bindings and cluster API keys; not people yet to accept an invitation. */
function accessesOf(sources: Sources): Access[] {
  const clusterIds = new Set(sources.clusters.map((cluster) => cluster.id));
  const invited = new Set(
    sources.invitations.filter((invitation) => PENDING_INVITATION.has(invitation.status ?? '')).map((invitation) => invitation.user?.id),
  );
  const accesses = new Map<string, Access>();
  const grant = (clusterId: string, principalId: string, day: number, movesData: boolean) => {
    if (!clusterIds.has(clusterId) || !kindOf(principalId) || invited.has(principalId)) return;
    const key = `${clusterId} ${principalId}`;
    const known = accesses.get(key);
    if (!known) accesses.set(key, { clusterId, principalId, sinceDay: day, movesData });
    else accesses.set(key, { ...known, sinceDay: Math.min(known.sinceDay, day), movesData: known.movesData || movesData });
  };
  for (const binding of sources.roleBindings) {
    const clusterId = CLUSTER_SCOPE.exec(binding.crn_pattern ?? '')?.[1];
    const principalId = principalIdOf(binding.principal);
    if (clusterId) grant(clusterId, principalId, dayOf(binding.metadata?.created_at ?? ''), DATA_ROLES.has(binding.role_name ?? ''));
  }
  for (const key of sources.apiKeys) {
    grant(key.spec?.resource?.id ?? '', key.spec?.owner?.id ?? '', dayOf(key.metadata?.created_at ?? ''), true);
  }
  return [...accesses.values()].sort(
    (left, right) => compare(left.clusterId, right.clusterId) || compare(left.principalId, right.principalId),
  );
}

/** When each principal was created; principals missing here no longer exist. */
function creationDays(sources: Sources): Map<string, number> {
  const principals = [...sources.users, ...sources.serviceAccounts, ...Object.values(sources.identityPools).flat()];
  return new Map(principals.map((principal) => [principal.id, dayOf(principal.metadata?.created_at ?? '')]));
}

/** The ordinary life of each principal: most talk throughout, a few stop early or start late. */
function ordinaryWindows(prng: Prng, principalIds: string[], created: Map<string, number>, firstDay: number, today: number) {
  const windows = new Map<string, Window>();
  for (const principalId of principalIds) {
    const from = Math.max(firstDay, created.get(principalId) ?? firstDay);
    const draw = prng.next();
    let window: Window = { from, until: today, loud: false };
    if (draw < STOPPED_SHARE && from + 1 < today) window = { ...window, until: prng.int(from + 1, today - 1) };
    else if (draw < STOPPED_SHARE + STARTED_LATE_SHARE && from < today - 21) window = { ...window, from: prng.int(from, today - 21) };
    windows.set(principalId, window);
  }
  return windows;
}

/**
 * Makes sure of the cases an access review must find: an inactive service account and an inactive
 * identity pool holding Kafka roles (traffic until three to six weeks ago), an identity pool with
 * traffic to the last day, and stragglers' principals with traffic until two days ago.
 */
function forceReviewCases(
  prng: Prng,
  windows: Map<string, Window>,
  holdsKafkaRole: ReadonlySet<string>,
  created: Map<string, number>,
  today: number,
): void {
  const withKafkaRole = (kind: string) => [...windows.keys()].filter((id) => kindOf(id) === kind && holdsKafkaRole.has(id)).sort();
  const stop = (principalId: string) => {
    const window = windows.get(principalId)!;
    windows.set(principalId, { ...window, until: Math.min(window.until, today - prng.int(20, 45)), loud: true });
  };
  const accounts = withKafkaRole('sa');
  if (accounts.length > 0) stop(prng.pick(accounts));
  const [stoppedPool, talkingPool] = prng.shuffle(withKafkaRole('pool'));
  if (stoppedPool) stop(stoppedPool);
  if (talkingPool) windows.set(talkingPool, { ...windows.get(talkingPool)!, until: today, loud: true });
  for (const [principalId, window] of windows) {
    if (created.has(principalId)) continue;
    windows.set(principalId, { from: window.from, until: Math.min(today, Math.max(today - 2, window.from + 1)), loud: true });
  }
}

/** One series, or none when the principal sends nothing there. */
function seriesOf(prng: Prng, access: Access, window: Window, clusterKind: string, clusterCreated: number): TrafficSeries | undefined {
  const profile = PROFILES[kindOf(access.principalId) ?? 'u']!;
  if (!window.loud && prng.chance(access.movesData ? profile.silentChance : SILENT_WITHOUT_DATA_ROLE)) return undefined;
  const firstDay = Math.max(window.from, access.sinceDay, clusterCreated);
  const days = window.until - firstDay;
  if (days <= 0) return undefined;
  const scale = SCALE_BY_CLUSTER_KIND[clusterKind] ?? 1;
  const level = scale * profile.minBytes * Math.pow(profile.maxBytes / profile.minBytes, prng.next());
  const requestShare = prng.pick(REQUEST_SHARES);
  const [leastIdle, mostIdle] = profile.idleChance;
  const idleChance = window.loud ? 0 : leastIdle + (mostIdle - leastIdle) * prng.next();
  const requestBytes = new Float64Array(days);
  const responseBytes = new Float64Array(days);
  let active = false;
  for (let index = 0; index < days; index++) {
    if (prng.chance(idleChance)) continue;
    const dayOfWeek = (firstDay + index + 4) % 7; // day 0, 1970-01-01, was a Thursday; 0 is Sunday here
    const weekend = dayOfWeek === 0 || dayOfWeek === 6;
    const total = level * (weekend ? profile.weekendShare : 1) * (0.6 + 0.8 * prng.next());
    requestBytes[index] = Math.max(1, Math.round(total * requestShare));
    responseBytes[index] = Math.max(1, Math.round(total * (1 - requestShare)));
    active = true;
  }
  return active ? { clusterId: access.clusterId, principalId: access.principalId, firstDay, requestBytes, responseBytes } : undefined;
}

/** `costDays` days of traffic ending yesterday, series ordered by cluster id, then principal id. */
export function buildTraffic(context: SeedContext, sources: Sources, costDays: number): TrafficSeries[] {
  const { prng } = context.stream('traffic');
  const firstDay = context.today - costDays;
  const accesses = accessesOf(sources);
  const created = creationDays(sources);
  const principalIds = [...new Set(accesses.map((access) => access.principalId))].sort();
  const windows = ordinaryWindows(prng, principalIds, created, firstDay, context.today);
  const holdsKafkaRole = new Set(
    sources.roleBindings.flatMap((binding) => (CLUSTER_SCOPE.test(binding.crn_pattern ?? '') ? [principalIdOf(binding.principal)] : [])),
  );
  forceReviewCases(prng, windows, holdsKafkaRole, created, context.today);
  const clusters = new Map(sources.clusters.map((cluster) => [cluster.id, cluster]));
  const traffic: TrafficSeries[] = [];
  for (const access of accesses) {
    const cluster = clusters.get(access.clusterId);
    const series = seriesOf(
      prng,
      access,
      windows.get(access.principalId)!,
      cluster?.spec?.config?.kind ?? '',
      dayOf(cluster?.metadata?.created_at ?? ''),
    );
    if (series) traffic.push(series);
  }
  return traffic;
}
