// The server's log under faults: one line per request with its upstream request count, retries at
// warn with the fields an operator needs, and never the credential.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/confluent/routes.js';
import { lastFullMonth } from '../helpers/expected.js';
import { FLAGSHIP_DOCUMENT, FLAGSHIP_OPERATION } from '../helpers/flagship.js';
import { startStack, type Stack } from '../helpers/stack.js';

const WARN = 40;
const INFO = 30;

describe('logs', () => {
  let stack: Stack;
  let lines: Array<Record<string, unknown>>;

  beforeAll(async () => {
    stack = await startStack();
    stack.simulator.faults.rateLimit({ route: ROUTES.costs, times: 1, retryAfterSeconds: 0 });
    stack.simulator.faults.serverErrors({ route: ROUTES.environments, times: 1, status: 503 });
    const { errors } = await stack.graphqlDocument(FLAGSHIP_DOCUMENT, FLAGSHIP_OPERATION, { period: lastFullMonth() });
    expect(errors).toBeUndefined();
    lines = stack.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
  });
  afterAll(() => stack.close());

  it('never writes the secret or the Basic credential built from it', () => {
    const { apiKey, apiSecret } = stack.simulator.credentials;
    const basic = Buffer.from(`${apiKey}:${apiSecret}`).toString('base64');
    expect(stack.logLines.length).toBeGreaterThan(10);
    for (const line of stack.logLines) {
      expect(line).not.toContain(apiSecret);
      expect(line).not.toContain(basic);
    }
  });

  it('writes one info line for the request, with as many upstream calls as the simulator received', () => {
    const requestLines = lines.filter((line) => line.msg === 'graphql request');
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({
      level: INFO,
      operationName: FLAGSHIP_OPERATION,
      upstreamCalls: stack.simulator.log.count(),
      errorCodes: [],
      durationMs: expect.any(Number),
      requestId: expect.any(String),
    });
  });

  it('writes each retry at warn with its route, status, attempt, delay, Confluent request id and GraphQL request id', () => {
    const retries = lines.filter((line) => line.msg === 'retrying Confluent call');
    const refused = stack.simulator.log.entries.filter((entry) => entry.status === 429 || entry.status === 503);
    const graphqlRequest = lines.find((line) => line.msg === 'graphql request');
    expect(retries.map((line) => [line.route, line.status]).sort()).toEqual(
      [
        [ROUTES.environments, 503],
        [ROUTES.costs, 429],
      ].sort(),
    );
    for (const line of retries) {
      expect(line).toMatchObject({ level: WARN, attempt: 1, delayMs: expect.any(Number), requestId: graphqlRequest?.requestId });
      expect(refused.map((entry) => entry.requestId)).toContain(line.upstreamRequestId);
    }
  });
});

describe('logs with the shared cache', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ config: { cache: { kind: 'memory', maxBytes: 10_000_000 } } });
  });
  afterAll(() => stack.close());

  it('counts the upstream calls of the request that made them, and none for one served from the cache', async () => {
    const query = `query Workspaces { workspaces(first: 5) { totalCount nodes { clusters(first: 5) { totalCount } } } }`;
    await stack.graphql(query);
    const made = stack.simulator.log.count();
    await stack.graphql(query);
    expect(stack.simulator.log.count()).toBe(made);
    const counts = stack.logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'graphql request')
      .map((line) => line.upstreamCalls);
    expect(made).toBeGreaterThan(1);
    expect(counts).toEqual([made, 0]);
  });
});
