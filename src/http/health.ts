import express, { type Router } from 'express';
import type { SharedCache } from '../cache/shared-cache.js';
import type { ConfluentClient } from '../confluent/client.js';
import { ConfluentError } from '../confluent/errors.js';
import { describeUpstreamError } from '../graphql/errors.js';

const READINESS_TIMEOUT_MS = 5_000;

/** How long a readiness answer is reused: probes every second must not become calls every second. */
export const READINESS_KEPT_MS = 5_000;

interface Readiness {
  status: number;
  body: Record<string, unknown>;
}

/**
 * `/healthz`: the process is up. `/readyz`: Confluent answers this service's credentials; it also
 * tells whether the shared cache answers, which does not make the service unready (without it,
 * queries read Confluent directly).
 */
export function healthRouter(client: ConfluentClient, cache: SharedCache | undefined): Router {
  const router = express.Router();
  router.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  async function check(): Promise<Readiness> {
    const cacheState = !cache ? 'off' : (await cache.probe()) ? 'available' : 'unavailable';
    try {
      await client.checkReachable({ signal: AbortSignal.timeout(READINESS_TIMEOUT_MS) });
      return { status: 200, body: { status: 'ready', cache: cacheState } };
    } catch (error) {
      const reason =
        error instanceof ConfluentError ? describeUpstreamError(error) : { code: 'INTERNAL', message: 'Readiness check failed' };
      return { status: 503, body: { status: 'unavailable', ...reason, cache: cacheState } };
    }
  }
  // The last check, shared by every probe until it is READINESS_KEPT_MS old (and while it runs).
  let last: { at: number; readiness: Promise<Readiness> } | undefined;
  router.get('/readyz', async (_request, response) => {
    if (!last || Date.now() - last.at >= READINESS_KEPT_MS) last = { at: Date.now(), readiness: check() };
    const { status, body } = await last.readiness;
    response.status(status).json(body);
  });
  return router;
}
