// `npm run bench`: the subgraph against the simulator with a fixed latency per upstream call and
// a large organization. Reports figures (not pass/fail): upstream calls against the fewest
// possible, wall time against the critical path, throughput, latency percentiles and memory,
// for the batched and cached server and for a naive baseline of the same server.
import { cpus } from 'node:os';
import { lastFullMonth } from '../src/calendar.js';
import { ConfluentClient } from '../src/confluent/client.js';
import { startSimulator, type Simulator } from '../src/simulator/index.js';
import { checkPeriod, costWindows } from '../src/usage/period.js';
import { writeReports } from './report.js';
import {
  allUsersPaged,
  flagshipCold,
  flagshipConcurrent,
  flagshipFirstRequest,
  flagshipWarm,
  smallConcurrent,
  smallWarm,
  usersByEmail,
  type BenchContext,
  type ScenarioResult,
} from './scenarios.js';
import { startBenchServer } from './server-handle.js';

const LATENCY_MS = 25;
const CONCURRENCY = 4; // the default UPSTREAM_MAX_CONCURRENCY
const SIZE = { environments: 50, clustersPerEnvironment: 3, users: 1_000, serviceAccounts: 300, invitations: 20, roleBindings: 2_000, costDays: 366 };

type Scenario = (context: BenchContext) => Promise<ScenarioResult>;

/**
 * The simulator encodes a page of cost lines the first time it is asked for it and keeps it; the
 * figures are to be the subgraph's, so the period's pages are asked for once before measuring.
 */
async function warmSimulator(simulator: Simulator, period: { start: string; end: string }): Promise<void> {
  const client = new ConfluentClient({ apiUrl: simulator.url, ...simulator.credentials });
  for (const window of costWindows(checkPeriod(period))) await client.listCosts(window);
  await client.close();
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const simulator = await startSimulator({ size: SIZE, latencyMs: LATENCY_MS });
  const period = lastFullMonth();
  await warmSimulator(simulator, period);
  const results: ScenarioResult[] = [];

  /** Scenarios run in order on one fresh server process. */
  async function onFreshServer(serverKind: ScenarioResult['server'], scenarios: Scenario[]) {
    const naive = serverKind === 'naive';
    const server = await startBenchServer({
      upstream: { apiUrl: simulator.url, ...simulator.credentials },
      cache: serverKind === 'batched + cached',
      batching: !naive,
      // The naive baseline makes thousands of sequential-ish calls; it gets time to finish.
      requestTimeoutMs: naive ? 600_000 : 25_000,
    });
    try {
      for (const scenario of scenarios) {
        await server.collectGarbage();
        const result = await scenario({ simulator, server, serverKind, period, latencyMs: LATENCY_MS, concurrency: CONCURRENCY });
        results.push(result);
        console.log(`${result.server.padEnd(18)} ${result.scenario.padEnd(36)} calls ${result.upstreamCalls} (fewest ${result.fewestCalls ?? '-'}), wall ${result.wallMs} ms, p95 ${result.p95Ms} ms`);
      }
    } finally {
      await server.stop();
    }
  }

  // The first request fills the caches the warm scenarios read.
  await onFreshServer('batched + cached', [flagshipFirstRequest, flagshipWarm, smallWarm, smallConcurrent, flagshipConcurrent]);
  // Five unmeasured requests first: V8 takes about four to optimize the server's code for this
  // query (on fresh servers the first five took a median 1,838, 793, 708, 659 and 627 ms, the next
  // eleven 604 to 691).
  await onFreshServer('batched, cache off', [flagshipCold(5, 5)]);
  await onFreshServer('batched + cached', [allUsersPaged]);
  await onFreshServer('batched + cached', [usersByEmail]);
  // One run, and no warm-up: the naive flagship takes minutes.
  await onFreshServer('naive', [flagshipCold(1, 0)]);
  await onFreshServer('naive', [allUsersPaged]);
  await onFreshServer('naive', [usersByEmail]);
  await simulator.close();

  await writeReports({
    generatedAt: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt) / 1000),
    machine: { cpus: cpus().length, node: process.version },
    upstreamLatencyMs: LATENCY_MS,
    upstreamConcurrency: CONCURRENCY,
    period,
    organization: {
      workspaces: simulator.data.environments.length,
      clusters: simulator.data.clusters.length,
      people: simulator.data.users.length,
      serviceAccounts: simulator.data.serviceAccounts.length,
      roleBindings: simulator.data.roleBindings.length,
      costLines: simulator.data.costs.length,
    },
    results,
  });
}

await main();
