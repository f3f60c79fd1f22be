// The embedded traffic store: SQLite compiled to WebAssembly (sql.js), so it installs from npm
// alone on every Node version, with no native build. The database lives in memory; with a file,
// a batch of transactions that changed anything saves it whole (written aside, then renamed over
// the old one), and every statement first reloads the file if another process saved it since.
import { mkdir, open, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { withFileLock } from './file-lock.js';
import type { SqlDatabase, SqlSession, SqlTransactions, SqlValue } from './sql-database.js';

let engine: Promise<SqlJsStatic> | undefined;

/** SQLite's WebAssembly module, compiled once per process however many stores open. */
function sqlite(): Promise<SqlJsStatic> {
  engine ??= initSqlJs().catch((error: unknown) => {
    engine = undefined;
    throw error;
  });
  return engine;
}

/** Tells one saved file from the next: a save renames a new file into place. */
interface FileVersion {
  ino: number;
  size: number;
  mtimeMs: number;
}

const sameVersion = (left: FileVersion, right: FileVersion | undefined) =>
  right !== undefined && left.ino === right.ino && left.size === right.size && left.mtimeMs === right.mtimeMs;

function run<Row extends object, T = Row>(
  database: Database,
  text: string,
  params: readonly SqlValue[] = [],
  map: (row: Row) => T = (row) => row as unknown as T,
): T[] {
  const statement = database.prepare(text);
  try {
    // `$1` is a named parameter to SQLite: bound by name, whatever order the text uses them in.
    if (params.length > 0) statement.bind(Object.fromEntries(params.map((value, index) => [`$${index + 1}`, value])));
    const rows: T[] = [];
    while (statement.step()) rows.push(map(statement.getAsObject() as Row));
    return rows;
  } finally {
    statement.free();
  }
}

/** Changes to rows or to the schema since the database was opened: a batch that moved neither saves nothing. */
function changeCount(database: Database): string {
  const [row] = run<{ rows: number; schema: number }>(
    database,
    'select total_changes() as rows, schema_version as schema from pragma_schema_version',
  );
  return `${row?.rows}/${row?.schema}`;
}

class EmbeddedDatabase implements SqlDatabase {
  readonly #engine: SqlJsStatic;
  readonly #file: string | undefined;
  #database: Database;
  /** The version of the file the database was last loaded from or saved to. */
  #loaded: FileVersion | undefined;
  /** SQLite has one connection here: statements and transactions take turns. */
  #turn: Promise<void> = Promise.resolve();

  constructor(engine: SqlJsStatic, file: string | undefined) {
    this.#engine = engine;
    this.#file = file;
    this.#database = new engine.Database();
  }

  query<Row extends object>(text: string, params?: readonly SqlValue[]): Promise<Row[]> {
    return this.#inTurn(async () => {
      await this.#reload();
      return run<Row>(this.#database, text, params);
    });
  }

  queryMapped<Row extends object, T>(text: string, params: readonly SqlValue[], map: (row: Row) => T): Promise<T[]> {
    return this.#inTurn(async () => {
      await this.#reload();
      return run(this.#database, text, params, map);
    });
  }

  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    // Every transaction is exclusive here: one at a time in this process, under the file's lock across processes.
    return this.batch((database) => database.transaction(work));
  }

  batch<T>(work: (database: SqlTransactions) => Promise<T>): Promise<T> {
    const file = this.#file;
    return this.#inTurn(() => (file ? withFileLock(`${file}.lock`, () => this.#inFile(file, work)) : work(this.#transactions())));
  }

  close(): Promise<void> {
    return this.#inTurn(async () => this.#database.close());
  }

  #inTurn<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#turn.then(task);
    // The next turn waits for this one to end, without holding on to what it returned.
    this.#turn = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Runs `work` on the file's latest version, then saves it if anything changed, even when `work` failed after some commits. */
  async #inFile<T>(file: string, work: (database: SqlTransactions) => Promise<T>): Promise<T> {
    await this.#reload();
    const before = changeCount(this.#database);
    try {
      return await work(this.#transactions());
    } finally {
      if (changeCount(this.#database) !== before) await this.#save(file);
    }
  }

  #transactions(): SqlTransactions {
    const database = this.#database;
    return {
      async transaction(work) {
        run(database, 'begin');
        try {
          const result = await work({
            query: async (text, params) => run(database, text, params),
            queryMapped: async (text, params, map) => run(database, text, params, map),
          });
          run(database, 'commit');
          return result;
        } catch (error) {
          try {
            run(database, 'rollback');
          } catch {
            // SQLite already rolled back on its own (it does after some errors).
          }
          throw error;
        }
      },
    };
  }

  /** Loads the file when it is not the version in memory: another process saved it. */
  async #reload(): Promise<void> {
    if (!this.#file) return;
    const handle = await open(this.#file, 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!handle) return;
    try {
      const version = await handle.stat();
      if (sameVersion(version, this.#loaded)) return;
      const loaded = new this.#engine.Database(await handle.readFile());
      this.#database.close();
      this.#database = loaded;
      this.#loaded = version;
    } finally {
      await handle.close();
    }
  }

  async #save(file: string): Promise<void> {
    // Written aside and flushed, then renamed: a reader or a crash sees the old file or the new one, never half of one.
    const aside = `${file}.${process.pid}.tmp`;
    const handle = await open(aside, 'w');
    try {
      await handle.writeFile(this.#database.export());
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(aside, file);
    this.#loaded = await stat(file);
  }
}

/** An embedded database, kept in `file` (created with its folder when missing), or only in memory. */
export async function openEmbedded(file?: string): Promise<SqlDatabase> {
  if (file) await mkdir(dirname(file), { recursive: true });
  return new EmbeddedDatabase(await sqlite(), file);
}
