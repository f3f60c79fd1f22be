// `npm run bench`: the subgraph, with its default settings, against the simulator with a fixed
// latency per upstream call and a large organization. Reports figures (not pass/fail): upstream
// calls against the fewest possible, wall time against the critical path, throughput, latency
// percentiles and memory, for the batched server (cached, and with its cache off) and for a naive
// baseline of the same server. See bench/README.md.
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastFullMonth } from '../src/calendar.js';
import { loadConfig } from '../src/config.js';
import { startSimulator, type Simulator } from '../src/simulator/index.js';
import { openTrafficStore } from '../src/traffic/store.js';
import { checkPeriod, costWindows } from '../src/usage/period.js';
import { linesOfCode } from './loc.js';
import { COST_PAGE_SIZE } from './plan.js';
import { roundMb, writeReports, type ServerProcessResult } from './report.js';
import {
  allUsersPaged,
  flagshipCold,
  flagshipConcurrent,
  flagshipFirstRequest,
  flagshipWarm,
  smallConcurrent,
  smallWarm,
  usersByEmail,
  yearByWorkspace,
  accessReview,
  chargebackCold,
  chargebackWarm,
  type BenchContext,
  type ScenarioResult,
} from './scenarios.js';
import { startBenchServer } from './server-handle.js';

/** The latency of most scenarios, and one closer to Confluent Cloud's own for the cold ones. */
const LATENCY_MS = 25;
const REALISTIC_LATENCY_MS = 150;
/** The server's own default (UPSTREAM_MAX_CONCURRENCY), which the critical paths assume. */
const CONCURRENCY = loadConfig({}).upstreamMaxConcurrency;
const MEMORY_TARGET_MB = 256;
const SIZE = {
  environments: 50,
  clustersPerEnvironment: 3,
  users: 1_000,
  serviceAccounts: 300,
  invitations: 20,
  roleBindings: 2_000,
  costDays: 366,
};

type Scenario = (context: BenchContext) => Promise<ScenarioResult>;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The longest period the Costs API answers: from the same date a year back (the 28th for the 29th
 * of February) to today, exclusive, so through yesterday, the simulator's last day of costs.
 */
function lastYear(now = new Date()): { start: string; end: string } {
  const [year, month, day] = [now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()];
  const daysInMonthAYearBack = new Date(Date.UTC(year - 1, month + 1, 0)).getUTCDate();
  return {
    start: isoDay(new Date(Date.UTC(year - 1, month, Math.min(day, daysInMonthAYearBack)))),
    end: isoDay(new Date(Date.UTC(year, month, day))),
  };
}

/**
 * An embedded traffic store in a temporary DATA_DIR holding the month's days that the Metrics API no
 * longer holds, as a collector would have kept them: the chargeback server opens it.
 */
async function storeOfMonth(simulator: Simulator, month: { start: string; end: string }): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-traffic-'));
  const store = await openTrafficStore({ dataDir });
  await store.writeDays(simulator.trafficHistory().filter(({ day }) => day >= month.start && day < month.end));
  await store.close();
  return dataDir;
}

/** The last seven finished days, end exclusive: what the Metrics API still holds. */
function lastWeek(now = new Date()): { start: string; end: string } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { start: isoDay(new Date(today - 7 * 86_400_000)), end: isoDay(new Date(today)) };
}

/**
 * The simulator encodes a page of cost lines the first time it is asked for it and keeps it; the
 * figures are to be the subgraph's, so each period's pages are asked for once before measuring,
 * over plain HTTP as the server asks for them, page after page.
 */
