// The traffic collector over the simulator's Metrics API (about 7 days kept, Confluent's rules) into
// both stores: the days it still holds, exactly, each written once however many collectors run;
// and over a fake client, the batches, intervals and failures the simulator's size does not reach.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatDay, parseDay } from '../../src/calendar.js';
import { ConfluentClient, type KafkaTrafficPoint, type KafkaTrafficQuery } from '../../src/confluent/client.js';
import type { Environment, KafkaCluster } from '../../src/confluent/types.js';
import { createLogger } from '../../src/logger.js';
import { readTraffic, startSimulator, type Simulator } from '../../src/simulator/index.js';
import { collectTraffic, type TrafficSource } from '../../src/traffic/collector.js';
import { startTrafficCollection } from '../../src/traffic/schedule.js';
import { openTrafficStore, type TrafficRow, type TrafficStore } from '../../src/traffic/store.js';
import { postgresTests, startPostgres, type PostgresUnderTest } from '../helpers/postgres.js';

const METRICS = 'POST /v2/metrics/{dataset}/query';
const TODAY = '2026-03-15';
const today = parseDay(TODAY)!;
const NOON = new Date(`${TODAY}T12:00:00Z`);
const days = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => formatDay(from + index));
const byKey = (left: TrafficRow, right: TrafficRow) =>
  `${left.day}/${left.clusterId}/${left.principalId}` < `${right.day}/${right.clusterId}/${right.principalId}` ? -1 : 1;

