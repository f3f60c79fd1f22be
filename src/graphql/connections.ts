import { badUserInput } from './errors.js';

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const CURSOR_VERSION = 1;

/** What a cursor holds: the list it belongs to, where the next page starts, and the id it ended on. */
interface CursorPayload {
  v: number;
  k: string;
  o: number;
  id: string;
}

export function encodeCursor(kind: string, offset: number, id: string): string {
  const payload: CursorPayload = { v: CURSOR_VERSION, k: kind, o: offset, id };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** A cursor's payload, its shape checked but not which list it belongs to. */
export function parseCursor(cursor: string): CursorPayload {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badUserInput('`after` is not a cursor this API handed out', { argument: 'after' });
  }
  const cursorPayload = payload as Partial<CursorPayload> | null;
  const valid =
    cursorPayload !== null &&
    typeof cursorPayload === 'object' &&
    cursorPayload.v === CURSOR_VERSION &&
    typeof cursorPayload.k === 'string' &&
    Number.isSafeInteger(cursorPayload.o) &&
    (cursorPayload.o ?? -1) >= 0 &&
    typeof cursorPayload.id === 'string';
  if (!valid) throw badUserInput('`after` is not a cursor this API handed out', { argument: 'after' });
  return cursorPayload as CursorPayload;
}

export function decodeCursor(cursor: string, kind: string): CursorPayload {
  const payload = parseCursor(cursor);
  if (payload.k !== kind) throw badUserInput(`\`after\` is a cursor of another list (${payload.k}), not of ${kind}`, { argument: 'after' });
  return payload;
}

/** `first` checked against 1..100; absent means the default page size. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`, { argument: 'first' });
  }
  return first;
}

/**
 * Where a page starts. The cursor remembers the id it ended on, so when the list changed between
 * two pages (an item added or removed before it) the next page still resumes right after that item.
 */
function startOffset<T>(items: readonly T[], idOf: (item: T) => string, cursor: CursorPayload): number {
  const ended = cursor.o > 0 ? items[cursor.o - 1] : undefined;
  if (ended !== undefined && idOf(ended) === cursor.id) return cursor.o;
  const index = items.findIndex((item) => idOf(item) === cursor.id);
  return index >= 0 ? index + 1 : Math.min(cursor.o, items.length);
}

/**
 * A Relay connection over a complete, stably ordered list. Confluent lists are read to the end and
 * paged here, so a page's size never depends on Confluent's page size. The arguments are checked
 * before `load` runs, so bad input never costs an upstream call.
 */
export async function paginate<T>(
  args: ConnectionArgs,
  list: { kind: string; idOf: (item: T) => string },
  load: () => Promise<readonly T[]>,
): Promise<Connection<T>> {
  const size = pageSize(args.first);
  const cursor = args.after ? decodeCursor(args.after, list.kind) : null;
  const items = await load();
  const start = cursor ? startOffset(items, list.idOf, cursor) : 0;
  const nodes = items.slice(start, start + size);
  const cursorAt = (index: number) => encodeCursor(list.kind, start + index + 1, list.idOf(nodes[index] as T));
  // Cursors are made only when asked for: most pages are read through `nodes` alone.
  return {
    get edges() {
      return nodes.map((node, index) => ({ node, cursor: cursorAt(index) }));
    },
    nodes,
    totalCount: items.length,
    pageInfo: {
      hasNextPage: start + nodes.length < items.length,
      hasPreviousPage: start > 0,
      get startCursor() {
        return nodes.length > 0 ? cursorAt(0) : null;
      },
      get endCursor() {
        return nodes.length > 0 ? cursorAt(nodes.length - 1) : null;
      },
    },
  };
}
