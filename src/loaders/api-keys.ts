import type { RequestOptions } from '../confluent/client.js';
import { stripPrincipalPrefix } from '../confluent/crn.js';
import type { ConfluentReads } from '../confluent/reads.js';
import type { ApiKey } from '../confluent/types.js';
import { groupBy } from './grouping.js';
import { listBacked } from './list-backed.js';
import { shared, type LoaderPolicy } from './policy.js';

/** Narrows API keys; the fields set combine with AND. */
export interface ApiKeyFilter {
  /** A bare principal id (`sa-…`), or with the `User:` prefix. */
  ownerId?: string | null;
  /** The id of a resource the key opens (`lkc-…`, `cloud`, …). */
  resourceId?: string | null;
  /** Keys of resources in this environment. */
  workspaceId?: string | null;
}

/** Every resource a key opens: multi-cluster keys list several. */
export function resourcesOf(key: ApiKey) {
  const { resource, resources } = key.spec ?? {};
  return resources && resources.length > 0 ? resources : resource ? [resource] : [];
}

/**
 * Every API key of the organization comes from one listing (no filter), then is grouped in memory
 * by owner and by resource, whatever asks for it: N owners cost the listing, not N calls.
 */
export function createApiKeyLoaders(client: ConfluentReads, request: RequestOptions, policy: LoaderPolicy) {
  const keys = listBacked<ApiKey>(policy, {
    name: 'api-keys',
    list: () => client.listApiKeys(request),
    getOne: (id) => client.getApiKey(id, request),
    idOf: (key) => key.id,
  });
  const groups = shared(policy, async () => {
    const all = await keys.all();
    // A key of several resources belongs to the group of each, once.
    const pairs = (ids: (key: ApiKey) => Array<string | undefined>) =>
      all.flatMap((key) => [...new Set(ids(key))].flatMap((id) => (id ? [{ id, key }] : [])));
    const grouped = (ids: (key: ApiKey) => Array<string | undefined>) =>
      new Map([...groupBy(pairs(ids), (pair) => pair.id)].map(([id, group]) => [id, group.map((pair) => pair.key)]));
    return {
      byOwner: groupBy(all, (key) => key.spec?.owner?.id),
      byResource: grouped((key) => resourcesOf(key).map((resource) => resource.id)),
      byWorkspace: grouped((key) => resourcesOf(key).map((resource) => resource.environment)),
    };
  });

  const ofOwner = async (ownerId: string) => (await groups()).byOwner.get(stripPrincipalPrefix(ownerId)) ?? [];
  const ofResource = async (resourceId: string) => (await groups()).byResource.get(resourceId) ?? [];

  async function matching(filter: ApiKeyFilter = {}): Promise<readonly ApiKey[]> {
    const { ownerId, resourceId, workspaceId } = filter;
    const owner = ownerId ? stripPrincipalPrefix(ownerId) : undefined;
    const candidates = owner
      ? await ofOwner(owner)
      : resourceId
        ? await ofResource(resourceId)
        : workspaceId
          ? ((await groups()).byWorkspace.get(workspaceId) ?? [])
          : await keys.all();
    return candidates.filter(
      (key) =>
        (owner === undefined || key.spec?.owner?.id === owner) &&
        (!resourceId || resourcesOf(key).some((resource) => resource.id === resourceId)) &&
        (!workspaceId || resourcesOf(key).some((resource) => resource.environment === workspaceId)),
    );
  }

  return { all: keys.all, byId: keys.byId, ofOwner, ofResource, matching };
}
