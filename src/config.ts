import { z } from 'zod';
import type { CacheSetting } from './cache/store.js';

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
  /** The cache of Confluent answers shared across requests (and replicas, with Redis). */
  cache: CacheSetting;
  /** Loaders batch and share reads; off only for the benchmark's naive baseline. */
  batching: boolean;
  production: boolean;
}

export type UpstreamConfig =
  | { mode: 'confluent'; apiUrl: string; telemetryUrl: string; apiKey: string; apiSecret: string }
  | { mode: 'simulator' };

/** A configuration problem, told in one line that never contains the secret. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const emptyAsUnset = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUnset, z.string().optional());

const environmentSchema = z.object({
  PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(65535).default(4000)),
  HOST: z.preprocess(emptyAsUnset, z.string().default('0.0.0.0')),
  LOG_LEVEL: z.preprocess(
    emptyAsUnset,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  CONFLUENT_CLOUD_API_KEY: optionalString,
  CONFLUENT_CLOUD_API_SECRET: optionalString,
  CONFLUENT_API_URL: z.preprocess(emptyAsUnset, z.url().default('https://api.confluent.cloud')),
  CONFLUENT_TELEMETRY_URL: z.preprocess(
    emptyAsUnset,
    z.url().default('https://api.telemetry.confluent.cloud'),
  ),
  REQUEST_TIMEOUT_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(100).max(300_000).default(25_000)),
  UPSTREAM_MAX_CONCURRENCY: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(64).default(4)),
  BODY_LIMIT_BYTES: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1_000).max(50_000_000).default(1_000_000)),
  CACHE: z.preprocess(emptyAsUnset, z.enum(['on', 'off']).default('on')),
  CACHE_MAX_MB: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(65_536).default(256)),
  REDIS_URL: z.preprocess(emptyAsUnset, z.url({ protocol: /^rediss?$/ }).optional()),
  NODE_ENV: optionalString,
});

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path.join('.') ?? 'environment';
    // The issue message never echoes the received value, so a secret cannot leak through it.
    throw new ConfigError(`${variable}: ${issue?.message ?? 'invalid value'}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    upstream: upstreamFrom(e),
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    upstreamMaxConcurrency: e.UPSTREAM_MAX_CONCURRENCY,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    cache:
      e.CACHE === 'off' ? { kind: 'off' }
      : e.REDIS_URL ? { kind: 'redis', url: e.REDIS_URL }
      : { kind: 'memory', maxBytes: e.CACHE_MAX_MB * 1_000_000 },
    batching: true,
    production: e.NODE_ENV === 'production',
  };
}

function upstreamFrom(e: z.infer<typeof environmentSchema>): UpstreamConfig {
  const { CONFLUENT_CLOUD_API_KEY: apiKey, CONFLUENT_CLOUD_API_SECRET: apiSecret } = e;
  if (apiKey && apiSecret) {
    return {
      mode: 'confluent',
      apiUrl: e.CONFLUENT_API_URL.replace(/\/+$/, ''),
      telemetryUrl: e.CONFLUENT_TELEMETRY_URL.replace(/\/+$/, ''),
      apiKey,
      apiSecret,
    };
  }
  if (apiKey) throw new ConfigError('CONFLUENT_CLOUD_API_KEY is set but CONFLUENT_CLOUD_API_SECRET is not: set both, or neither for the built-in simulator');
  if (apiSecret) throw new ConfigError('CONFLUENT_CLOUD_API_SECRET is set but CONFLUENT_CLOUD_API_KEY is not: set both, or neither for the built-in simulator');
  return { mode: 'simulator' };
}
