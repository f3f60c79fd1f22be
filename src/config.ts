import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { CacheSetting } from './cache/store.js';
import type { RequestLimits } from './graphql/limits/request-limits.js';

/** The whole configuration, parsed once from the environment at start-up. */
export interface Config {
  port: number;
  host: string;
  logLevel: string;
  /** Where the Confluent data comes from: a real organization, or the built-in simulator. */
  upstream: UpstreamConfig;
  requestTimeoutMs: number;
  upstreamMaxConcurrency: number;
  /** Largest accepted request body. */
  bodyLimitBytes: number;
  /** Responses of 1 KB and more are compressed for clients that accept it. */
  compression: boolean;
  /** How large one GraphQL operation may be; checked before any upstream call. */
  limits: RequestLimits;
  /** Whether `__schema` and `__type` answer; the router's `_service { sdl }` works either way. */
  introspection: boolean;
  /** The cache of Confluent responses shared across requests (and replicas, with Redis). */
  cache: CacheSetting;
  /** Loaders batch and share reads; off only for the benchmark's naive baseline. */
  batching: boolean;
  /** Traces exported over OTLP; undefined (tracing off) unless an endpoint is set. */
  tracing: TracingConfig | undefined;
  production: boolean;
  /** Who may call: checked on every GraphQL request before anything runs. */
  auth: AuthConfig;
  /** Origins browsers may call from (exact match); empty: no CORS headers at all. */
  corsOrigins: string[];
  /** Where Prometheus scrapes `/metrics`: a port of its own, not the GraphQL one. */
  metricsPort: number;
  /** GraphiQL on `GET /graphql`: off under NODE_ENV=production unless GRAPHIQL=on. */
  graphiql: boolean;
  /** Where daily Kafka traffic is kept beyond the Metrics API's week, and whether the server collects it. */
  traffic: TrafficConfig;
}

export interface TrafficConfig {
  /** Postgres (`postgres://…`); never logged: it may hold a password. Unset: the embedded store under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** The server collects the traffic itself, on a timer (single-replica setups). */
  collect: boolean;
}

export interface AuthConfig {
  /** The value the router sends in `router-authorization`. */
  routerSecret?: string;
  /** Bearer tokens signed by a key of this JWKS, with this issuer and audience. */
  jwt?: { jwksUrl: string; issuer: string; audience: string };
  /** Neither set: anyone who reaches the port may call (the simulator, or `AUTH_DISABLED=true`). */
}

export type UpstreamConfig =
  { mode: 'confluent'; apiUrl: string; telemetryUrl: string; apiKey: string; apiSecret: string } | { mode: 'simulator' };

/** The OTLP exporter reads its endpoint and headers from the standard `OTEL_EXPORTER_OTLP_*` variables. */
export interface TracingConfig {
  serviceName: string;
}

