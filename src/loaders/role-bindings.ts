import type { RequestOptions } from '../confluent/client.js';
import type { ConfluentReads } from '../confluent/reads.js';
import { normalizePrincipal, orgWideBindingPattern, parseCrn, type ParsedCrn } from '../confluent/crn.js';
import type { Organization, RoleBinding } from '../confluent/types.js';
import { groupBy } from './grouping.js';
import { listBacked } from './list-backed.js';
import { shared, type LoaderPolicy } from './policy.js';

/** A role binding with what grouping needs decoded once: its scope and its principal. */
export interface RoleBindingRecord {
  binding: RoleBinding;
  scope: ParsedCrn;
  /** `User:u-…` as Confluent writes it (normalized, so lookups with or without `User:` agree). */
  principal: string;
}

/** Narrows role bindings; the fields set combine with AND. */
export interface RoleBindingFilter {
  roleName?: string | null;
  /** With or without the `User:` prefix. */
  principalId?: string | null;
  workspaceId?: string | null;
  clusterId?: string | null;
}

function recordOf(binding: RoleBinding): RoleBindingRecord {
  return { binding, scope: parseCrn(binding.crn_pattern ?? ''), principal: normalizePrincipal(binding.principal ?? '') };
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
) {
  const bindings = listBacked<RoleBindingRecord>(policy, {
    name: 'role-bindings',
    list: async () => {
      const organization = await currentOrganization();
      if (!organization) return [];
      const listed = await client.listRoleBindings({ crnPattern: orgWideBindingPattern(organization.id) }, request);
      return listed.map(recordOf);
    },
    getOne: async (id) => {
      const binding = await client.getRoleBinding(id, request);
      return binding && recordOf(binding);
    },
    idOf: (record) => record.binding.id,
  });
  const groups = shared(policy, async () => {
    const records = await bindings.all();
    return {
      byPrincipal: groupBy(records, (record) => record.principal),
      byRole: groupBy(records, (record) => record.binding.role_name),
      byWorkspace: groupBy(records, (record) => record.scope.environmentId),
      byCluster: groupBy(records, (record) => record.scope.clusterId),
    };
  });
  const groupOf = (group: keyof Awaited<ReturnType<typeof groups>>) => async (key: string) => (await groups())[group].get(key) ?? [];

  const ofPrincipal = groupOf('byPrincipal');
  const ofRole = groupOf('byRole');
  const ofWorkspace = groupOf('byWorkspace');
  const ofCluster = groupOf('byCluster');

  /** The bindings matching every given field, starting from the narrowest group. */
  async function matching(filter: RoleBindingFilter = {}): Promise<readonly RoleBindingRecord[]> {
    const principal = filter.principalId ? normalizePrincipal(filter.principalId) : undefined;
    const candidates =
      principal !== undefined
        ? await ofPrincipal(principal)
        : filter.clusterId
          ? await ofCluster(filter.clusterId)
          : filter.workspaceId
            ? await ofWorkspace(filter.workspaceId)
            : filter.roleName
              ? await ofRole(filter.roleName)
              : await bindings.all();
    return candidates.filter(
      (record) =>
        (principal === undefined || record.principal === principal) &&
        (!filter.roleName || record.binding.role_name === filter.roleName) &&
        (!filter.workspaceId || record.scope.environmentId === filter.workspaceId) &&
        (!filter.clusterId || record.scope.clusterId === filter.clusterId),
    );
  }

  /**
   * Who can act at a place: bindings at the organization, at the workspace and (for a cluster) at the
   * cluster itself, not those on resources inside them.
   */
  async function effectiveAt(place: { workspaceId?: string; clusterId?: string }): Promise<readonly RoleBindingRecord[]> {
    return (await bindings.all()).filter(({ scope }) => {
      if (scope.scopeLevel === 'ORGANIZATION') return true;
      if (scope.scopeLevel === 'WORKSPACE') return place.workspaceId !== undefined && scope.environmentId === place.workspaceId;
      return scope.scopeLevel === 'CLUSTER' && place.clusterId !== undefined && scope.clusterId === place.clusterId;
    });
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
    effectiveAt,
  };
}
