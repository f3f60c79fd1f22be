// The traffic store's queries, one set for both databases: the day's marker and its rows are
// written in one transaction, and the marker's `on conflict do nothing` decides which writer of a
// day writes it, so a day is written once however many processes collect it at the same time.
import { formatDay, parseDay } from '../calendar.js';
import type { SqlDatabase, SqlValue } from './sql-database.js';
import type { DayRange, TrafficRow, TrafficStore } from './store.js';

/** Rows per insert statement: 500 parameters, well inside both databases' limits, and few round trips. */
const ROWS_PER_INSERT = 100;
/** Days per read of rows: a month of a large organization is some tens of thousands of rows. */
const DAYS_PER_READ = 31;

const MARK_DAY = 'insert into traffic_days (day, collected_at) values ($1, $2) on conflict do nothing returning day';
const DAYS_IN_RANGE = 'select day from traffic_days where day >= $1 and day < $2';
const ROWS_IN_RANGE = `select day, cluster_id, principal_id, request_bytes, response_bytes from traffic
  where day >= $1 and day < $2 order by day, cluster_id, principal_id`;

function insertRows(count: number): string {
  const values = Array.from({ length: count }, (_, row) => {
    const first = row * 5;
    return `($${first + 1}, $${first + 2}, $${first + 3}, $${first + 4}, $${first + 5})`;
  });
  return `insert into traffic (day, cluster_id, principal_id, request_bytes, response_bytes) values ${values.join(', ')} on conflict do nothing`;
}

interface StoredRow {
  day: string;
  cluster_id: string;
  principal_id: string;
  /** A string from Postgres (bigint), a number from SQLite. */
  request_bytes: string | number;
  response_bytes: string | number;
}

function checkRange({ start, end }: DayRange): void {
  if (parseDay(start) === undefined || parseDay(end) === undefined)
    throw new RangeError(`not a range of YYYY-MM-DD days: ${start}..${end}`);
}

const isBytes = (value: number) => Number.isSafeInteger(value) && value >= 0;

function checkDay(day: string, rows: readonly TrafficRow[]): void {
  if (parseDay(day) === undefined) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  for (const row of rows) {
    if (row.day !== day) throw new RangeError(`a row of ${row.day} is among the rows of ${day}`);
    if (!isBytes(row.requestBytes) || !isBytes(row.responseBytes))
      throw new RangeError(`bytes of ${row.clusterId}/${row.principalId} on ${day} are not whole bytes`);
  }
}

export class SqlTrafficStore implements TrafficStore {
  readonly #database: SqlDatabase;

  constructor(database: SqlDatabase) {
    this.#database = database;
  }

  async collectedDays(range: DayRange): Promise<Set<string>> {
    checkRange(range);
    const rows = await this.#database.query<{ day: string }>(DAYS_IN_RANGE, [range.start, range.end]);
    return new Set(rows.map((row) => row.day));
  }

  async rows(range: DayRange): Promise<TrafficRow[]> {
    checkRange(range);
    // A year of a large organization is hundreds of thousands of rows naming a few hundred days,
    // clusters and principals: one string each, shared, rather than one per row. Postgres's driver
    // holds a query's whole result before it is mapped: asked for a month at a time, never a year.
    const strings = new Map<string, string>();
    const shared = (text: string) => strings.get(text) ?? (strings.set(text, text), text);
    const toRow = (row: StoredRow): TrafficRow => ({
      day: shared(row.day),
      clusterId: shared(row.cluster_id),
      principalId: shared(row.principal_id),
      requestBytes: Number(row.request_bytes),
      responseBytes: Number(row.response_bytes),
    });
    const rows: TrafficRow[] = [];
    const [first, end] = [parseDay(range.start)!, parseDay(range.end)!];
    for (let start = first; start < end; start += DAYS_PER_READ) {
      const part = [formatDay(start), formatDay(Math.min(start + DAYS_PER_READ, end))];
      for (const row of await this.#database.queryMapped(ROWS_IN_RANGE, part, toRow)) rows.push(row);
    }
    return rows;
  }

  async writeDays(days: ReadonlyArray<{ day: string; rows: readonly TrafficRow[] }>): Promise<string[]> {
    for (const { day, rows } of days) checkDay(day, rows);
    const written: string[] = [];
    await this.#database.batch(async (database) => {
      for (const { day, rows } of days) {
        const wrote = await database.transaction(async (session) => {
          const marked = await session.query(MARK_DAY, [day, new Date().toISOString()]);
          // Another writer holds the day already: its rows stay as they are.
          if (marked.length === 0) return false;
          for (let index = 0; index < rows.length; index += ROWS_PER_INSERT) {
            const part = rows.slice(index, index + ROWS_PER_INSERT);
            const params: SqlValue[] = part.flatMap((row) => [day, row.clusterId, row.principalId, row.requestBytes, row.responseBytes]);
            await session.query(insertRows(part.length), params);
          }
          return true;
        });
        if (wrote) written.push(day);
      }
    });
    return written;
  }

  close(): Promise<void> {
    return this.#database.close();
  }
}
