import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/context.js';
import { LastRequestKeeper } from '../../src/graphql/last-request-keeper.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * Runs request `id` through the keeper's hooks, as Apollo Server does once its answer is ready, and
 * gives back weak references to its context and response: nothing else holds them.
 */
async function answer(keeper: LastRequestKeeper, id: number): Promise<Array<WeakRef<object>>> {
  const context = { id };
  const response = { body: id };
  const listener = await keeper.requestDidStart();
  await listener.willSendResponse?.({ contextValue: context, response } as unknown as GraphQLRequestContextWillSendResponse<Context>);
  return [new WeakRef(context), new WeakRef(response)];
}

/** Collects garbage a few times, letting the stack unwind in between. */
async function collectSeveralTimes(): Promise<void> {
  for (let round = 0; round < 5; round++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    collectGarbage();
  }
}

describe('the last request keeper', () => {
  it('keeps the last request answered through garbage collections, and lets it go once the next one is answered', async () => {
    const keeper = new LastRequestKeeper();
    const first = await answer(keeper, 1);
    await collectSeveralTimes();
    expect(first.map((reference) => reference.deref())).toEqual([{ id: 1 }, { body: 1 }]);

    const second = await answer(keeper, 2);
    await collectSeveralTimes();
    expect(first.map((reference) => reference.deref())).toEqual([undefined, undefined]);
    expect(second.map((reference) => reference.deref())).toEqual([{ id: 2 }, { body: 2 }]);
    expect(keeper.kept).toEqual({ context: { id: 2 }, response: { body: 2 } });
  });
});
