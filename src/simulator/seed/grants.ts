// The raw material of role bindings: who may be given a role (active people and service accounts,
// identity pools, group mappings; some principals stay idle on purpose) and the list of grants
// made so far, without duplicates.
import type { ServiceAccount } from '../../confluent/types.js';
import type { Identities } from './identity.js';
import type { People } from './people.js';
import type { Prng } from './prng.js';

export interface Grant {
  principalId: string;
  role: string;
  crnPattern: string;
  /** Neither the principal nor the scope existed before this day. */
  notBeforeDay: number;
}

const IDLE_USER_SHARE = 0.12;
const IDLE_SERVICE_ACCOUNT_SHARE = 0.1;

export class GrantList {
  readonly grants: Grant[] = [];
  /** The Kafka clusters each principal holds a role on. */
  readonly clusterIdsByPrincipal = new Map<string, Set<string>>();
  private readonly keys = new Set<string>();
  private readonly granted = new Set<string>();

  constructor(private readonly createdDayOf: ReadonlyMap<string, number>) {}

  /** Adds a grant unless the same principal already holds the same role on the same pattern. */
  add(principalId: string | undefined, role: string, crnPattern: string, scopeDay: number, clusterId?: string): void {
    if (!principalId) return;
    const key = `${principalId} ${role} ${crnPattern}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.granted.add(principalId);
    const notBeforeDay = Math.max(scopeDay, this.createdDayOf.get(principalId) ?? scopeDay);
    this.grants.push({ principalId, role, crnPattern, notBeforeDay });
    if (clusterId) {
      const clusters = this.clusterIdsByPrincipal.get(principalId) ?? new Set<string>();
      clusters.add(clusterId);
      this.clusterIdsByPrincipal.set(principalId, clusters);
    }
  }

  holdsAny(principalId: string): boolean {
    return this.granted.has(principalId);
  }
}

/** Who can be handed a role. Founders, people with a pending invitation and idle principals are left out. */
export class Principals {
  readonly users: string[];
  readonly serviceAccounts: string[];
  readonly pools: string[];
  private readonly serviceAccountsByName: Map<string, string>;
  private readonly poolsByName: Map<string, string>;
  private readonly groupsByName: Map<string, string>;

  constructor(
    private readonly prng: Prng,
    people: People,
    identities: Identities,
  ) {
    const founders = new Set(people.founderIds);
    const ordinary = people.users.filter((user) => !founders.has(user.id) && !people.pendingUserIds.has(user.id));
    const idleUsers = new Set(prng.sample(ordinary, Math.round(ordinary.length * IDLE_USER_SHARE)));
    this.users = ordinary.filter((user) => !idleUsers.has(user)).map((user) => user.id);
    const idleAccounts = new Set(
      prng.sample(people.serviceAccounts, Math.round(people.serviceAccounts.length * IDLE_SERVICE_ACCOUNT_SHARE)),
    );
    const activeAccounts = people.serviceAccounts.filter((account) => !idleAccounts.has(account));
    this.serviceAccounts = activeAccounts.map((account) => account.id);
    this.serviceAccountsByName = new Map(activeAccounts.map((account: ServiceAccount) => [account.display_name ?? '', account.id]));
    const pools = Object.values(identities.identityPools).flat();
    this.pools = pools.map((pool) => pool.id);
    this.poolsByName = new Map(pools.map((pool) => [pool.display_name ?? pool.id, pool.id]));
    this.groupsByName = new Map(identities.groupMappings.map((mapping) => [mapping.display_name ?? mapping.id, mapping.id]));
  }

  serviceAccountNamed(name: string): string | undefined {
    return this.serviceAccountsByName.get(name);
  }

  poolNamed(name: string): string | undefined {
    return this.poolsByName.get(name);
  }

  groupNamed(name: string): string | undefined {
    return this.groupsByName.get(name);
  }

  someUser(): string | undefined {
    return this.users.length > 0 ? this.prng.pick(this.users) : undefined;
  }

  /** A workload identity: mostly service accounts, some identity pools. */
  someWorkload(): string | undefined {
    if (this.pools.length > 0 && (this.serviceAccounts.length === 0 || this.prng.chance(0.12))) return this.prng.pick(this.pools);
    return this.serviceAccounts.length > 0 ? this.prng.pick(this.serviceAccounts) : this.someUser();
  }
}
