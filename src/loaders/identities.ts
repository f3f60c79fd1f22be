import DataLoader from 'dataloader';
import type { RequestOptions } from '../confluent/client.js';
import type { ConfluentReads } from '../confluent/reads.js';
import type { GroupMapping, IdentityPool, IdentityProvider } from '../confluent/types.js';
import { indexBy } from './grouping.js';
import { listBacked } from './list-backed.js';
import { loaderOptions, measured, shared, type LoaderPolicy } from './policy.js';

/** An identity pool and the provider it belongs to, which the pool itself does not name. */
export interface IdentityPoolRecord {
  pool: IdentityPool;
  providerId: string;
}

/**
 * Identity providers with their pools, and SSO group mappings. Confluent has no organization-wide
 * pool list: every provider's pools are listed, all providers in parallel, once per request.
 */
export function createIdentityLoaders(client: ConfluentReads, request: RequestOptions, policy: LoaderPolicy) {
  const providers = listBacked<IdentityProvider>(policy, {
    name: 'identity-providers',
    list: () => client.listIdentityProviders(request),
    idOf: (provider) => provider.id,
  });
  const poolsOfProvider = new DataLoader<string, IdentityPoolRecord[]>(
    measured(policy, 'identity-pools-of-provider', (providerIds) =>
      Promise.all(
        providerIds.map((providerId) =>
          client
            .listIdentityPools(providerId, { ...request, fanOut: true })
            .then((pools) => pools.map((pool) => ({ pool, providerId })))
            .catch((error: Error) => error),
        ),
      ),
    ),
    loaderOptions(policy),
  );
  /** Every pool of every provider; a provider whose pools cannot be read fails the whole list. */
  const allPools = shared(policy, async (): Promise<IdentityPoolRecord[]> => {
    const lists = await poolsOfProvider.loadMany((await providers.all()).map((provider) => provider.id));
    return lists.flatMap((list) => {
      if (list instanceof Error) throw list;
      return list;
    });
  });
  const poolIndex = shared(policy, async () => indexBy(await allPools(), (record) => record.pool.id));
  const groupMappings = listBacked<GroupMapping>(policy, {
    name: 'group-mappings',
    list: () => client.listGroupMappings(request),
    idOf: (mapping) => mapping.id,
  });

  return {
    /** Starts reading every pool, for fields that will name them; they report its failures, not this. */
    prefetchPools: (): void => {
      if (policy.batching) allPools().catch(() => {});
    },
    providers,
    poolsOfProvider,
    allPools,
    poolById: async (id: string): Promise<IdentityPoolRecord | null> => (await poolIndex()).get(id) ?? null,
    groupMappings,
  };
}
