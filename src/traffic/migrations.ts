// The traffic store's schema, as numbered migrations applied at open, in order, each once: the
// versions applied are recorded in `traffic_migrations`. Written in the SQL that Postgres and
// SQLite share, so both stores have the same tables.
import type { SqlDatabase } from './sql-database.js';

interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

// Never edit a migration that has shipped: add the next one.
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'daily traffic per cluster and principal',
    statements: [
      // Days as YYYY-MM-DD text: they sort and compare as dates in both databases, and read back
      // the same from both drivers (Postgres's `date` comes back as a local-time Date from `pg`).
      `create table traffic_days (
        day text primary key check (day like '____-__-__'),
        collected_at timestamptz not null
      )`,
      // Bytes as bigint: tens of GB a day per principal, whole bytes.
      `create table traffic (
        day text not null references traffic_days (day),
        cluster_id text not null,
        principal_id text not null,
        request_bytes bigint not null,
        response_bytes bigint not null,
        primary key (day, cluster_id, principal_id)
      )`,
    ],
  },
];

/** Applies the migrations not yet applied; two processes opening the same database at once take turns. */
export async function migrate(database: SqlDatabase): Promise<void> {
  await database.transaction(
    async (session) => {
      await session.query(
        'create table if not exists traffic_migrations (version integer primary key, name text not null, applied_at timestamptz not null)',
      );
      const applied = await session.query<{ version: number }>('select version from traffic_migrations');
      const done = new Set(applied.map((row) => Number(row.version)));
      for (const migration of MIGRATIONS) {
        if (done.has(migration.version)) continue;
        for (const statement of migration.statements) await session.query(statement);
        await session.query('insert into traffic_migrations (version, name, applied_at) values ($1, $2, $3)', [
          migration.version,
          migration.name,
          new Date().toISOString(),
        ]);
      }
    },
    { exclusive: true },
  );
}
