// `npm start` as a newcomer runs it: a real process, configured only by the environment.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';

const ROOT = new URL('../../', import.meta.url);

function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function waitForUrl(process: ReturnType<typeof startMain>): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const match = process.output().stdout.match(/"url":"(http:\/\/[^"]+)\/graphql"/);
    if (match) return match[1]!;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`server did not start: ${JSON.stringify(process.output())}`);
}

describe('starting the server', () => {
  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ CONFLUENT_CLOUD_API_KEY: 'ABCDEFGH12345678' }, /CONFLUENT_CLOUD_API_SECRET/],
    [{ CONFLUENT_CLOUD_API_KEY: 'ABCDEFGH12345678', CONFLUENT_CLOUD_API_SECRET: 'cfltSECRET' }, /needs its callers to authenticate/],
  ])('stops at start with one clear line for %j', async (env, pattern) => {
    const main = startMain(env);
    expect(await main.exited).not.toBe(0);
    const { stderr, stdout } = main.output();
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
  });

  describe('with credentials pointing at a running simulator', () => {
    let simulator: Simulator;
    beforeAll(async () => {
      simulator = await startSimulator();
    });
    afterAll(() => simulator.close());

    it('serves that organization through the real-mode path and drains on SIGTERM', async () => {
      const main = startMain({
        PORT: '0',
        METRICS_PORT: '0',
        CONFLUENT_CLOUD_API_KEY: simulator.credentials.apiKey,
        CONFLUENT_CLOUD_API_SECRET: simulator.credentials.apiSecret,
        CONFLUENT_API_URL: simulator.url,
        ROUTER_SECRET: 'router-secret',
      });
      try {
        const url = await waitForUrl(main);
        simulator.log.clear();
        const response = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'router-authorization': 'router-secret' },
          body: JSON.stringify({ query: '{ organizations(first: 5) { totalCount nodes { id name } } }' }),
        });
        const body = (await response.json()) as any;
        expect(body.data.organizations.nodes).toEqual([
          { id: simulator.data.organization.id, name: simulator.data.organization.display_name },
        ]);
        expect(simulator.log.count('GET /org/v2/organizations')).toBe(1);
        expect(main.output().stdout).not.toContain(simulator.credentials.apiSecret);
      } finally {
        main.child.kill('SIGTERM');
      }
      expect(await main.exited).toBe(0);
    });
  });
});
