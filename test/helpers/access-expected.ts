// Expected access-review answers computed straight from the simulator's store, by the rules of
// DESIGN §12 written out plainly here, independently of the server's code.
import { formatDay, parseDay } from '../../src/calendar.js';
import type { ApiKey, RoleBinding } from '../../src/confluent/types.js';
import { readTraffic, type SimulatorData } from '../../src/simulator/index.js';
import { invitedUserIds, segmentValue } from './expected.js';

const bare = (principal: string | undefined) => (principal ?? '').replace(/^User:/, '');
const DAY_MS = 86_400_000;

/** The last seven finished days, as a period. */
export function lastWeek(now = new Date()): { start: string; end: string } {
  const today = Math.floor(now.getTime() / DAY_MS);
  return { start: formatDay(today - 7), end: formatDay(today) };
}

export function existingPrincipalIds(data: SimulatorData): Set<string> {
  return new Set([
    ...data.users.map((user) => user.id),
    ...invitedUserIds(data),
    ...data.serviceAccounts.map((account) => account.id),
    ...Object.values(data.identityPools).flatMap((pools) => pools.map((pool) => pool.id)),
    ...data.groupMappings.map((mapping) => mapping.id),
  ]);
}

/** Per principal: bytes and active days over the period, as the Metrics API holds them (its last 7 days). */
export function expectedActivity(data: SimulatorData, period: { start: string; end: string }, retainedFrom: number) {
  const range = { fromDay: Math.max(parseDay(period.start)!, retainedFrom), toDay: parseDay(period.end)! };
  const days = readTraffic(
    data.traffic,
    range,
    data.clusters.map((cluster) => cluster.id),
  );
  const byPrincipal = new Map<string, { requestBytes: number; responseBytes: number; activeDays: Set<number> }>();
  for (const day of days) {
    const entry = byPrincipal.get(day.principalId) ?? { requestBytes: 0, responseBytes: 0, activeDays: new Set<number>() };
    entry.requestBytes += day.requestBytes;
    entry.responseBytes += day.responseBytes;
    if (day.requestBytes + day.responseBytes > 0) entry.activeDays.add(day.day);
    byPrincipal.set(day.principalId, entry);
  }
  return { byPrincipal, daysWithData: new Set(days.map((day) => day.day)) };
}

function isKafkaKey(key: ApiKey): boolean {
  return key.spec?.resource?.kind === 'Cluster';
}

/** Finding ids by kind, for the whole organization. */
export function expectedFindingIds(
  data: SimulatorData,
  options: { now: number; maxKeyAgeDays: number; activity?: ReturnType<typeof expectedActivity> },
): Map<string, string[]> {
  const exists = existingPrincipalIds(data);
  const invited = invitedUserIds(data);
  const keys = data.apiKeys;
  const bindings = data.roleBindings;
  const ownerOf = (key: ApiKey) => key.spec?.owner?.id ?? '';
  const holders = new Set(bindings.map((binding) => bare(binding.principal)));
  const kafkaPrincipals = new Set([
    ...bindings.filter((binding) => segmentValue(binding.crn_pattern ?? '', 'cloud-cluster')).map((binding) => bare(binding.principal)),
    ...keys.filter(isKafkaKey).map(ownerOf),
  ]);
  const aboutBinding = (binding: RoleBinding) => binding.id;
  const result = new Map<string, string[]>([
    ['API_KEY_OF_DELETED_OWNER', keys.filter((key) => !exists.has(ownerOf(key))).map((key) => key.id)],
    [
      'PRIVILEGED_SERVICE_ACCOUNT',
      bindings
        .filter(
          (binding) => bare(binding.principal).startsWith('sa-') && ['OrganizationAdmin', 'AccountAdmin'].includes(binding.role_name ?? ''),
        )
        .map(aboutBinding),
    ],
    [
      'BINDING_OF_DELETED_PRINCIPAL',
      bindings
        .filter((binding) => /^(u|sa|pool|group)-/.test(bare(binding.principal)) && !exists.has(bare(binding.principal)))
        .map(aboutBinding),
    ],
    [
      'STALE_API_KEY',
      keys.filter((key) => options.now - Date.parse(key.metadata?.created_at ?? '') > options.maxKeyAgeDays * DAY_MS).map((key) => key.id),
    ],
    ['API_KEY_OWNED_BY_PERSON', keys.filter((key) => ownerOf(key).startsWith('u-')).map((key) => key.id)],
    [
      'INACTIVE_PRINCIPAL',
      options.activity
        ? [...kafkaPrincipals].filter(
            (id) => /^(u|sa|pool)-/.test(id) && exists.has(id) && (options.activity!.byPrincipal.get(id)?.activeDays.size ?? 0) === 0,
          )
        : [],
    ],
    ['INVITED_USER_WITH_ROLES', [...holders].filter((id) => invited.has(id))],
    [
      'UNUSED_SERVICE_ACCOUNT',
      data.serviceAccounts.map((account) => account.id).filter((id) => !holders.has(id) && !keys.some((key) => ownerOf(key) === id)),
    ],
  ]);
  return new Map([...result].map(([kind, ids]) => [kind, ids.map((id) => `${kind}:${id}`).sort()]));
}
