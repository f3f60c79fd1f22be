// The traffic store's Postgres: a small pool of connections through `pg`. The URL may hold a
// password, so no error leaves this module with the URL or the password in it.
import { Pool, type PoolClient } from 'pg';
import type { SqlDatabase, SqlSession, SqlValue } from './sql-database.js';

/** A few connections: the store writes a handful of days a day and reads a range per request. */
const CONNECTIONS = 3;

/** Exclusive transactions hold this advisory lock (an arbitrary key, the store's own) until they end. */
const EXCLUSIVE_LOCK = 'select pg_advisory_xact_lock(7312026020)';

/** A database error with the URL and its password cut out; `code` is Postgres's SQLSTATE when it has one. */
export class TrafficDatabaseError extends Error {
  override name = 'TrafficDatabaseError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** The URL and its password, as written and decoded: what an error message must never carry. */
function secretsOf(url: string): string[] {
  let password = '';
  try {
    password = new URL(url).password;
  } catch {
    // Not a URL: only the whole string can be cut out.
  }
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // A malformed escape: the password as written is all there is.
  }
  return [url, password, decoded].filter((secret) => secret !== '').sort((left, right) => right.length - left.length);
}

function scrubbed(error: unknown, secrets: readonly string[]): TrafficDatabaseError {
  let message = error instanceof Error ? error.message : String(error);
  for (const secret of secrets) message = message.split(secret).join('[redacted]');
  const code = (error as { code?: unknown } | null)?.code;
  return new TrafficDatabaseError(`traffic store (Postgres): ${message}`, typeof code === 'string' ? code : undefined);
}

export function openPostgres(url: string): SqlDatabase {
  const secrets = secretsOf(url);
  let pool: Pool;
  try {
    pool = new Pool({ connectionString: url, max: CONNECTIONS, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 });
  } catch (error) {
    throw scrubbed(error, secrets);
  }
  // An idle connection that the server drops is reported here; the pool replaces it, and the next
  // query reports any real outage. Without a listener, the event would end the process.
  pool.on('error', () => {});

  const sessionOf = (client: Pool | PoolClient): SqlSession => {
    const query = async <Row extends object>(text: string, params: readonly SqlValue[] = []): Promise<Row[]> => {
      try {
        return (await client.query(text, [...params])).rows as Row[];
      } catch (error) {
        throw scrubbed(error, secrets);
      }
    };
    // `pg` reads a whole result before handing it over: the rows are mapped once they are all here.
    return { query, queryMapped: async (text, params, map) => (await query(text, params)).map((row) => map(row as never)) };
  };

  const database: SqlDatabase = {
    ...sessionOf(pool),
    // Each transaction stands on its own in Postgres: nothing to share across a batch.
    batch: (work) => work(database),
    async transaction(work, options) {
      let client: PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw scrubbed(error, secrets);
      }
      const session = sessionOf(client);
      try {
        await session.query('begin');
        if (options?.exclusive) await session.query(EXCLUSIVE_LOCK);
        const result = await work(session);
        await session.query('commit');
        client.release();
        return result;
      } catch (error) {
        // A connection that cannot even roll back is closed rather than handed to the next caller.
        const rolledBack = await session.query('rollback').then(
          () => true,
          () => false,
        );
        client.release(!rolledBack);
        throw error;
      }
    },
    async close() {
      await pool.end();
    },
  };
  return database;
}