const opened: TrafficStore[] = [];
async function track(store: Promise<TrafficStore>) {
  opened.push(await store);
  return opened.at(-1)!;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

describe('collecting traffic from the simulator', () => {
  let simulator: Simulator;
  let postgres: PostgresUnderTest | undefined;
  const clients: ConfluentClient[] = [];
  const clientOf = () => {
    const { url, telemetryUrl, credentials } = simulator;
    clients.push(new ConfluentClient({ apiUrl: url, telemetryUrl, ...credentials }));
    return clients.at(-1)!;
  };
  /** What the simulator's Metrics API keeps: the seven days before its today, as store rows. */
  const retained = () =>
    readTraffic(
      simulator.data.traffic,
      { fromDay: today - 7, toDay: today },
      simulator.data.clusters.map((cluster) => cluster.id),
    )
      .map((entry) => ({ ...entry, day: formatDay(entry.day) }))
      .sort(byKey);

  beforeAll(async () => {
    simulator = await startSimulator({ today: TODAY });
    if (postgresTests.run) postgres = await startPostgres();
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await postgres?.stop();
    await simulator?.close();
  });
  beforeEach(() => simulator.log.clear());

  const backends: Array<[string, () => Promise<() => Promise<TrafficStore>>]> = [
    [
      'the embedded store in memory, shared',
      async () => {
        const store = await openTrafficStore({ inMemory: true });
        opened.push(store);
        return async () => store;
      },
    ],
  ];
  if (postgresTests.run)
    backends.push([
      `Postgres (${postgresTests.label})`,
      async () => {
        const databaseUrl = await postgres!.createDatabase();
        return () => track(openTrafficStore({ databaseUrl }));
      },
    ]);

  describe.each(backends)('into %s', (_name, freshDatabase) => {
    it('writes the finished days the Metrics API still holds, with its traffic exactly, in two Metrics queries', async () => {
      const open = await freshDatabase();
      const store = await open();
      const written = await collectTraffic({ client: clientOf(), store, now: NOON });
      expect(written).toEqual(days(today - 7, today));
      expect([...(await store.collectedDays({ start: formatDay(today - 30), end: TODAY }))].sort()).toEqual(written);
      // Days older than what the Metrics API keeps came back empty: they are not marked.
      expect(await store.collectedDays({ start: formatDay(today - 14), end: formatDay(today - 7) })).toEqual(new Set());
      expect((await store.rows({ start: formatDay(today - 30), end: formatDay(today + 1) })).sort(byKey)).toEqual(retained());
      expect(simulator.log.count(METRICS)).toBe(2);
      expect(simulator.log.count('GET /org/v2/environments')).toBe(1);
      expect(simulator.log.count('GET /cmk/v2/clusters')).toBe(simulator.data.environments.length);
    });

    it('writes nothing new on a second run, and leaves the days as they are', async () => {
      const open = await freshDatabase();
      const store = await open();
      await collectTraffic({ client: clientOf(), store, now: NOON });
      const before = await store.rows({ start: formatDay(today - 30), end: TODAY });
      simulator.log.clear();
      expect(await collectTraffic({ client: clientOf(), store, now: NOON })).toEqual([]);
      expect(await store.rows({ start: formatDay(today - 30), end: TODAY })).toEqual(before);
      // It asks again for the days it does not hold, and takes what comes back: nothing.
      expect(simulator.log.count(METRICS)).toBe(2);
    });

    it('writes each day once when two collectors run at once', async () => {
      const open = await freshDatabase();
      const [first, second] = [await open(), await open()];
      const [one, two] = await Promise.all([
        collectTraffic({ client: clientOf(), store: first, now: NOON }),
        collectTraffic({ client: clientOf(), store: second, now: NOON }),
      ]);
      expect([...one, ...two].sort()).toEqual(days(today - 7, today));
      expect((await second.rows({ start: formatDay(today - 30), end: TODAY })).sort(byKey)).toEqual(retained());
      expect(simulator.log.count(METRICS)).toBe(4);
    });

    it('catches up the days it lacks, from the first of them, and keeps the days it holds', async () => {
      const open = await freshDatabase();
      const store = await open();
      const kept = { day: formatDay(today - 3), rows: [] };
      await store.writeDays([kept]);
      const written = await collectTraffic({ client: clientOf(), store, now: NOON });
      expect(written).toEqual(days(today - 7, today).filter((day) => day !== kept.day));
      expect((await store.rows({ start: kept.day, end: formatDay(today - 2) })).length).toBe(0);
    });
  });
});

/** A client with `clusters` clusters over two environments, whose Metrics API answers from `points`. */
function fakeSource(clusterCount: number, points: (query: KafkaTrafficQuery) => KafkaTrafficPoint[] = () => []) {
  const queries: KafkaTrafficQuery[] = [];
  const clusters = Array.from({ length: clusterCount }, (_, index) => ({ id: `lkc-${index}` }) as KafkaCluster);
  const source: TrafficSource = {
    listEnvironments: async () => [{ id: 'env-1' }, { id: 'env-2' }] as Environment[],
    listClusters: async (environmentId) => clusters.filter((_, index) => (index % 2 === 0) === (environmentId === 'env-1')),
    queryKafkaTraffic: async (query) => {
      queries.push(query);
      return points(query);
    },
  };
  return { source, queries };
}

describe('collecting traffic, in the details', () => {
  it('asks about 400 clusters a query, two queries per batch, and adds up the points of each pair', async () => {
    const day = formatDay(today - 1);
    const { source, queries } = fakeSource(401, (query) =>
      query.clusterIds.includes('lkc-400')
        ? [
            { day, clusterId: 'lkc-400', principalId: 'sa-1', bytes: 10.4 },
            { day, clusterId: 'lkc-400', principalId: 'sa-1', bytes: 5 },
          ]
        : [],
    );
    const store = await track(openTrafficStore({ inMemory: true }));
    expect(await collectTraffic({ client: source, store, now: NOON })).toEqual([day]);
    expect(queries.map((query) => [query.metric, query.clusterIds.length])).toEqual([
      ['io.confluent.kafka.server/request_bytes', 400],
      ['io.confluent.kafka.server/request_bytes', 1],
      ['io.confluent.kafka.server/response_bytes', 400],
      ['io.confluent.kafka.server/response_bytes', 1],
    ]);
    expect(new Set(queries.flatMap((query) => query.clusterIds)).size).toBe(401);
    expect(await store.rows({ start: day, end: TODAY })).toEqual([
      { day, clusterId: 'lkc-400', principalId: 'sa-1', requestBytes: 15, responseBytes: 15 },
    ]);
  });

  it('asks from the first day it lacks to the last finished day, and nothing at all when it lacks none', async () => {
    const { source, queries } = fakeSource(3);
    const store = await track(openTrafficStore({ inMemory: true }));
    await store.writeDays(days(today - 14, today - 5).map((day) => ({ day, rows: [] })));
    await collectTraffic({ client: source, store, now: NOON });
    expect(queries.map(({ start, end }) => [start, end])).toEqual([
      [`${formatDay(today - 5)}T00:00:00Z`, `${TODAY}T00:00:00Z`],
      [`${formatDay(today - 5)}T00:00:00Z`, `${TODAY}T00:00:00Z`],
    ]);
    await store.writeDays(days(today - 5, today).map((day) => ({ day, rows: [] })));
    queries.length = 0;
    expect(await collectTraffic({ client: source, store, now: NOON })).toEqual([]);
    expect(queries).toEqual([]);
  });

  it('takes a day as finished an hour after it ends: the Metrics API is a few minutes late', async () => {
    const { source, queries } = fakeSource(1);
    const store = await track(openTrafficStore({ inMemory: true }));
    await collectTraffic({ client: source, store, now: new Date(`${TODAY}T00:30:00Z`), lookbackDays: 2 });
    expect(queries[0]).toMatchObject({ start: `${formatDay(today - 3)}T00:00:00Z`, end: `${formatDay(today - 1)}T00:00:00Z` });
  });

  it('writes nothing when a query fails, and fails with its error', async () => {
    const { source } = fakeSource(2);
    source.queryKafkaTraffic = async (query) => {
      if (query.metric.endsWith('response_bytes')) throw new Error('rate limited');
      return [{ day: formatDay(today - 1), clusterId: 'lkc-0', principalId: 'sa-1', bytes: 1 }];
    };
    const store = await track(openTrafficStore({ inMemory: true }));
    await expect(collectTraffic({ client: source, store, now: NOON })).rejects.toThrow('rate limited');
    expect(await store.collectedDays({ start: formatDay(today - 30), end: TODAY })).toEqual(new Set());
  });
});

describe('collecting traffic on a timer (COLLECT_TRAFFIC=on)', () => {
  const logged = () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    return { logger: createLogger('info', sink), lines };
  };

  it('collects at start and then on every tick, logs a failure without throwing, and stops', async () => {
    let calls = 0;
    const { source } = fakeSource(1);
    source.listEnvironments = async () => {
      calls++;
      if (calls === 1) throw new Error('Confluent is down');
      return [];
    };
    const { logger, lines } = logged();
    const store = await track(openTrafficStore({ inMemory: true }));
    const stop = startTrafficCollection({ client: source, store, logger, intervalMs: 20 });
    await expect.poll(() => calls, { timeout: 2_000 }).toBeGreaterThanOrEqual(3);
    await stop();
    const stoppedAt = calls;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(calls).toBe(stoppedAt);
    expect(lines.find((line) => line.level === 50)).toMatchObject({ msg: expect.stringMatching(/^traffic collection failed/) });
  });
});

