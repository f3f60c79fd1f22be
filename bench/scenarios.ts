import type { Simulator } from '../src/simulator/index.js';
import { checkPeriod, costWindows } from '../src/usage/period.js';
import { parseDay } from '../src/calendar.js';
import { readTraffic } from '../src/simulator/index.js';
import {
  accessReviewPlan,
  chargebackPlan,
  allUsersPlan,
  CACHED_PLAN,
  costLinesIn,
  flagshipPlan,
  peopleByEmailPlan,
  yearSummaryPlan,
  type CallPlan,
} from './plan.js';
import { ACCESS_FINDINGS, CHARGEBACK, ENTITIES, INACTIVE_FINDINGS, FLAGSHIP, SMALL, USERS_PAGE, YEAR_BY_WORKSPACE } from './queries.js';
import type { BenchResponse, BenchServer } from './server-handle.js';
import { percentile, round } from './stats.js';

export interface ScenarioResult {
  scenario: string;
  /** `batched, cache off`: the batched server with its shared cache off, so every request reads Confluent. */
  server: 'batched + cached' | 'batched, cache off' | 'naive';
  /** The simulator's delay on every upstream call during the scenario. */
  upstreamLatencyMs: number;
  requests: number;
  upstreamCalls: number;
  /** 0 where every read is in the shared cache. */
  fewestCalls: number;
  /** Upstream calls against the fewest possible (1.00 is the fewest; 1 too for no call where none was needed). */
  callRatio: number | null;
  wallMs: number;
  criticalPathMs: number | null;
  /** Wall time against the critical path. */
  criticalPathRatio: number | null;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  peakRssMb: number;
  errors: number;
}

export interface BenchContext {
  simulator: Simulator;
  server: BenchServer;
  serverKind: ScenarioResult['server'];
  /** The flagship's period: the last full month. */
  period: { start: string; end: string };
  /** The year-long summary's period: from one year back, as far as the Costs API allows, to today. */
  yearPeriod: { start: string; end: string };
  /** The last seven finished days: what the Metrics API holds. */
  week: { start: string; end: string };
  latencyMs: number;
  concurrency: number;
}

interface Measured {
  requests: number;
  durations: number[];
  wallMs: number;
  errors: number;
}

type Send = () => Promise<BenchResponse>;

/**
 * Runs a scenario and reports it. `plan` is for the whole scenario, or with `perRequest` for each
 * of its requests: the fewest calls are then the plan's times the requests, and the median request,
 * not the whole run, is held against the critical path.
 */
async function measure(
  context: BenchContext,
  name: string,
  plan: CallPlan,
  run: () => Promise<Measured>,
  perRequest = false,
): Promise<ScenarioResult> {
  context.simulator.log.clear();
  await context.server.peakMemory();
  const measured = await run();
  const upstreamCalls = context.simulator.log.count();
  const memory = await context.server.peakMemory();
  const criticalPathMs = plan.rounds > 0 ? plan.rounds * context.latencyMs : null;
  const fewestCalls = plan.fewestCalls * (perRequest ? measured.requests : 1);
  const heldAgainstCriticalPath = perRequest ? percentile(measured.durations, 50) : measured.wallMs;
  return {
    scenario: name,
    server: context.serverKind,
    upstreamLatencyMs: context.latencyMs,
    requests: measured.requests,
    upstreamCalls,
    fewestCalls,
    callRatio: fewestCalls > 0 ? round(upstreamCalls / fewestCalls, 2) : upstreamCalls === 0 ? 1 : null,
    wallMs: round(measured.wallMs),
    criticalPathMs,
    criticalPathRatio: criticalPathMs ? round(heldAgainstCriticalPath / criticalPathMs, 2) : null,
    requestsPerSecond: round(measured.requests / (measured.wallMs / 1000)),
    p50Ms: round(percentile(measured.durations, 50)),
    p95Ms: round(percentile(measured.durations, 95)),
    peakRssMb: round(memory.peakRssBytes / 1_000_000),
    errors: measured.errors,
  };
}

