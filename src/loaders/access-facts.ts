import type { AccessFacts, Fact, Finding } from '../access/findings.js';
import type { TrafficSummary } from '../access/traffic.js';
import type { ApiKey } from '../confluent/types.js';
import type { createApiKeyLoaders } from './api-keys.js';
import type { createIdentityLoaders } from './identities.js';
import type { createRoleBindingLoaders, RoleBindingRecord } from './role-bindings.js';
import type { createUserLoaders } from './users.js';

export type AccessFindingRecord = Finding<RoleBindingRecord>;

interface Sources {
  roleBindings: ReturnType<typeof createRoleBindingLoaders>;
  apiKeys: ReturnType<typeof createApiKeyLoaders>;
  users: ReturnType<typeof createUserLoaders>;
  identities: ReturnType<typeof createIdentityLoaders>;
}

/**
 * Reads what the asked-for findings need, each listing once and all at the same time: the
 * findings of a whole organization cost the listings they need, nothing per principal or key.
 */
export function createAccessFactLoaders({ roleBindings, apiKeys, users, identities }: Sources) {
  async function principals(): Promise<NonNullable<AccessFacts<RoleBindingRecord>['principals']>> {
    const [people, accounts, invited, pools, mappings] = await Promise.all([
      users.people.all(),
      users.serviceAccounts.all(),
      users.invitedIds(),
      identities.allPools(),
      identities.groupMappings.all(),
    ]);
    const names = new Map<string, string | undefined>([
      ...people.map((person) => [person.id, person.full_name || person.email] as const),
      ...accounts.map((account) => [account.id, account.display_name] as const),
      ...pools.map(({ pool }) => [pool.id, pool.display_name] as const),
      ...mappings.map((mapping) => [mapping.id, mapping.display_name] as const),
    ]);
    return {
      ids: new Set([...names.keys(), ...invited]),
      serviceAccountIds: accounts.map((account) => account.id),
      invitedPersonIds: invited,
      nameOf: (id) => names.get(id),
    };
  }

  return {
    async read(
      needed: ReadonlySet<Fact>,
      options: { maxKeyAgeDays: number; traffic?: () => Promise<TrafficSummary> },
    ): Promise<AccessFacts<RoleBindingRecord>> {
      const when = <T>(fact: Fact, read: () => Promise<T>): Promise<T | undefined> =>
        needed.has(fact) ? read() : Promise.resolve(undefined);
      const [bindings, keys, principalFacts, traffic] = await Promise.all([
        when('bindings', roleBindings.all),
        when<readonly ApiKey[]>('apiKeys', apiKeys.all),
        when('principals', principals),
        options.traffic ? when('traffic', options.traffic) : undefined,
      ]);
      return { now: Date.now(), maxKeyAgeDays: options.maxKeyAgeDays, bindings, apiKeys: keys, principals: principalFacts, traffic };
    },
  };
}
