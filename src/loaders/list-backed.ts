import DataLoader from 'dataloader';
import { indexBy } from './grouping.js';
import { loaderOptions, measured, type LoaderPolicy } from './policy.js';

/**
 * Up to this many ids not yet covered by a listing are fetched one by one; more are answered by
 * reading the whole list once (a list of hundreds costs a few pages, not hundreds of gets).
 */
export const SINGLE_GET_LIMIT = 4;

export interface ListBacked<T> {
  /** The whole upstream list, read once per request; every item also primes `byId`. */
  all(): Promise<readonly T[]>;
  /** One item by id, or null when Confluent has none with that id. */
  byId: DataLoader<string, T | null>;
  /**
   * An item by id without waiting, once the listing has arrived (null: not in it); undefined before.
   * Fields shown for thousands of rows resolve without a promise each.
   */
  peek(id: string): T | null | undefined;
}

/** A resource that Confluent lists in full and also serves one at a time. */
export function listBacked<T>(
  policy: LoaderPolicy,
  source: {
    /** The loader's name in the batch-size metric. */
    name: string;
    list: () => Promise<T[]>;
    getOne?: (id: string) => Promise<T | null>;
    idOf: (item: T) => string;
  },
): ListBacked<T> {
  let listing: Promise<T[]> | undefined;
  let listed: Map<string, T> | undefined;
  const readList = () =>
    source.list().then((items) => {
      for (const item of items) byId.prime(source.idOf(item), item);
      if (policy.batching) listed = indexBy(items, source.idOf);
      return items;
    });
  const all = policy.batching ? () => (listing ??= readList()) : readList;
  const byId = new DataLoader<string, T | null>(
    measured(policy, source.name, async (ids): Promise<Array<T | null | Error>> => {
      const fewIds = ids.length <= SINGLE_GET_LIMIT || !policy.batching;
      if (!listing && source.getOne && fewIds) {
        const getOne = source.getOne;
        // An error fails only its own key, so one bad id does not fail its batch mates.
        return Promise.all(ids.map((id) => getOne(id).catch((error: Error) => error)));
      }
      const index = indexBy(await all(), source.idOf);
      return ids.map((id) => index.get(id) ?? null);
    }),
    loaderOptions(policy),
  );
  const peek = (id: string) => (listed ? (listed.get(id) ?? null) : undefined);
  return { all, byId, peek };
}