/** `count` requests one after another. */
async function sequential(count: number, send: Send): Promise<Measured> {
  const startedAt = performance.now();
  const durations: number[] = [];
  let errors = 0;
  for (let i = 0; i < count; i++) {
    const { ms, failed } = await send();
    durations.push(ms);
    if (failed) errors += 1;
  }
  return { requests: count, durations, wallMs: performance.now() - startedAt, errors };
}

/** `clients` clients, each sending `perClient` requests back to back. */
async function concurrent(clients: number, perClient: number, send: Send): Promise<Measured> {
  const startedAt = performance.now();
  const results = await Promise.all(Array.from({ length: clients }, () => sequential(perClient, send)));
  return {
    requests: clients * perClient,
    durations: results.flatMap((result) => result.durations),
    wallMs: performance.now() - startedAt,
    errors: results.reduce((sum, result) => sum + result.errors, 0),
  };
}

/** The very first request of a new server process: empty caches, and code not yet optimized by V8. */
export const flagshipFirstRequest = (context: BenchContext) =>
  measure(
    context,
    'flagship, first request of a new process',
    flagshipPlan(context.simulator.data, context.period, context.concurrency),
    () => sequential(1, () => context.server.graphql(FLAGSHIP, { period: context.period })),
  );

export const FLAGSHIP_COLD = 'flagship, cold';

/**
 * The flagship with nothing cached, as in a long-running server once the cache's entries have
 * expired: on a server whose shared cache is off, so every run reads Confluent, and which has
 * answered the query `warmUps` times before, unmeasured, so it has parsed, validated and compiled
 * it, and V8 has optimized the code that answers it, as in such a server. Garbage is collected
 * before each run. The median run is held against the critical path.
 */
export const flagshipCold = (runs: number, warmUps: number) => (context: BenchContext) =>
  measure(
    context,
    `${FLAGSHIP_COLD} (median of ${runs})`,
    flagshipPlan(context.simulator.data, context.period, context.concurrency),
    async () => {
      for (let warmUp = 0; warmUp < warmUps; warmUp++) await context.server.graphql(FLAGSHIP, { period: context.period });
      context.simulator.log.clear();
      const durations: number[] = [];
      let errors = 0;
      let wallMs = 0;
      for (let run = 0; run < runs; run++) {
        await context.server.collectGarbage();
        const { ms, failed } = await context.server.graphql(FLAGSHIP, { period: context.period });
        durations.push(ms);
        wallMs += ms;
        if (failed) errors += 1;
      }
      return { requests: runs, durations, wallMs, errors };
    },
    true,
  );

export const FLAGSHIP_WARM = 'flagship, warm';
export const SMALL_WARM = 'small query, warm';
/** Enough requests in a row that their p95 is not one pause of the machine's. */
const WARM_REQUESTS = 100;
/**
 * Unmeasured requests first: the responses are kept, but the code that serves a kept response has
 * yet to be optimized by V8, as it is in a server that has been answering for a while.
 */
const WARM_UP_REQUESTS = 20;

/** `send` unmeasured `WARM_UP_REQUESTS` times, then measured `WARM_REQUESTS` times in a row. */
async function warmedUp(send: Send): Promise<Measured> {
  for (let i = 0; i < WARM_UP_REQUESTS; i++) await send();
  return sequential(WARM_REQUESTS, send);
}

export const flagshipWarm = (context: BenchContext) =>
  measure(context, `${FLAGSHIP_WARM} (${WARM_REQUESTS} in a row)`, CACHED_PLAN, () =>
    warmedUp(() => context.server.graphql(FLAGSHIP, { period: context.period })),
  );

export const smallWarm = (context: BenchContext) =>
  measure(context, `${SMALL_WARM} (${WARM_REQUESTS} in a row)`, CACHED_PLAN, () => warmedUp(() => context.server.graphql(SMALL)));

