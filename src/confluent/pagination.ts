// Confluent lists page forward only: each page's `metadata.next` is a URL whose `page_token` asks
// for the next one. A list is read to its end; stopping at the first page is a known way to lose
// data (NOTES §10).

import { unexpectedResponseError } from './errors.js';

/** The parts of a list envelope that paging reads. */
export interface ListPage<T> {
  metadata?: { next?: string | null };
  data: T[];
}

/** Fetches one page: the first when `pageToken` is undefined. The caller re-sends its filters. */
export type PageFetcher<T> = (pageToken: string | undefined) => Promise<ListPage<T>>;

/** Yields every page of a list, following `metadata.next` until it is absent, null or empty. */
export async function* pagesOf<T>(route: string, fetchPage: PageFetcher<T>): AsyncGenerator<ListPage<T>> {
  const seenTokens = new Set<string>();
  let pageToken: string | undefined;
  do {
    const page = await fetchPage(pageToken);
    if (!Array.isArray(page?.data)) throw unexpectedResponseError(route, 'the body is not a list');
    yield page;
    pageToken = nextPageToken(route, page.metadata?.next);
    // A server that hands out a token twice would otherwise be paged forever.
    if (pageToken !== undefined && seenTokens.has(pageToken)) {
      throw unexpectedResponseError(route, 'a page token came back twice');
    }
    if (pageToken !== undefined) seenTokens.add(pageToken);
  } while (pageToken !== undefined);
}

/** Every item of every page, in order, each made by `select` as its page arrives. */
export async function collectItems<T, U = T>(pages: AsyncIterable<ListPage<T>>, select?: (item: T) => U): Promise<U[]> {
  const items: U[] = [];
  for await (const page of pages) {
    for (const item of page.data) items.push(select ? select(item) : (item as unknown as U));
  }
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