/** A configuration problem, told in one line that never contains the secret. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUnset, z.string().optional());
const limit = (fallback: number, max: number) => z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(max).default(fallback));

const environmentSchema = z.object({
  PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(65535).default(4000)),
  HOST: z.preprocess(emptyAsUnset, z.string().default('0.0.0.0')),
  LOG_LEVEL: z.preprocess(emptyAsUnset, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  CONFLUENT_CLOUD_API_KEY: optionalString,
  CONFLUENT_CLOUD_API_SECRET: optionalString,
  CONFLUENT_CLOUD_API_SECRET_FILE: optionalString,
  CONFLUENT_API_URL: z.preprocess(emptyAsUnset, z.url().default('https://api.confluent.cloud')),
  CONFLUENT_TELEMETRY_URL: z.preprocess(emptyAsUnset, z.url().default('https://api.telemetry.confluent.cloud')),
  REQUEST_TIMEOUT_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(100).max(300_000).default(25_000)),
  UPSTREAM_MAX_CONCURRENCY: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(64).default(4)),
  BODY_LIMIT_BYTES: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1_000).max(50_000_000).default(1_000_000)),
  COMPRESSION: z.preprocess(emptyAsUnset, z.enum(['on', 'off']).default('on')),
  CACHE: z.preprocess(emptyAsUnset, z.enum(['on', 'off']).default('on')),
  CACHE_MAX_MB: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(65_536).default(32)),
  REDIS_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^rediss?$/ }).optional()),
  MAX_QUERY_DEPTH: limit(12, 100),
  MAX_ALIASES: limit(30, 1_000),
  MAX_ROOT_FIELDS: limit(20, 1_000),
  MAX_DIRECTIVES: limit(50, 1_000),
  MAX_TOKENS: limit(5_000, 1_000_000),
  MAX_CONNECTION_COST: limit(50_000, 100_000_000),
  MAX_ENTITY_REPRESENTATIONS: limit(500, 100_000),
  MAX_COST_WINDOWS: limit(24, 1_000),
  INTROSPECTION: z.preprocess(emptyAsUnset, z.enum(['on', 'off', 'true', 'false']).optional()),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(emptyAsUnset, z.url().optional()),
  OTEL_SERVICE_NAME: z.preprocess(emptyAsUnset, z.string().default('confluent-subgraph')),
  NODE_ENV: optionalString,
  ROUTER_SECRET: optionalString,
  ROUTER_SECRET_FILE: optionalString,
  JWT_JWKS_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^https?$/ }).optional()),
  JWT_ISSUER: optionalString,
  JWT_AUDIENCE: optionalString,
  AUTH_DISABLED: z.preprocess(emptyAsUnset, z.enum(['true', 'false']).default('false')),
  CORS_ORIGINS: optionalString,
  METRICS_PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(65535).default(9464)),
  GRAPHIQL: z.preprocess(emptyAsUnset, z.enum(['on', 'off']).optional()),
  DATABASE_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATA_DIR: z.preprocess(emptyAsUnset, z.string().default('./data')),
  COLLECT_TRAFFIC: z.preprocess(emptyAsUnset, z.enum(['on', 'off']).default('off')),
});

/**
 * What the configuration is read for: serving the graph, or `npm run collect`, which serves no one
 * and so needs no choice of who may call.
 */
export type ConfigPurpose = 'serve' | 'collect';

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env, purpose: ConfigPurpose = 'serve'): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path.join('.') ?? 'environment';
    // The issue message never echoes the received value, so a secret cannot leak through it.
    throw new ConfigError(`${variable}: ${issue?.message ?? 'invalid value'}`);
  }
  const env = parsed.data;
  const upstream = upstreamFrom(env);
  return {
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    upstream,
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    upstreamMaxConcurrency: env.UPSTREAM_MAX_CONCURRENCY,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    compression: env.COMPRESSION === 'on',
    cache:
      env.CACHE === 'off'
        ? { kind: 'off' }
        : env.REDIS_URL
          ? { kind: 'redis', url: env.REDIS_URL }
          : { kind: 'memory', maxBytes: env.CACHE_MAX_MB * 1_000_000 },
    batching: true,
    tracing: env.OTEL_EXPORTER_OTLP_ENDPOINT ? { serviceName: env.OTEL_SERVICE_NAME } : undefined,
    limits: {
      maxDepth: env.MAX_QUERY_DEPTH,
      maxAliases: env.MAX_ALIASES,
      maxRootFields: env.MAX_ROOT_FIELDS,
      maxDirectives: env.MAX_DIRECTIVES,
      maxTokens: env.MAX_TOKENS,
      maxConnectionCost: env.MAX_CONNECTION_COST,
      maxEntityRepresentations: env.MAX_ENTITY_REPRESENTATIONS,
      maxCostWindows: env.MAX_COST_WINDOWS,
    },
    introspection: env.INTROSPECTION === undefined ? env.NODE_ENV !== 'production' : ['on', 'true'].includes(env.INTROSPECTION),
    production: env.NODE_ENV === 'production',
    auth: authFrom(env, upstream, purpose),
    corsOrigins: corsOriginsFrom(env.CORS_ORIGINS),
    metricsPort: env.METRICS_PORT,
    graphiql: env.GRAPHIQL === undefined ? env.NODE_ENV !== 'production' : env.GRAPHIQL === 'on',
    traffic: { databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, collect: env.COLLECT_TRAFFIC === 'on' },
  };
}

/** `https://app.example.com, http://localhost:3000` as exact origins: scheme, host and port, nothing more. */
function corsOriginsFrom(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      let origin: string;
      try {
        origin = new URL(entry).origin;
      } catch {
        throw new ConfigError(`CORS_ORIGINS: ${JSON.stringify(entry)} is not an origin (https://app.example.com)`);
      }
      if (origin !== entry.replace(/\/$/, ''))
        throw new ConfigError(`CORS_ORIGINS: ${JSON.stringify(entry)} is not an origin (https://app.example.com)`);
      return origin;
    });
}

