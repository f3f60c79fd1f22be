// What the traffic store needs of a SQL database: statements with `$1, $2…` parameters, and
// transactions. Postgres and the embedded SQLite implement it, so the schema and every query are
// written once, in the SQL both understand.

export type SqlValue = string | number | null;

export interface SqlSession {
  /** Runs one statement; the rows it returns (none for most writes), as column name → value. */
  query<Row extends object>(text: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /**
   * Like `query`, each row made into what `map` returns as soon as it is read, where the driver
   * allows (SQLite): a large result is then never held twice.
   */
  queryMapped<Row extends object, T>(text: string, params: readonly SqlValue[], map: (row: Row) => T): Promise<T[]>;
}

export interface SqlTransactions {
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws. With
   * `exclusive`, no other exclusive transaction on the same database runs at the same time, in
   * this process or another (schema changes take turns).
   */
  transaction<T>(work: (session: SqlSession) => Promise<T>, options?: { exclusive?: boolean }): Promise<T>;
}

export interface SqlDatabase extends SqlSession, SqlTransactions {
  /**
   * Runs `work`, whose transactions are as many units of work as it makes. The embedded store
   * takes its file once for all of them: loaded before, saved once after, which it writes whole.
   */
  batch<T>(work: (database: SqlTransactions) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
