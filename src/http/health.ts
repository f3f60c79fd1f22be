import express, { type Router } from 'express';
import type { SharedCache } from '../cache/shared-cache.js';
import type { ConfluentClient } from '../confluent/client.js';
import { ConfluentError } from '../confluent/errors.js';
import { describeUpstreamError } from '../graphql/errors.js';

const READINESS_TIMEOUT_MS = 5_000;

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
  router.get('/readyz', async (_request, response) => {
    const cacheState = !cache ? 'off' : (await cache.probe()) ? 'available' : 'unavailable';
    try {
      await client.checkReachable({ signal: AbortSignal.timeout(READINESS_TIMEOUT_MS) });
      response.json({ status: 'ready', cache: cacheState });
    } catch (error) {
      const reason =
        error instanceof ConfluentError ? describeUpstreamError(error) : { code: 'INTERNAL', message: 'Readiness check failed' };
      response.status(503).json({ status: 'unavailable', ...reason, cache: cacheState });
    }
  });
  return router;
}