const isLocalhost = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/**
 * A real organization is served only to callers who authenticate, unless that is turned off on
 * purpose; the simulator's demo organization stays open for exploring.
 */
function authFrom(env: z.infer<typeof environmentSchema>, upstream: UpstreamConfig, purpose: ConfigPurpose): AuthConfig {
  const routerSecret = secretFrom(env.ROUTER_SECRET, env.ROUTER_SECRET_FILE, 'ROUTER_SECRET');
  const { JWT_JWKS_URL: jwksUrl, JWT_ISSUER: issuer, JWT_AUDIENCE: audience } = env;
  if (jwksUrl && (!issuer || !audience))
    throw new ConfigError('JWT_JWKS_URL is set: set JWT_ISSUER and JWT_AUDIENCE too, which every token must carry');
  if (!jwksUrl && (issuer || audience))
    throw new ConfigError('JWT_ISSUER or JWT_AUDIENCE is set without JWT_JWKS_URL, the keys to verify tokens with');
  const jwt = jwksUrl && issuer && audience ? { jwksUrl, issuer, audience } : undefined;
  if (purpose === 'serve' && upstream.mode === 'confluent' && !routerSecret && !jwt && env.AUTH_DISABLED !== 'true') {
    throw new ConfigError(
      "serving a real organization needs its callers to authenticate: set ROUTER_SECRET (shared with the router), JWT_JWKS_URL with JWT_ISSUER and JWT_AUDIENCE (the users' tokens), or AUTH_DISABLED=true to let anyone who reaches the port read it",
    );
  }
  return { routerSecret, jwt };
}

function upstreamFrom(env: z.infer<typeof environmentSchema>): UpstreamConfig {
  const { CONFLUENT_CLOUD_API_KEY: apiKey } = env;
  const { value: apiSecret, variable: secretVariable } = apiSecretFrom(env);
  if (apiKey && apiSecret) {
    const apiUrl = new URL(env.CONFLUENT_API_URL);
    if (apiUrl.protocol !== 'https:' && !isLocalhost(apiUrl)) {
      throw new ConfigError('CONFLUENT_API_URL must be https (the API key goes in every request), or http on localhost');
    }
    return {
      mode: 'confluent',
      apiUrl: env.CONFLUENT_API_URL.replace(/\/+$/, ''),
      telemetryUrl: env.CONFLUENT_TELEMETRY_URL.replace(/\/+$/, ''),
      apiKey,
      apiSecret,
    };
  }
  if (apiKey)
    throw new ConfigError(
      'CONFLUENT_CLOUD_API_KEY is set but CONFLUENT_CLOUD_API_SECRET (or CONFLUENT_CLOUD_API_SECRET_FILE) is not: set both, or neither for the built-in simulator',
    );
  if (apiSecret)
    throw new ConfigError(`${secretVariable} is set but CONFLUENT_CLOUD_API_KEY is not: set both, or neither for the built-in simulator`);
  return { mode: 'simulator' };
}

/** The API secret from the environment, or from the file it names. */
function apiSecretFrom(env: z.infer<typeof environmentSchema>): { value?: string; variable: string } {
  const file = env.CONFLUENT_CLOUD_API_SECRET_FILE;
  const value = secretFrom(env.CONFLUENT_CLOUD_API_SECRET, file, 'CONFLUENT_CLOUD_API_SECRET');
  return { value, variable: file === undefined ? 'CONFLUENT_CLOUD_API_SECRET' : 'CONFLUENT_CLOUD_API_SECRET_FILE' };
}

/** A secret from `variable`, or from the file `variable_FILE` names (how Docker and Kubernetes hand secrets over). */
function secretFrom(value: string | undefined, file: string | undefined, variable: string): string | undefined {
  if (file === undefined) return value;
  if (value !== undefined) throw new ConfigError(`${variable} and ${variable}_FILE are both set: set one of them`);
  return readSecretFile(`${variable}_FILE`, file);
}

/**
 * The file's content without its trailing newline. A problem names the variable but not the path:
 * a secret pasted into the variable by mistake would otherwise be printed as the path.
 */
function readSecretFile(variable: string, path: string): string {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`${variable}: cannot read the file it names (${code})`);
  }
  const secret = content.replace(/\r?\n$/, '');
  if (secret === '') throw new ConfigError(`${variable}: the file it names is empty`);
  return secret;
}
