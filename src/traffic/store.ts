// Daily Kafka traffic per (day, cluster, principal), kept beyond the Metrics API's week (DESIGN
// §12): in Postgres when DATABASE_URL is set, else in an embedded SQLite under DATA_DIR, with one
// schema and one set of queries for both.
import { join } from 'node:path';
import type { TrafficRow } from '../confluent/metrics.js';
import { openEmbedded } from './embedded.js';
import { migrate } from './migrations.js';
import { openPostgres } from './postgres.js';
import { SqlTrafficStore } from './sql-store.js';

export type { TrafficRow };

/** YYYY-MM-DD days, `end` excluded. */
export interface DayRange {
  start: string;
  end: string;
}

export interface TrafficStore {
  /** The days in [start, end) that the store holds: collected, whether or not any row came with them. */
  collectedDays(range: DayRange): Promise<Set<string>>;
  /** Every row of the collected days in [start, end), by day. */
  rows(range: DayRange): Promise<TrafficRow[]>;
  /**
   * Writes each day's rows and marks the day collected, in one transaction per day; a day already
   * collected is left exactly as it is (no duplicate rows, no double counting), also when two
   * processes write the same day at once. Returns the days newly written.
   */
  writeDays(days: ReadonlyArray<{ day: string; rows: readonly TrafficRow[] }>): Promise<string[]>;
  close(): Promise<void>;
}

export interface TrafficStoreOptions {
  /** `postgres://…`: the store is that database. */
  databaseUrl?: string;
  /** Where the embedded store keeps its file when there is no `databaseUrl`; default `./data`. */
  dataDir?: string;
  /** An embedded store with nothing on disk, whatever else is set (the simulator, tests). */
  inMemory?: boolean;
}

/** The embedded store's file under DATA_DIR. */
export const EMBEDDED_FILE = 'traffic.sqlite';

/** Opens the store and brings its schema up to date; a Postgres error never carries the URL's password. */
export async function openTrafficStore(options: TrafficStoreOptions): Promise<TrafficStore> {
  const database = options.inMemory
    ? await openEmbedded()
    : options.databaseUrl
      ? openPostgres(options.databaseUrl)
      : await openEmbedded(join(options.dataDir ?? './data', EMBEDDED_FILE));
  try {
    await migrate(database);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
  return new SqlTrafficStore(database);
}