async function warmSimulator(simulator: Simulator, periods: { start: string; end: string }[]): Promise<void> {
  const authorization = `Basic ${Buffer.from(`${simulator.credentials.apiKey}:${simulator.credentials.apiSecret}`).toString('base64')}`;
  for (const period of periods) {
    for (const window of costWindows(checkPeriod(period))) {
      const query = new URLSearchParams({ start_date: window.startDate, end_date: window.endDate, page_size: String(COST_PAGE_SIZE) });
      let next: string | undefined = `${simulator.url}/billing/v1/costs?${query}`;
      while (next) {
        const response = await fetch(next, { headers: { authorization } });
        if (!response.ok) throw new Error(`warming the simulator: ${response.status} for ${next}`);
        const page = (await response.json()) as { metadata?: { next?: string | null } };
        next = page.metadata?.next ?? undefined;
      }
    }
  }
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  // No latency of its own: each phase sets it for every route (see `atLatency`).
  const simulator = await startSimulator({ size: SIZE, latencyMs: 0 });
  const period = lastFullMonth();
  const yearPeriod = lastYear();
  const week = lastWeek();
  await warmSimulator(simulator, [period, yearPeriod]);
  const trafficDir = await storeOfMonth(simulator, period);
  const results: ScenarioResult[] = [];
  const serverProcesses: ServerProcessResult[] = [];
  let latencyMs = LATENCY_MS;
  const atLatency = (ms: number) => {
    latencyMs = ms;
    simulator.faults.latency(ms);
  };

  /** Scenarios run in order on one fresh server process, at the latency set. */
  async function onFreshServer(serverKind: ScenarioResult['server'], scenarios: Scenario[], dataDir?: string) {
    const naive = serverKind === 'naive';
    const server = await startBenchServer({
      dataDir,
      upstream: { apiUrl: simulator.url, telemetryUrl: simulator.telemetryUrl, ...simulator.credentials },
      cache: serverKind === 'batched + cached',
      batching: !naive,
      // The naive baseline makes thousands of sequential-ish calls; it gets time to finish.
      ...(naive ? { requestTimeoutMs: 600_000 } : {}),
    });
    const names: string[] = [];
    try {
      for (const scenario of scenarios) {
        await server.collectGarbage();
        const context = { simulator, server, serverKind, period, yearPeriod, week, latencyMs, concurrency: CONCURRENCY };
        const result = await scenario(context);
        results.push(result);
        names.push(result.scenario);
        console.log(
          `${result.server.padEnd(18)} ${String(latencyMs).padStart(3)} ms  ${result.scenario.padEnd(56)} calls ${result.upstreamCalls} (fewest ${result.fewestCalls}), ` +
            `wall ${result.wallMs} ms, p50 ${result.p50Ms} ms, peak ${result.peakRssMb} MB${result.errors ? `, ${result.errors} errors` : ''}`,
        );
      }
    } finally {
      const memory = await server.stop();
      serverProcesses.push({
        server: serverKind,
        upstreamLatencyMs: latencyMs,
        scenarios: names,
        peakRssMb: roundMb(memory.processPeakRssBytes),
      });
      console.log(
        `${serverKind.padEnd(18)} ${String(latencyMs).padStart(3)} ms  server process peak ${roundMb(memory.processPeakRssBytes)} MB`,
      );
    }
  }

  atLatency(LATENCY_MS);
  // The first request fills the caches the warm scenarios read.
  await onFreshServer('batched + cached', [flagshipFirstRequest, flagshipWarm, smallWarm, smallConcurrent, flagshipConcurrent]);
  // Five unmeasured requests first: V8 takes about four to optimize the server's code for this query.
  await onFreshServer('batched, cache off', [flagshipCold(5, 5)]);
  await onFreshServer('batched + cached', [yearByWorkspace]);
  await onFreshServer('batched + cached', [allUsersPaged]);
  await onFreshServer('batched + cached', [usersByEmail]);
  await onFreshServer('batched + cached', [accessReview]);
  await onFreshServer('batched + cached', [chargebackCold, chargebackWarm], trafficDir);

  atLatency(REALISTIC_LATENCY_MS);
  await onFreshServer('batched, cache off', [flagshipCold(5, 5)]);
  await onFreshServer('batched + cached', [yearByWorkspace]);
  await onFreshServer('batched + cached', [accessReview]);
  await onFreshServer('batched + cached', [chargebackCold], trafficDir);

  // The naive baseline at the first latency only: its flagship takes minutes as it is.
  atLatency(LATENCY_MS);
  // One run, and no warm-up.
  await onFreshServer('naive', [flagshipCold(1, 0)]);
  await onFreshServer('naive', [allUsersPaged]);
  await onFreshServer('naive', [usersByEmail]);
  await simulator.close();
  await rm(trafficDir, { recursive: true, force: true });

  const batched = serverProcesses.filter((process) => process.server !== 'naive');
  await writeReports({
    generatedAt: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt) / 1000),
    machine: { cpus: cpus().length, node: process.version },
    upstreamLatenciesMs: [LATENCY_MS, REALISTIC_LATENCY_MS],
    upstreamConcurrency: CONCURRENCY,
    period,
    yearPeriod: { ...yearPeriod, windows: costWindows(checkPeriod(yearPeriod)).length },
    organization: {
      workspaces: simulator.data.environments.length,
      clusters: simulator.data.clusters.length,
      people: simulator.data.users.length,
      serviceAccounts: simulator.data.serviceAccounts.length,
      roleBindings: simulator.data.roleBindings.length,
      costLines: simulator.data.costs.length,
    },
    linesOfCode: linesOfCode(),
    serverProcesses,
    batchedServersPeakRssMb: Math.max(...batched.map((process) => process.peakRssMb)),
    memoryTargetMb: MEMORY_TARGET_MB,
    results,
  });
}

await main();