export const smallConcurrent = (context: BenchContext) =>
  measure(context, 'small query, 16 clients', CACHED_PLAN, () => concurrent(16, 25, () => context.server.graphql(SMALL)));

export const flagshipConcurrent = (context: BenchContext) =>
  measure(context, 'flagship, 16 clients', CACHED_PLAN, () =>
    concurrent(16, 3, () => context.server.graphql(FLAGSHIP, { period: context.period })),
  );

export const allUsersPaged = (context: BenchContext) =>
  measure(context, 'all users, pages of 100, cold', allUsersPlan(context.simulator.data), async () => {
    const startedAt = performance.now();
    const durations: number[] = [];
    let errors = 0;
    let after: string | null = null;
    do {
      const response = await context.server.graphql(USERS_PAGE, { after });
      durations.push(response.ms);
      if (response.failed) errors += 1;
      const users = response.json().data?.users;
      after = users?.pageInfo.hasNextPage ? users.pageInfo.endCursor : null;
    } while (after);
    return { requests: durations.length, durations, wallMs: performance.now() - startedAt, errors };
  });

export const usersByEmail = (context: BenchContext) => {
  const representations = context.simulator.data.users.slice(0, 200).map((user) => ({ __typename: 'User', email: user.email }));
  return measure(context, '_entities: 200 users by email, cold', peopleByEmailPlan(context.simulator.data), () =>
    sequential(1, () => context.server.graphql(ENTITIES, { representations })),
  );
};

export const ACCESS_REVIEW = 'access review with last week’s activity';

/**
 * The contract's AccessFindings over the whole organization with last week's Kafka traffic, as the
 * first request of a new server: every listing and the Metrics API's queries read cold. Its first
 * page, most severe first, must open with a key of a deleted owner, and the review must count
 * inactive principals (asked once more by kind, answered from the shared cache, not measured).
 */
export const accessReview = (context: BenchContext) => {
  const { data } = context.simulator;
  // The Metrics API's groups: (cluster, principal) pairs with traffic in the days it still holds.
  const range = { fromDay: parseDay(context.week.start)!, toDay: parseDay(context.week.end)! };
  const groups = new Set(
    readTraffic(
      data.traffic,
      range,
      data.clusters.map((cluster) => cluster.id),
    ).map((day) => `${day.clusterId} ${day.principalId}`),
  );
  return measure(
    context,
    `${ACCESS_REVIEW}, first request of a new process`,
    accessReviewPlan(data, groups.size, context.concurrency),
    async () => {
      const response = await context.server.graphql(ACCESS_FINDINGS, { first: 100, activityPeriod: context.week });
      const first = response.json().data?.accessFindings?.nodes?.[0]?.kind;
      const inactive = await context.server.graphql(INACTIVE_FINDINGS, { activityPeriod: context.week });
      const inactiveCount = inactive.json().data?.accessFindings?.totalCount ?? 0;
      const failed = response.failed || first !== 'API_KEY_OF_DELETED_OWNER' || !(inactiveCount > 0);
      if (failed && !response.failed) console.error(`${ACCESS_REVIEW}: first finding ${first}, ${inactiveCount} inactive principals`);
      return { requests: 1, durations: [response.ms], wallMs: response.ms, errors: failed ? 1 : 0 };
    },
  );
};

export const CHARGEBACK_NAME = 'chargeback, a month';

/** Micro-dollars of a Decimal: the sums are checked exactly, not as floats. */
const microsOf = (decimal: string): bigint => {
  const [whole = '0', fraction = ''] = decimal.replace('-', '').split('.');
  const micros = BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
  return decimal.startsWith('-') ? -micros : micros;
};

/** The month's bill in micro-dollars, straight from the simulator. */
function billedMicros(context: BenchContext): bigint {
  const { start, end } = context.period;
  return context.simulator.data.costs
    .filter((cost) => cost.start_date.slice(0, 10) >= start && cost.start_date.slice(0, 10) < end)
    .reduce((sum, cost) => sum + BigInt(Math.round((cost.amount ?? cost.original_amount - (cost.discount_amount ?? 0)) * 1_000_000)), 0n);
}

