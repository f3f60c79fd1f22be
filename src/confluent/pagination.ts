// Confluent lists page forward only: each page's `metadata.next` is a URL whose `page_token` asks
// for the next one. A list is read to its end; stopping at the first page is a known way to lose
// data (NOTES §10).

import { unexpectedResponseError } from './errors.js';

/**
 * The parts of a list envelope that paging reads. `data` may still be on its way when `next` is
 * known, so the next page is asked for while this one's items are read.
 */
export interface ListPage<T> {
  metadata?: { next?: string | null };
  data: T[] | Promise<T[]>;
}

/** Fetches one page: the first when `pageToken` is undefined. The caller re-sends its filters. */
export type PageFetcher<T> = (pageToken: string | undefined) => Promise<ListPage<T>>;

/** Yields every page of a list, following `metadata.next` until it is absent, null or empty. */
export async function* pagesOf<T>(route: string, fetchPage: PageFetcher<T>): AsyncGenerator<ListPage<T>> {
  const seenTokens = new Set<string>();
  let pageToken: string | undefined;
  do {
    const page = await fetchPage(pageToken);
    if (!Array.isArray(page?.data) && !(page?.data instanceof Promise)) throw unexpectedResponseError(route, 'the body is not a list');
    yield page;
    pageToken = nextPageToken(route, page.metadata?.next);
    // A server that hands out a token twice would otherwise be paged forever.
    if (pageToken !== undefined && seenTokens.has(pageToken)) {
      throw unexpectedResponseError(route, 'a page token came back twice');
    }
    if (pageToken !== undefined) seenTokens.add(pageToken);
  } while (pageToken !== undefined);
}

/** Every item of every page, in order; pages whose items are still being read are not waited on before asking for the next. */
export async function collectItems<T>(pages: AsyncIterable<ListPage<T>>): Promise<T[]> {
  const parts: Array<T[] | Promise<T[]>> = [];
  for await (const page of pages) {
    // Handled below; until then a failed part must not count as an unhandled rejection.
    if (page.data instanceof Promise) page.data.catch(() => undefined);
    parts.push(page.data);
  }
  const items: T[] = [];
  for (const part of await Promise.all(parts)) for (const item of part) items.push(item);
  return items;
}

/**
 * The `page_token` of a `next` link. Only the token is taken: the host and the other parameters
 * of `next` are not trusted, the caller keeps its own base URL and filters.
 */
export function nextPageToken(route: string, next: string | null | undefined): string | undefined {
  if (next === undefined || next === null || next === '') return undefined;
  let token: string | null = null;
  try {
    // The base only lets a relative `next` parse; its host is never used.
    token = new URL(next, 'https://next.invalid').searchParams.get('page_token');
  } catch {
    // Reported below like any `next` without a token.
  }
  if (!token) throw unexpectedResponseError(route, 'metadata.next has no page_token');
  return token;
}
