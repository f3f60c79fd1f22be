// What a simulator can be started with, and the defaults that make `npm start` show a
// realistic demo organization.
import { formatDay, parseDay, today as currentDay } from '../calendar.js';

export interface DatasetSize {
  environments: number;
  /** At most this many clusters per environment; each environment has this many or one fewer (at least one). */
  clustersPerEnvironment: number;
  users: number;
  serviceAccounts: number;
  /** Fewer when there are too few users to have invited. */
  invitations: number;
  roleBindings: number;
  /** Days of cost lines, ending yesterday. */
  costDays: number;
}

export interface SimulatorOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 42. The same seed and the same `today` give identical data. */
  seed?: number;
  /** `YYYY-MM-DD` in UTC, default the real current date. Costs and timestamps are relative to it. */
  today?: string;
  size?: Partial<DatasetSize>;
  apiKey?: string;
  apiSecret?: string;
  /** Fixed delay added to every response. */
  latencyMs?: number;
}

export const DEFAULT_SIZE: DatasetSize = {
  environments: 5,
  clustersPerEnvironment: 3,
  users: 250,
  serviceAccounts: 120,
  invitations: 10,
  roleBindings: 600,
  costDays: 366,
};

/** A demo Cloud API key: 16 upper-case characters, and a secret with the `cflt` prefix of new secrets. */
const DEMO_CREDENTIALS = {
  apiKey: 'SIMDEMOKEY000001',
  apiSecret: 'cfltSimulatorDemoSecretOnlyValidAgainstTheLocalSimulator000000',
};

export interface ResolvedOptions {
  port: number;
  host: string;
  seed: number;
  /** Day number of `today`. */
  today: number;
  size: DatasetSize;
  credentials: { apiKey: string; apiSecret: string };
  latencyMs: number;
}

export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  const todayText = options.today ?? formatDay(currentDay());
  const today = parseDay(todayText);
  if (today === undefined) throw new Error(`today must be a YYYY-MM-DD date, got '${todayText}'`);
  const size = { ...DEFAULT_SIZE, ...options.size };
  for (const [name, value] of Object.entries(size)) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`size.${name} must be a non-negative integer`);
  }
  if (size.environments < 1 || size.clustersPerEnvironment < 1) {
    throw new Error('size.environments and size.clustersPerEnvironment must be at least 1');
  }
  const latencyMs = options.latencyMs ?? 0;
  if (!(latencyMs >= 0)) throw new Error(`latencyMs must be >= 0, got ${latencyMs}`);
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    seed: options.seed ?? 42,
    today,
    size,
    credentials: {
      apiKey: options.apiKey ?? DEMO_CREDENTIALS.apiKey,
      apiSecret: options.apiSecret ?? DEMO_CREDENTIALS.apiSecret,
    },
    latencyMs,
  };
}
