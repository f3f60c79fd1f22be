import type { RequestOptions } from '../confluent/client.js';
import type { ConfluentReads } from '../confluent/reads.js';
import { shared, type LoaderPolicy } from './policy.js';
import { findRole, roleFromUnknownName, type RoleDefinition } from '../catalog/roles.js';
import {
  normalizePrincipal,
  orgWideBindingPattern,
  parseCrn,
  principalTypeOf,
  type ParsedCrn,
  type PatternType,
  type PrincipalType,
  type ScopeLevel,
} from '../confluent/crn.js';
import type { Organization, RoleBinding } from '../confluent/types.js';
import type { RoleBindingFilter } from '../__generated__/resolvers-types.js';
import { groupBy } from './grouping.js';
import { nextTurn, type InTurn } from './turns.js';
import { listBacked } from './list-backed.js';
import { perObject } from './once.js';

/**
 * A role binding with its CRN pattern decoded, and the fields the graph shows of it and of its scope
 * (the record is the parent of both RoleBinding and RoleBindingScope) worked out: an answer may show
 * thousands of bindings, and GraphQL reads these as plain properties, not through a resolver call
 * per field.
 */
export interface RoleBindingRecord {
  binding: RoleBinding;
  scope: ParsedCrn;
  /** `User:u-…` as Confluent writes it (normalized, so lookups with or without `User:` agree). */
  principal: string;
  id: string;
  principalId: string;
  principalType: PrincipalType;
  role: RoleDefinition;
  createdAt: string | null;
  level: ScopeLevel;
  crnPattern: string;
  resourceType: string | null;
  resourceName: string | null;
  patternType: PatternType;
}

/** Made once per binding object: the shared cache hands every request the same listing. */
const toRecord = perObject((binding: RoleBinding): RoleBindingRecord => {
  const scope = parseCrn(binding.crn_pattern ?? '');
  const principal = normalizePrincipal(binding.principal ?? '');
  const roleName = binding.role_name ?? '';
  return {
    binding,
    scope,
    principal,
    id: binding.id,
    principalId: binding.principal ?? '',
    principalType: principalTypeOf(principal),
    role: findRole(roleName) ?? roleFromUnknownName(roleName),
    createdAt: binding.metadata?.created_at ?? null,
    level: scope.scopeLevel,
    crnPattern: binding.crn_pattern ?? '',
    resourceType: scope.resourceType ?? null,
    resourceName: scope.resourceName ?? null,
    patternType: scope.patternType,
  };
});

/** Bindings decoded per event-loop turn: thousands of CRNs at once would hold up the answers of other calls. */
const RECORDS_PER_TURN = 500;

async function recordsOf(bindings: readonly RoleBinding[]): Promise<RoleBindingRecord[]> {
  const recorded: RoleBindingRecord[] = [];
  for (const [index, binding] of bindings.entries()) {
    if (index > 0 && index % RECORDS_PER_TURN === 0) await nextTurn();
    recorded.push(toRecord(binding));
  }
  return recorded;
}

/**
 * Every role binding of the organization comes from one listing (`…/organization=<id>/*`), then is
 * grouped in memory by principal, role, environment and cluster, whatever asks for it.
 */
export function createRoleBindingLoaders(
  client: ConfluentReads,
  request: RequestOptions,
  policy: LoaderPolicy,
  currentOrganization: () => Promise<Organization | null>,
  inTurn: InTurn,
) {
  const bindings = listBacked<RoleBindingRecord>(policy, {
    name: 'role-bindings',
    list: async () => {
      const organization = await currentOrganization();
      if (!organization) return [];
      const listed = await client.listRoleBindings({ crnPattern: orgWideBindingPattern(organization.id) }, request);
      return recordsOf(listed);
    },
    getOne: async (id) => {
      const binding = await client.getRoleBinding(id, request);
      return binding && toRecord(binding);
    },
    idOf: (record) => record.binding.id,
  });
  const groups = shared(policy, async () => {
    const records = await bindings.all();
    // Grouping thousands of bindings waits for a turn, so the answers of other calls are read first.
    await nextTurn();
    return {
      byPrincipal: groupBy(records, (record) => record.principal),
      byRole: groupBy(records, (record) => record.binding.role_name),
      byWorkspace: groupBy(records, (record) => record.scope.environmentId),
      byCluster: groupBy(records, (record) => record.scope.clusterId),
    };
  });
  // Each caller in a turn of its own: a wide query asks for the groups of every workspace at once.
  const groupOf = (group: keyof Awaited<ReturnType<typeof groups>>) => async (key: string) =>
    (await inTurn(groups()))[group].get(key) ?? [];

  const ofPrincipal = groupOf('byPrincipal');
  const ofRole = groupOf('byRole');
  const ofWorkspace = groupOf('byWorkspace');
  const ofCluster = groupOf('byCluster');

  /** The bindings matching every given field, starting from the narrowest group. */
  async function matching(filter: RoleBindingFilter = {}): Promise<readonly RoleBindingRecord[]> {
    const principal = filter.principalId ? normalizePrincipal(filter.principalId) : undefined;
    const candidates =
      principal !== undefined ? await ofPrincipal(principal)
      : filter.clusterId ? await ofCluster(filter.clusterId)
      : filter.workspaceId ? await ofWorkspace(filter.workspaceId)
      : filter.roleName ? await ofRole(filter.roleName)
      : await bindings.all();
    return candidates.filter(
      (record) =>
        (principal === undefined || record.principal === principal) &&
        (!filter.roleName || record.binding.role_name === filter.roleName) &&
        (!filter.workspaceId || record.scope.environmentId === filter.workspaceId) &&
        (!filter.clusterId || record.scope.clusterId === filter.clusterId),
    );
  }

  return {
    /** Starts the listing that fields will ask for; they report its failures, not this. */
    prefetch: (): void => {
      if (policy.batching) groups().catch(() => {});
    },
    all: bindings.all,
    byId: bindings.byId,
    ofPrincipal,
    ofRole,
    ofWorkspace,
    ofCluster,
    matching,
  };
}