describe('npm run collect', () => {
  const ROOT = new URL('../../', import.meta.url);
  async function collect(env: Record<string, string>) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/collect.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const [code] = (await once(child, 'exit')) as [number | null];
    return { code, stdout, stderr };
  }
  let simulator: Simulator;
  const dataDir = mkdtempSync(join(tmpdir(), 'collect-'));
  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(async () => {
    await simulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const real = () => ({
    CONFLUENT_CLOUD_API_KEY: simulator.credentials.apiKey,
    CONFLUENT_CLOUD_API_SECRET: simulator.credentials.apiSecret,
    CONFLUENT_API_URL: simulator.url,
    CONFLUENT_TELEMETRY_URL: simulator.telemetryUrl,
  });

  it('says in one line that it needs a Confluent organization, without credentials', async () => {
    const { code, stdout, stderr } = await collect({ DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^confluent-subgraph collect: the collector needs a Confluent organization: set CONFLUENT_CLOUD_API_KEY .*\n$/);
    expect(stdout).toBe('');
  });

  it('collects the finished days into DATA_DIR once, then finds nothing new, exiting 0 both times', async () => {
    const first = await collect({ ...real(), DATA_DIR: dataDir });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const summary = (output: string) =>
      output
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
        .find((line) => String(line.msg).startsWith('traffic collection:'));
    // The Metrics API keeps 7 days; yesterday counts once it has been over for an hour.
    const written: string[] = summary(first.stdout).written;
    expect(written.length).toBeGreaterThanOrEqual(6);
    expect(written.every((day) => day < formatDay(Math.floor(Date.now() / 86_400_000)))).toBe(true);
    const second = await collect({ ...real(), DATA_DIR: dataDir });
    expect(second.code).toBe(0);
    expect(summary(second.stdout)).toMatchObject({ written: [], msg: 'traffic collection: no new day written' });
    expect(first.stdout + second.stdout).not.toContain(simulator.credentials.apiSecret);
  });

  it('fails in one line, without the password, when Postgres cannot be reached', async () => {
    const { code, stdout, stderr } = await collect({ ...real(), DATABASE_URL: 'postgres://collector:pw-S3cret-y@127.0.0.1:1/traffic' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^confluent-subgraph collect: failed: traffic store \(Postgres\): .*\n$/);
    expect(stdout + stderr).not.toContain('pw-S3cret-y');
    expect(stdout).toContain('"host":"127.0.0.1:1"');
  });
});
