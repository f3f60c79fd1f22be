import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('defaults to the built-in simulator on port 4000 when no credentials are set', () => {
    const config = loadConfig({});
    expect(config.upstream).toEqual({ mode: 'simulator' });
    expect(config.port).toBe(4000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.requestTimeoutMs).toBe(25_000);
  });

  it('serves a real organization when key and secret are both set', () => {
    const config = loadConfig({
      CONFLUENT_CLOUD_API_KEY: 'KEY',
      CONFLUENT_CLOUD_API_SECRET: 'cfltSECRET',
      CONFLUENT_API_URL: 'http://127.0.0.1:9999/',
    });
    expect(config.upstream).toEqual({
      mode: 'confluent',
      apiKey: 'KEY',
      apiSecret: 'cfltSECRET',
      apiUrl: 'http://127.0.0.1:9999',
      telemetryUrl: 'https://api.telemetry.confluent.cloud',
    });
  });

  it('rejects a key without a secret, naming the missing variable', () => {
    expect(() => loadConfig({ CONFLUENT_CLOUD_API_KEY: 'KEY' })).toThrow(ConfigError);
    expect(() => loadConfig({ CONFLUENT_CLOUD_API_KEY: 'KEY' })).toThrow(/CONFLUENT_CLOUD_API_SECRET/);
  });

  it('rejects a secret without a key and never echoes the secret', () => {
    const attempt = () => loadConfig({ CONFLUENT_CLOUD_API_SECRET: 'cfltTOPSECRET' });
    expect(attempt).toThrow(/CONFLUENT_CLOUD_API_KEY/);
    expect(attempt).not.toThrow(/cfltTOPSECRET/);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['CONFLUENT_API_URL', 'not a url'],
    ['REQUEST_TIMEOUT_MS', '-1'],
    ['LOG_LEVEL', 'loud'],
  ])('rejects %s=%s with a message naming the variable', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^${variable}:`));
  });
});
