import { describe, expect, it } from 'vitest';
import { ConfluentError } from '../../src/confluent/errors.js';
import { collectItems, nextPageToken, pagesOf } from '../../src/confluent/pagination.js';
import type { ListEnvelope } from '../../src/confluent/types.js';

const ROUTE = 'GET /iam/v2/users';

function page(data: number[], next?: string | null): ListEnvelope<number> {
  return { api_version: 'iam/v2', kind: 'UserList', metadata: next === undefined ? {} : { next }, data };
}

/** A fake server: answers each token with the next page, recording the tokens it was asked for. */
function serve(pages: Record<string, ListEnvelope<number>>): {
  fetch: (token?: string) => Promise<ListEnvelope<number>>;
  asked: (string | undefined)[];
} {
  const asked: (string | undefined)[] = [];
  return {
    asked,
    fetch: async (token) => {
      asked.push(token);
      const answer = pages[token ?? 'first'];
      if (!answer) throw new Error(`no page for ${token}`);
      return answer;
    },
  };
}

describe('pagesOf', () => {
  it('follows page_token from metadata.next to the end, ignoring the host of next', async () => {
    const server = serve({
      first: page([1, 2], 'https://elsewhere.example/iam/v2/users?page_size=2&page_token=t2'),
      t2: page([3, 4], '/iam/v2/users?page_token=t3'),
      t3: page([5]),
    });
    expect(await collectItems(pagesOf(ROUTE, server.fetch))).toEqual([1, 2, 3, 4, 5]);
    expect(server.asked).toEqual([undefined, 't2', 't3']);
  });

  it.each([null, ''])('stops when next is %j', async (next) => {
    const server = serve({ first: page([1], next) });
    expect(await collectItems(pagesOf(ROUTE, server.fetch))).toEqual([1]);
  });

  it('refuses a page token it has already followed', async () => {
    const server = serve({
      first: page([1], '/iam/v2/users?page_token=a'),
      a: page([2], '/iam/v2/users?page_token=b'),
      b: page([3], '/iam/v2/users?page_token=a'),
    });
    const reading = collectItems(pagesOf(ROUTE, server.fetch));
    await expect(reading).rejects.toBeInstanceOf(ConfluentError);
    await expect(reading).rejects.toMatchObject({ kind: 'http', route: ROUTE, detail: 'a page token came back twice' });
    expect(server.asked).toEqual([undefined, 'a', 'b']);
  });

  it('refuses a body that is not a list', async () => {
    const notAList = { kind: 'User', id: 'u-1' } as unknown as ListEnvelope<number>;
    await expect(collectItems(pagesOf(ROUTE, async () => notAList))).rejects.toMatchObject({
      detail: 'the body is not a list',
    });
  });
});

describe('nextPageToken', () => {
  it('decodes the token', () => {
    expect(nextPageToken(ROUTE, 'https://api.confluent.cloud/cmk/v2/clusters?environment=env-1&page_token=a%2Bb%3D')).toBe('a+b=');
  });

  it('refuses a next link without a token rather than stop early', () => {
    expect(() => nextPageToken(ROUTE, 'https://api.confluent.cloud/iam/v2/users?page_size=100')).toThrow(ConfluentError);
  });
});
