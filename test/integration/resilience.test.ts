// The contract's flagship operation under the simulator's faults: rate limits and server errors
// within the retry budget are absorbed; a failure that outlasts it, or a hanging route, fails only
// the fields that need that route, within the request's deadline. No fault shows the secret.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { contractExists } from '../helpers/contract.js';
import { lastFullMonth } from '../helpers/expected.js';
import { FLAGSHIP_DOCUMENT, FLAGSHIP_OPERATION } from '../helpers/flagship.js';
import { startStack, type GraphQLResponse, type Stack } from '../helpers/stack.js';

const COSTS = 'GET /billing/v1/costs';
const ENVIRONMENTS = 'GET /org/v2/environments';
const USAGE_FIELDS = ['usage', 'usageSummary'];

describe.skipIf(!contractExists)('WorkspaceUsageAndAccess under upstream faults', () => {
  const period = lastFullMonth();
  let faultFree: { response: GraphQLResponse; calls: Record<string, number>; total: number };
  let stack: Stack | undefined;

  async function freshStack(config: Partial<Config> = {}): Promise<Stack> {
    stack = await startStack({ config });
    return stack;
  }

  const flagship = (on: Stack) => on.graphqlDocument(FLAGSHIP_DOCUMENT, FLAGSHIP_OPERATION, { period });
  const statuses = (on: Stack) => on.simulator.log.entries.map((entry) => entry.status);

  /** The fault-free answer with the usage fields of every workspace taken out. */
  function withoutUsage(data: any) {
    return data.workspaces.nodes.map(({ usage: _usage, usageSummary: _summary, ...rest }: any) => rest);
  }

  beforeAll(async () => {
    const baseline = await startStack();
    const response = await flagship(baseline);
    faultFree = { response, calls: baseline.simulator.log.countsByRoute(), total: baseline.simulator.log.count() };
    await baseline.close();
    expect(response.errors).toBeUndefined();
    expect(faultFree.calls[COSTS]).toBeGreaterThan(0);
  });

  afterEach(async () => {
    // Lets hanging requests go before closing.
    stack?.simulator.faults.clear();
    await stack?.close();
    stack = undefined;
  });

  it('answers in full through a 429 storm within the retry budget, one retry per 429', async () => {
    const on = await freshStack();
    on.simulator.faults.rateLimit({ times: 4, retryAfterSeconds: 1 });
    const response = await flagship(on);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual(faultFree.response.data);
    expect(statuses(on).filter((status) => status === 429)).toHaveLength(4);
    expect(on.simulator.log.count()).toBe(faultFree.total + 4);
  });

  it('answers in full through a burst of 503s, retrying each GET', async () => {
    const on = await freshStack();
    on.simulator.faults.serverErrors({ times: 3 });
    const response = await flagship(on);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual(faultFree.response.data);
    expect(on.simulator.log.count()).toBe(faultFree.total + 3);
  });

  it('confines 503s that outlast the retries to the usage fields', async () => {
    const on = await freshStack();
    on.simulator.faults.serverErrors({ route: COSTS, times: 1_000 });
    const response = await flagship(on);
    const workspaces = faultFree.response.data.workspaces.nodes.length;
    expect(response.errors).toHaveLength(2 * workspaces);
    for (const error of response.errors ?? []) {
      expect(error.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', upstreamRequestId: expect.any(String) });
      expect(error.path).toEqual([
        'workspaces',
        'nodes',
        expect.any(Number),
        expect.toSatisfy((field: string) => USAGE_FIELDS.includes(field)),
      ]);
    }
    expect(withoutUsage(response.data)).toEqual(withoutUsage(faultFree.response.data));
    expect(response.data.workspaces.nodes.every((node: any) => node.usage === null && node.usageSummary === null)).toBe(true);
    // Five attempts per costs call, then the failure stands.
    expect(on.simulator.log.countsByRoute()[COSTS]).toBe(5 * faultFree.calls[COSTS]!);
  });

  it(
    'fails only the usage fields with UPSTREAM_TIMEOUT when the costs route hangs, and answers by the deadline',
    { timeout: 10_000 },
    async () => {
      const on = await freshStack({ requestTimeoutMs: 1_500 });
      on.simulator.faults.hang(COSTS);
      const response = await flagship(on);
      const workspaces = faultFree.response.data.workspaces.nodes.length;
      expect(response.status).toBe(200);
      expect(response.errors).toHaveLength(2 * workspaces);
      for (const error of response.errors ?? []) {
        expect(error.message).toBe('Confluent Cloud did not answer in time');
        expect(error.extensions?.code).toBe('UPSTREAM_TIMEOUT');
        expect(error.path?.slice(0, 2)).toEqual(['workspaces', 'nodes']);
        expect(USAGE_FIELDS).toContain(error.path?.[3]);
      }
      // Workspaces, their clusters and role bindings, exactly as without the fault.
      expect(withoutUsage(response.data)).toEqual(withoutUsage(faultFree.response.data));
      expect(on.simulator.log.countsByRoute()[COSTS]).toBe(faultFree.calls[COSTS]);
    },
  );

  it('retries a GET whose connection was dropped', async () => {
    const on = await freshStack();
    on.simulator.faults.drop({ route: ENVIRONMENTS, times: 2 });
    const response = await flagship(on);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual(faultFree.response.data);
    expect(on.simulator.log.countsByRoute()[ENVIRONMENTS]).toBe(faultFree.calls[ENVIRONMENTS]! + 2);
    expect(statuses(on).filter((status) => status === 0)).toHaveLength(2);
  });

  it('shows the API secret in no response and no log line of a run through every fault', async () => {
    const on = await freshStack({ requestTimeoutMs: 2_000 });
    const { apiKey, apiSecret } = on.simulator.credentials;
    const basic = Buffer.from(`${apiKey}:${apiSecret}`).toString('base64');
    const faults = on.simulator.faults;
    const bodies: string[] = [];
    const run = async (inject: () => void) => {
      faults.clear();
      inject();
      bodies.push(JSON.stringify(await flagship(on)));
    };
    await run(() => faults.rateLimit({ times: 3, retryAfterSeconds: 1 }));
    await run(() => faults.serverErrors({ times: 3, status: 502 }));
    await run(() => faults.serverErrors({ route: COSTS, times: 1_000, status: 500 }));
    await run(() => faults.drop({ times: 2 }));
    await run(() => faults.hang(COSTS));
    // The checks below are not vacuous: the run failed fields and logged its retries.
    expect(bodies.some((body) => body.includes('UPSTREAM_TIMEOUT'))).toBe(true);
    expect(on.logLines.some((line) => line.includes('retrying Confluent call'))).toBe(true);
    for (const text of [...bodies, ...on.logLines]) {
      expect(text).not.toContain(apiSecret);
      expect(text).not.toContain(basic);
    }
  });
});
