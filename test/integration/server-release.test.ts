import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/server.js';
import { startSimulator } from '../../src/simulator/index.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

describe('a stopped server', () => {
  // Processes that replace their server (tests, the benchmark, a reload) must not keep the old
  // one's caches: prom-client's default metrics live as long as the process and hold the registry.
  it('is let go, with everything it held', async () => {
    const simulator = await startSimulator();
    let config: ReturnType<typeof loadConfig> | undefined = { ...loadConfig({}), cache: { kind: 'memory', maxBytes: 10_000_000 } };
    const released = new WeakRef(config);
    let server: ReturnType<typeof createServer> | undefined = createServer({
      config,
      upstream: { apiUrl: simulator.url, telemetryUrl: simulator.telemetryUrl, ...simulator.credentials },
      logger: createLogger('silent'),
    });
    const { url } = await server.listen(0, '127.0.0.1');
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organization { id } }' }),
    });
    expect(response.status).toBe(200);
    await server.stop();
    server = undefined;
    config = undefined;
    for (let round = 0; round < 5 && released.deref(); round++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      collectGarbage();
    }
    expect(released.deref()).toBeUndefined();
    await simulator.close();
  });
});
