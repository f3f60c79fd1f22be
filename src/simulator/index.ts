// The Confluent Cloud simulator: a real HTTP server that answers like Confluent Cloud's REST API
// over seeded demo data, with fault injection and a request log. `npm start` without
// credentials serves the graph over it, and the tests run against it over real sockets.
import { Faults, type FaultInjector } from './faults.js';
import { resolveOptions, type SimulatorOptions } from './options.js';
import { RateLimiter } from './rate-limit.js';
import { RequestRecorder, type RequestLog } from './request-log.js';
import { Router } from './router.js';
import { ROUTES } from './routes/index.js';
import { generateData } from './seed/index.js';
import { startServer } from './server.js';
import { RETENTION_DAYS } from './telemetry/query.js';
import { trafficByDay } from './traffic.js';
import { deleteEnvironment, deleteServiceAccount, deleteUser, type SimulatorData } from './store.js';
import { PerAddressRateLimiter, type TelemetryRateLimit } from './telemetry/rate-limit.js';
import { startTelemetryServer } from './telemetry/server.js';

export type { DatasetSize, SimulatorOptions } from './options.js';
export type { FaultInjector } from './faults.js';
export type { RequestLog, RequestLogEntry } from './request-log.js';
export type { SimulatorData } from './store.js';
export type { TelemetryRateLimit } from './telemetry/rate-limit.js';
export { readTraffic, trafficByDay, type DayRange, type TrafficDay, type TrafficSeries } from './traffic.js';
export type { GroupMapping, IdentityPool, IdentityProvider } from '../confluent/types.js';

export interface Simulator {
  /** `http://127.0.0.1:PORT`, the base of the management API. */
  url: string;
  /** `http://127.0.0.1:PORT`, the base of the Metrics API (api.telemetry.confluent.cloud): another port, same host. */
  telemetryUrl: string;
  credentials: { apiKey: string; apiSecret: string };
  /** The live store: the server answers from its current state. */
  data: SimulatorData;
  log: RequestLog;
  faults: FaultInjector;
  /** Deletes a user with its API keys and role bindings, as Confluent does; false if unknown. */
  deleteUser(userId: string): boolean;
  /** Deletes a service account with its API keys and role bindings; false if unknown. */
  deleteServiceAccount(serviceAccountId: string): boolean;
  /** Deletes an environment with its clusters, their API keys and the role bindings in it; false if unknown. */
  deleteEnvironment(environmentId: string): boolean;
  /**
   * Limits Metrics API requests per client IP, Confluent's 60 a minute unless set; every address
   * starts on a fresh window. For tests: a tiny budget to see 429s, a large one not to wait.
   */
  setTelemetryRateLimit(limit: TelemetryRateLimit): void;
  /**
   * Each day of traffic the Metrics API no longer holds, as a collector running all along would
   * have kept it: for filling a demo traffic store.
   */
  trafficHistory(): ReturnType<typeof trafficByDay>;
  /** Stops listening and cuts open connections, hanging requests included. */
  close(): Promise<void>;
}

export async function startSimulator(options?: SimulatorOptions): Promise<Simulator> {
  const resolved = resolveOptions(options);
  const data = generateData(resolved.seed, resolved.today, resolved.size);
  const log = new RequestRecorder();
  const rateLimiter = new RateLimiter();
  const faults = new Faults(rateLimiter);
  const server = await startServer(
    {
      router: new Router(ROUTES),
      data,
      credentials: resolved.credentials,
      today: resolved.today,
      latencyMs: resolved.latencyMs,
      log,
      faults,
      rateLimiter,
    },
    resolved.port,
    resolved.host,
  );
  const telemetryRateLimiter = new PerAddressRateLimiter();
  const telemetry = await startTelemetryServer(
    {
      data,
      credentials: resolved.credentials,
      today: resolved.today,
      latencyMs: resolved.latencyMs,
      log,
      faults,
      rateLimiter: telemetryRateLimiter,
    },
    resolved.host,
  ).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  return {
    url: server.url,
    telemetryUrl: telemetry.url,
    credentials: { ...resolved.credentials },
    data,
    log,
    faults,
    deleteUser: (userId) => deleteUser(data, userId),
    deleteServiceAccount: (serviceAccountId) => deleteServiceAccount(data, serviceAccountId),
    deleteEnvironment: (environmentId) => deleteEnvironment(data, environmentId),
    setTelemetryRateLimit: (limit) => telemetryRateLimiter.configure(limit),
    trafficHistory: () =>
      trafficByDay(
        data.traffic,
        { fromDay: resolved.today - resolved.size.costDays, toDay: resolved.today - RETENTION_DAYS },
        new Set(data.traffic.map((series) => series.clusterId)),
      ),
    close: async () => {
      await Promise.all([server.close(), telemetry.close()]);
    },
  };
}
