import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor, paginate, type Connection } from '../../src/graphql/connections.js';

const items = Array.from({ length: 95 }, (_, i) => ({ id: `item-${i}` }));
const list = { kind: 'items', idOf: (item: { id: string }) => item.id };
const load = (source: readonly { id: string }[]) => async () => source;

function codeOf(error: unknown): unknown {
  return error instanceof GraphQLError ? error.extensions.code : undefined;
}

describe('paginate', () => {
  it('pages through a list exactly once with any page size', async () => {
    for (const first of [1, 7, 37, 100]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: Connection<{ id: string }> = await paginate({ first, after }, list, load(items));
        seen.push(...page.nodes.map((node) => node.id));
        expect(page.totalCount).toBe(95);
        expect(page.nodes.length).toBeLessThanOrEqual(first);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(items.map((item) => item.id));
    }
  });

  it('defaults to 20 and gives edges whose cursors resume right after them', async () => {
    const page = await paginate({}, list, load(items));
    expect(page.nodes).toHaveLength(20);
    const resumed = await paginate({ first: 3, after: page.edges[4]!.cursor }, list, load(items));
    expect(resumed.nodes.map((node) => node.id)).toEqual(['item-5', 'item-6', 'item-7']);
  });

  it('resumes after the same item when an earlier item disappeared between pages', async () => {
    const first = await paginate({ first: 10 }, list, load(items));
    const shrunk = items.filter((item) => item.id !== 'item-3');
    const next = await paginate({ first: 2, after: first.pageInfo.endCursor }, list, load(shrunk));
    expect(next.nodes.map((node) => node.id)).toEqual(['item-10', 'item-11']);
  });

  it('answers an empty list with an empty page', async () => {
    const page = await paginate({ first: 5 }, list, load([]));
    expect(page).toMatchObject({ nodes: [], edges: [], totalCount: 0 });
    expect(page.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
  });

  it.each([0, -5, 101, 1.5])('rejects first: %s as BAD_USER_INPUT without loading', async (first) => {
    let loaded = false;
    const attempt = paginate({ first }, list, async () => {
      loaded = true;
      return items;
    });
    await expect(attempt).rejects.toSatisfy((error) => codeOf(error) === 'BAD_USER_INPUT');
    expect(loaded).toBe(false);
  });

  it.each(['garbage', '!!!', Buffer.from('{"v":1}').toString('base64url'), Buffer.from('[1,2]').toString('base64url')])(
    'rejects the malformed cursor %j',
    async (after) => {
      await expect(paginate({ after }, list, load(items))).rejects.toSatisfy((error) => codeOf(error) === 'BAD_USER_INPUT');
    },
  );

  it('reads an empty `after` as no cursor', async () => {
    expect((await paginate({ after: '' }, list, load(items))).nodes[0]?.id).toBe('item-0');
  });

  it('rejects a cursor of another list', () => {
    const cursor = encodeCursor('users', 3, 'u-1');
    expect(() => decodeCursor(cursor, 'items')).toThrow(/another list/);
  });
});
