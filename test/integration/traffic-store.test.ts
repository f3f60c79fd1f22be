import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import initSqlJs from 'sql.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_FILE, openTrafficStore, type TrafficRow, type TrafficStore } from '../../src/traffic/store.js';
import { postgresTests, startPostgres, type PostgresUnderTest } from '../helpers/postgres.js';

const row = (day: string, clusterId: string, principalId: string, requestBytes: number, responseBytes: number): TrafficRow => ({
  day,
  clusterId,
  principalId,
  requestBytes,
  responseBytes,
});

/** A day's rows: every pair of two clusters and three principals, with bytes telling the writer apart. */
function dayOf(day: string, writer = 1) {
  const rows: TrafficRow[] = [];
  for (const clusterId of ['lkc-a1', 'lkc-b2'])
    for (const principalId of ['sa-1', 'u-2', 'pool-3']) rows.push(row(day, clusterId, principalId, 1_000 * writer, 10 * writer));
  return { day, rows };
}

const byKey = (left: TrafficRow, right: TrafficRow) =>
  `${left.day}/${left.clusterId}/${left.principalId}` < `${right.day}/${right.clusterId}/${right.principalId}` ? -1 : 1;
const sorted = (rows: TrafficRow[]) => [...rows].sort(byKey);
const DAYS = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04'];
const ALL = { start: '2026-01-01', end: '2027-01-01' };

/** How a backend gives a test a fresh store, and more stores on the same data. */
interface Backend {
  /** A fresh, empty place for a store; `open` opens a store on the last one made. */
  fresh(): Promise<void>;
  open(): Promise<TrafficStore>;
  /** The versions recorded in `traffic_migrations`; undefined where nothing outlives a store. */
  migrations?(): Promise<number[]>;
}

