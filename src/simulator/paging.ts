// Confluent's list envelope and forward paging. `page_size` counts only on the first request;
// the server then hands out an opaque `page_token` that carries the position, the page size and
// a fingerprint of the filters, so a token replayed with other filters is refused.
import { createHash } from 'node:crypto';
import { EncodedBody, invalidFilter, type Reply } from './errors.js';
import type { RequestContext } from './router.js';

export interface PageLimits {
  defaultSize: number;
  maxSize: number;
}

/** Org, IAM, API keys and cmk lists (NOTES §2.2). */
export const STANDARD_PAGES: PageLimits = { defaultSize: 10, maxSize: 100 };
/** The current public spec's role-binding limits (the SDK spec's 10/100 are older). */
export const ROLE_BINDING_PAGES: PageLimits = { defaultSize: 1000, maxSize: 1000 };
export const COST_PAGES: PageLimits = { defaultSize: 5000, maxSize: 10000 };

interface PageToken {
  offset: number;
  size: number;
  filters: string;
}

function filtersOf(query: URLSearchParams): Array<[string, string]> {
  return [...query].filter(([name]) => name !== 'page_size' && name !== 'page_token');
}

function fingerprint(filters: Array<[string, string]>): string {
  const canonical = filters
    .map(([name, value]) => `${name}=${value}`)
    .sort()
    .join('&');
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 12);
}

function encodeToken(token: PageToken): string {
  return Buffer.from(JSON.stringify([token.offset, token.size, token.filters])).toString('base64url');
}

function decodeToken(text: string): PageToken {
  const refuse = () => invalidFilter('page_token', 'The page token is malformed or expired');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw refuse();
  const [offset, size, filters] = parsed as unknown[];
  if (!Number.isInteger(offset) || !Number.isInteger(size) || typeof filters !== 'string') throw refuse();
  if ((offset as number) < 0 || (size as number) < 1) throw refuse();
  return { offset: offset as number, size: size as number, filters };
}

function requestedPageSize(query: URLSearchParams, limits: PageLimits): number {
  const text = query.get('page_size');
  if (text === null) return limits.defaultSize;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw invalidFilter('page_size', `page_size must be a whole number between 1 and ${limits.maxSize}`);
  }
  const size = Number(text);
  if (size > limits.maxSize) throw invalidFilter('page_size', `page_size must not be greater than ${limits.maxSize}`);
  return size;
}

export interface ListOptions<T> {
  apiVersion: string;
  /** The list's kind, e.g. 'UserList'. */
  kind: string;
  items: readonly T[];
  limits: PageLimits;
  /** Pages carry `total_size` beside `next`, except the cost list whose metadata has only `next`. */
  withTotalSize?: boolean;
  /** For items whose JSON is kept: the page is then assembled from it rather than encoded. */
  encodeItem?: (item: T) => string;
}

/** Encoded pages by the list they were cut from, kept as long as that list is. */
const encodedPages = new WeakMap<readonly unknown[], Map<string, Buffer>>();

function encodedPage<T>(items: readonly T[], offset: number, size: number, encodeItem: (item: T) => string): Buffer {
  let pages = encodedPages.get(items);
  if (!pages) {
    pages = new Map();
    encodedPages.set(items, pages);
  }
  const key = `${offset}/${size}`;
  let page = pages.get(key);
  if (page === undefined) {
    page = Buffer.from(
      `[${items
        .slice(offset, offset + size)
        .map(encodeItem)
        .join(',')}]`,
    );
    pages.set(key, page);
  }
  return page;
}

const CLOSING_BRACE = Buffer.from('}');

export function pagedList<T>(context: RequestContext, options: ListOptions<T>): Reply {
  const filters = filtersOf(context.query);
  const filtersFingerprint = fingerprint(filters);
  const tokenText = context.query.get('page_token');
  let offset = 0;
  let size: number;
  if (tokenText === null) {
    size = requestedPageSize(context.query, options.limits);
  } else {
    const token = decodeToken(tokenText);
    if (token.filters !== filtersFingerprint) {
      throw invalidFilter('page_token', 'The page token was issued for a request with other filters');
    }
    offset = token.offset;
    size = token.size;
  }
  // The last page's metadata is `{}`, as in Confluent's recorded responses: clients must not
  // count on `total_size`, which the spec leaves optional.
  const metadata: { next?: string; total_size?: number } = {};
  if (offset + size < options.items.length) {
    const next = new URLSearchParams(filters);
    next.append('page_token', encodeToken({ offset: offset + size, size, filters: filtersFingerprint }));
    metadata.next = `${context.origin}${context.path}?${next}`;
    if (options.withTotalSize !== false) metadata.total_size = options.items.length;
  }
  const envelope = { api_version: options.apiVersion, kind: options.kind, metadata };
  if (!options.encodeItem) return { status: 200, body: { ...envelope, data: options.items.slice(offset, offset + size) } };
  // The envelope's own fields come first, as in Confluent's responses, then the page's kept JSON.
  const head = Buffer.from(`${JSON.stringify(envelope).slice(0, -1)},"data":`);
  const encodedData = encodedPage(options.items, offset, size, options.encodeItem);
  return { status: 200, body: new EncodedBody(head, encodedData, CLOSING_BRACE) };
}
