// A real Postgres for the traffic store's tests (Debian's postgresql package): a throwaway cluster
// of the test's own in a temporary folder, on a free loopback port; or, when TEST_DATABASE_URL is
// set, that server. Each test gets a fresh database of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port.js';
import { once } from 'node:events';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

const INSTALLS = '/usr/lib/postgresql';

/** The newest installed server's binaries, e.g. /usr/lib/postgresql/15/bin. */
function binaries(): string | undefined {
  const versions = existsSync(INSTALLS) ? readdirSync(INSTALLS).filter((name) => /^\d+$/.test(name)) : [];
  const newest = versions.sort((left, right) => Number(right) - Number(left))[0];
  const bin = newest && join(INSTALLS, newest, 'bin');
  return bin && existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres')) ? bin : undefined;
}

const BIN = binaries();
const GIVEN_URL = process.env.TEST_DATABASE_URL || undefined;

/**
 * Whether the Postgres tests run, and why not. In CI they always run: a missing Postgres fails them
 * there (.ci/run installs it) rather than letting them pass unseen.
 */
export const postgresTests = {
  run: Boolean(BIN || GIVEN_URL || process.env.CI === 'true'),
  label: GIVEN_URL
    ? 'Postgres at TEST_DATABASE_URL'
    : BIN
      ? `a throwaway Postgres (${BIN})`
      : `skipped: no Postgres server under ${INSTALLS}/*/bin (Debian's postgresql; .ci/run installs it)`,
};

/** Postgres refuses to run as root: as root (CI), the cluster runs as the `postgres` user the package creates. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) throw new Error('running as root, and there is no postgres user to run a Postgres cluster as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function run(command: string, args: string[], user: { uid: number; gid: number } | undefined): ChildProcess {
  return spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...user, env: { ...process.env, LC_ALL: 'C' } });
}

async function finished(child: ChildProcess, what: string): Promise<void> {
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${what} exited (${code}): ${output}`);
}

export interface PostgresUnderTest {
  /** A fresh, empty database, dropped by stop(); its URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** The server: TEST_DATABASE_URL's, or a throwaway cluster (as root, run as the postgres user). */
export async function startPostgres(): Promise<PostgresUnderTest> {
  if (GIVEN_URL) return databasesOn(GIVEN_URL, async () => {});
  if (!BIN) throw new Error(`no Postgres server under ${INSTALLS}/*/bin: install Debian's postgresql (.ci/run does)`);
  const user = serverUser();
  const directory = mkdtempSync(join(tmpdir(), 'traffic-postgres-'));
  if (user) chownSync(directory, user.uid, user.gid);
  const data = join(directory, 'data');
  await finished(run(join(BIN, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], user), 'initdb');
  const port = await freePort();
  // No fsync: a throwaway cluster need not survive a crash, and tests run faster.
  const server = run(join(BIN, 'postgres'), ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', directory, '-F'], user);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    server.stderr?.on('data', (chunk) => {
      output += chunk;
      if (output.includes('ready to accept connections')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`postgres exited (${code}): ${output}`)));
  });
  return databasesOn(`postgres://postgres@127.0.0.1:${port}/postgres`, async () => {
    if (server.exitCode === null && server.signalCode === null) {
      // SIGQUIT: immediate shutdown, nothing to keep.
      server.kill('SIGQUIT');
      await once(server, 'exit');
    }
    rmSync(directory, { recursive: true, force: true });
  });
}

function databasesOn(adminUrl: string, shutdown: () => Promise<void>): PostgresUnderTest {
  const created: string[] = [];
  const admin = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    async createDatabase() {
      const name = `traffic_test_${process.pid}_${created.length}_${Date.now().toString(36)}`;
      await admin((client) => client.query(`create database ${name}`));
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      // Dropped only on a server that outlives the tests; a throwaway cluster goes whole.
      if (GIVEN_URL)
        await admin(async (client) => {
          for (const name of created) await client.query(`drop database if exists ${name} with (force)`);
        });
      await shutdown();
    },
  };
}