const opened: TrafficStore[] = [];
async function track(store: Promise<TrafficStore>) {
  opened.push(await store);
  return opened.at(-1)!;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

function behavesAsATrafficStore(backend: Backend, { shared }: { shared: boolean }) {
  it('writes the rows of each day and marks it collected, in one call', async () => {
    await backend.fresh();
    const store = await track(backend.open());
    expect(await store.writeDays(DAYS.map((day) => dayOf(day)))).toEqual(DAYS);
    expect(await store.collectedDays(ALL)).toEqual(new Set(DAYS));
    const rows = await store.rows(ALL);
    expect(rows).toHaveLength(DAYS.length * 6);
    expect(sorted(rows)).toEqual(sorted(DAYS.flatMap((day) => dayOf(day).rows)));
  });

  it('leaves a day already collected exactly as it is: no duplicate rows, no changed values', async () => {
    await backend.fresh();
    const store = await track(backend.open());
    await store.writeDays([dayOf(DAYS[0]!)]);
    const again = dayOf(DAYS[0]!, 2);
    again.rows.push(row(DAYS[0]!, 'lkc-c3', 'sa-9', 5, 5));
    expect(await store.writeDays([again, dayOf(DAYS[1]!)])).toEqual([DAYS[1]]);
    expect(sorted(await store.rows({ start: DAYS[0]!, end: DAYS[1]! }))).toEqual(sorted(dayOf(DAYS[0]!).rows));
  });

  it('marks a day collected with no rows, and reads no row of it', async () => {
    await backend.fresh();
    const store = await track(backend.open());
    expect(await store.writeDays([{ day: DAYS[0]!, rows: [] }])).toEqual([DAYS[0]]);
    expect(await store.collectedDays(ALL)).toEqual(new Set([DAYS[0]]));
    expect(await store.rows(ALL)).toEqual([]);
  });

  it('reads the days and rows of a range, its end excluded', async () => {
    await backend.fresh();
    const store = await track(backend.open());
    await store.writeDays(DAYS.map((day) => dayOf(day)));
    const range = { start: DAYS[1]!, end: DAYS[3]! };
    expect(await store.collectedDays(range)).toEqual(new Set([DAYS[1], DAYS[2]]));
    expect(new Set((await store.rows(range)).map((entry) => entry.day))).toEqual(new Set([DAYS[1], DAYS[2]]));
    expect(await store.collectedDays({ start: '2026-04-01', end: '2026-05-01' })).toEqual(new Set());
    expect(await store.rows({ start: DAYS[0]!, end: DAYS[0]! })).toEqual([]);
  });

  it('keeps big byte values exact', async () => {
    await backend.fresh();
    const store = await track(backend.open());
    const big = [
      row(DAYS[0]!, 'lkc-a1', 'sa-1', 45_678_901_234, 98_765_432_109),
      row(DAYS[0]!, 'lkc-a1', 'sa-2', Number.MAX_SAFE_INTEGER, 0),
      row(DAYS[0]!, 'lkc-a1', 'sa-3', 2 ** 40 + 1, 2 ** 32),
    ];
    await store.writeDays([{ day: DAYS[0]!, rows: big }]);
    expect(sorted(await store.rows(ALL))).toEqual(sorted(big));
  });

  it('refuses rows that are not whole bytes or not of their day, and writes none of the call', async () => {
    await backend.fresh();
    const store = await track(backend.open());
    await expect(store.writeDays([dayOf(DAYS[0]!), { day: DAYS[1]!, rows: [row(DAYS[1]!, 'lkc-a1', 'sa-1', 1.5, 1)] }])).rejects.toThrow(
      /whole bytes/,
    );
    await expect(store.writeDays([{ day: DAYS[1]!, rows: [row(DAYS[2]!, 'lkc-a1', 'sa-1', 1, 1)] }])).rejects.toThrow(/among the rows/);
    await expect(store.writeDays([{ day: '2026-02-30', rows: [] }])).rejects.toThrow(/YYYY-MM-DD/);
    expect(await store.collectedDays(ALL)).toEqual(new Set());
  });

  it('writes each day once when two writers write the same days at once', async () => {
    await backend.fresh();
    // Two stores on one database (two replicas), or two writes at once on one store in memory.
    const first = await track(backend.open());
    const second = shared ? await track(backend.open()) : first;
    const [one, two] = await Promise.all([
      first.writeDays(DAYS.map((day) => dayOf(day, 1))),
      second.writeDays(DAYS.map((day) => dayOf(day, 2))),
    ]);
    expect([...one, ...two].sort()).toEqual(DAYS);
    const rows = await first.rows(ALL);
    expect(rows).toHaveLength(DAYS.length * 6);
    // Every day's rows come whole from the one writer that wrote the day.
    for (const day of DAYS) {
      const writer = one.includes(day) ? 1 : 2;
      expect(sorted(rows.filter((entry) => entry.day === day))).toEqual(sorted(dayOf(day, writer).rows));
    }
    expect(sorted(await second.rows(ALL))).toEqual(sorted(rows));
  });

  if (shared) {
    it('applies its migrations once: two stores opening a new database at once, and a store opening it again', async () => {
      await backend.fresh();
      const [first, second] = await Promise.all([track(backend.open()), track(backend.open())]);
      await first.writeDays([dayOf(DAYS[0]!)]);
      expect(await second.collectedDays(ALL)).toEqual(new Set([DAYS[0]]));
      await Promise.all(opened.splice(0).map((store) => store.close()));
      const again = await track(backend.open());
      expect(sorted(await again.rows(ALL))).toEqual(sorted(dayOf(DAYS[0]!).rows));
      expect(await backend.migrations!()).toEqual([1]);
    });
  }
}

describe('the embedded traffic store in memory', () => {
  behavesAsATrafficStore({ fresh: async () => {}, open: () => openTrafficStore({ inMemory: true }) }, { shared: false });

  it('keeps nothing on disk, and starts empty each time', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'traffic-memory-'));
    const store = await track(openTrafficStore({ inMemory: true, dataDir }));
    await store.writeDays([dayOf(DAYS[0]!)]);
    expect(await (await track(openTrafficStore({ inMemory: true, dataDir }))).collectedDays(ALL)).toEqual(new Set());
    expect(readdirSync(dataDir)).toEqual([]);
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('the embedded traffic store under DATA_DIR', () => {
  const directories: string[] = [];
  afterAll(() => directories.forEach((directory) => rmSync(directory, { recursive: true, force: true })));
  // Stores on one DATA_DIR stand for processes sharing it: each has its own copy of the database in memory.
  behavesAsATrafficStore(
    {
      fresh: async () => {
        directories.push(mkdtempSync(join(tmpdir(), 'traffic-store-')));
      },
      open: () => openTrafficStore({ dataDir: join(directories.at(-1)!, 'nested') }),
      migrations: async () => {
        const SQL = await initSqlJs();
        const database = new SQL.Database(readFileSync(join(directories.at(-1)!, 'nested', EMBEDDED_FILE)));
        const [result] = database.exec('select version from traffic_migrations order by version');
        database.close();
        return (result?.values ?? []).map(([version]) => Number(version));
      },
    },
    { shared: true },
  );

  it('leaves only its database file in DATA_DIR, and a store opened later reads what an earlier one wrote', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'traffic-store-'));
    directories.push(dataDir);
    const reader = await track(openTrafficStore({ dataDir }));
    expect(await reader.collectedDays(ALL)).toEqual(new Set());
    const writer = await track(openTrafficStore({ dataDir }));
    await writer.writeDays([dayOf(DAYS[0]!)]);
    // The reader opened before the write, and sees it: it reloads the file another process saved.
    expect(sorted(await reader.rows(ALL))).toEqual(sorted(dayOf(DAYS[0]!).rows));
    expect(readdirSync(dataDir)).toEqual([EMBEDDED_FILE]);
  });
});

describe.skipIf(!postgresTests.run)(`the Postgres traffic store (${postgresTests.label})`, () => {
  let postgres: PostgresUnderTest;
  let url: string;
  beforeAll(async () => {
    postgres = await startPostgres();
  });
  afterAll(async () => {
    await postgres?.stop();
  });

  behavesAsATrafficStore(
    {
      fresh: async () => {
        url = await postgres.createDatabase();
      },
      open: () => openTrafficStore({ databaseUrl: url }),
      migrations: async () => {
        const client = new Client({ connectionString: url });
        await client.connect();
        try {
          const { rows } = await client.query<{ version: number }>('select version from traffic_migrations order by version');
          return rows.map((entry) => entry.version);
        } finally {
          await client.end();
        }
      },
    },
    { shared: true },
  );

  it('never puts the password of DATABASE_URL in an error', async () => {
    const target = new URL(await postgres.createDatabase());
    // Refused: nothing listens on port 1.
    const refused = openTrafficStore({ databaseUrl: `postgres://reader:pw-S3cret-x@127.0.0.1:1/traffic` });
    await expect(refused).rejects.toThrow(/^traffic store \(Postgres\): /);
    await expect(refused).rejects.not.toThrow(/pw-S3cret-x/);
    // Postgres names the missing database in its error: named like the password, it is cut out.
    target.username = 'postgres';
    target.password = 'no-such-db';
    target.pathname = '/no-such-db';
    const missing = openTrafficStore({ databaseUrl: target.toString() });
    await expect(missing).rejects.toThrow(/database "\[redacted\]" does not exist/);
    await expect(missing).rejects.toMatchObject({ code: '3D000' });
  });
});