/** Whether a Chargeback answer adds up to the month's bill exactly and allocates some of it. */
function exactChargeback(response: BenchResponse, billed: bigint): boolean {
  const answer: Array<{ principalId: string | null; cost: { amount: string } }> = response.json().data?.usageSummary ?? [];
  const total = answer.reduce((sum, group) => sum + microsOf(group.cost.amount), 0n);
  const allocated = answer.some((group) => group.principalId !== null);
  if (total !== billed || !allocated)
    console.error(`${CHARGEBACK_NAME}: groups sum to ${total} µ$, billed ${billed}; allocated: ${allocated}`);
  return total === billed && allocated;
}

/**
 * The contract's Chargeback for the flagship's month as the first request of a new process, its
 * traffic store holding the month's days that the Metrics API no longer does. Its groups must add
 * up to the month's bill exactly, and allocate some of it.
 */
export const chargebackCold = (context: BenchContext) => {
  const { data } = context.simulator;
  const recent = {
    fromDay: Math.max(parseDay(context.period.start)!, parseDay(context.week.start)!),
    toDay: parseDay(context.period.end)!,
  };
  const groups = new Set(
    readTraffic(
      data.traffic,
      recent,
      data.clusters.map((cluster) => cluster.id),
    ).map((day) => `${day.clusterId} ${day.principalId}`),
  );
  const billed = billedMicros(context);
  return measure(
    context,
    `${CHARGEBACK_NAME}, first request of a new process`,
    chargebackPlan(data, context.period, groups.size, context.concurrency),
    async () => {
      const response = await context.server.graphql(CHARGEBACK, { period: context.period });
      return {
        requests: 1,
        durations: [response.ms],
        wallMs: response.ms,
        errors: response.failed || !exactChargeback(response, billed) ? 1 : 0,
      };
    },
  );
};

/** The same again on the same server: its response kept. */
export const chargebackWarm = (context: BenchContext) =>
  measure(context, `${CHARGEBACK_NAME}, warm (${WARM_REQUESTS} in a row)`, CACHED_PLAN, () =>
    warmedUp(() => context.server.graphql(CHARGEBACK, { period: context.period })),
  );

export const YEAR_SUMMARY = 'usage by workspace, a year';

/**
 * A year of the organization's cost by workspace (`usageSummary(groupBy: [WORKSPACE])` with the
 * workspaces' names), as the first request of a new batched and cached server: its twelve windows
 * of cost lines read from Confluent, its code not yet optimized. Run once: a second run would be
 * answered from the cache. The response is checked against the simulator: its groups must count
 * every cost line of the period once.
 */
export const yearByWorkspace = (context: BenchContext) => {
  const windows = costWindows(checkPeriod(context.yearPeriod));
  const expectedLines = windows.reduce(
    (sum, window) => sum + costLinesIn(context.simulator.data, { start: window.startDate, end: window.endDate }),
    0,
  );
  return measure(
    context,
    `${YEAR_SUMMARY} (${windows.length} windows), first request of a new process`,
    yearSummaryPlan(context.simulator.data, windows, context.concurrency),
    async () => {
      const startedAt = performance.now();
      const response = await context.server.graphql(YEAR_BY_WORKSPACE, { period: context.yearPeriod });
      const wallMs = performance.now() - startedAt;
      let failed = response.failed;
      if (!failed) {
        const groups: { lineItemCount: number }[] = response.json().data?.usageSummary ?? [];
        const lines = groups.reduce((sum, group) => sum + group.lineItemCount, 0);
        if (lines !== expectedLines) {
          console.error(`${YEAR_SUMMARY}: the groups count ${lines} cost lines, the period has ${expectedLines}`);
          failed = true;
        }
      }
      return { requests: 1, durations: [response.ms], wallMs, errors: failed ? 1 : 0 };
    },
  );
};
