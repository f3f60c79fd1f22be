import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
      ROUTER_SECRET: 'router-secret',
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

describe('loadConfig with CONFLUENT_CLOUD_API_SECRET_FILE', () => {
  const directory = mkdtempSync(join(tmpdir(), 'config-test-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const secretFile = (name: string, content: string) => {
    const path = join(directory, name);
    writeFileSync(path, content);
    return path;
  };
  const secretOf = (env: NodeJS.ProcessEnv) => {
    const { upstream } = loadConfig({ CONFLUENT_CLOUD_API_KEY: 'KEY', AUTH_DISABLED: 'true', ...env });
    return upstream.mode === 'confluent' ? upstream.apiSecret : undefined;
  };

  it('reads the secret from the file, without its trailing newline', () => {
    expect(secretOf({ CONFLUENT_CLOUD_API_SECRET_FILE: secretFile('unix', 'cfltFROMFILE\n') })).toBe('cfltFROMFILE');
    expect(secretOf({ CONFLUENT_CLOUD_API_SECRET_FILE: secretFile('windows', 'cfltFROMFILE\r\n') })).toBe('cfltFROMFILE');
    expect(secretOf({ CONFLUENT_CLOUD_API_SECRET_FILE: secretFile('bare', 'cfltFROMFILE') })).toBe('cfltFROMFILE');
  });

  it('rejects the file and the variable set together', () => {
    const attempt = () =>
      loadConfig({
        CONFLUENT_CLOUD_API_KEY: 'KEY',
        CONFLUENT_CLOUD_API_SECRET: 'cfltTOPSECRET',
        CONFLUENT_CLOUD_API_SECRET_FILE: secretFile('both', 'cfltFILESECRET'),
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/CONFLUENT_CLOUD_API_SECRET and CONFLUENT_CLOUD_API_SECRET_FILE/);
    expect(attempt).not.toThrow(/cfltTOPSECRET|cfltFILESECRET/);
  });

  it('names the variable, in one line, when the file cannot be read', () => {
    // A secret pasted into the variable by mistake must not come back as "the path".
    const attempt = () =>
      loadConfig({ CONFLUENT_CLOUD_API_KEY: 'KEY', CONFLUENT_CLOUD_API_SECRET_FILE: join(directory, 'cfltNOSUCHFILE') });
    expect(attempt).toThrow(/^CONFLUENT_CLOUD_API_SECRET_FILE: cannot read the file it names \(ENOENT\)$/);
    expect(attempt).not.toThrow(/cfltNOSUCHFILE/);
  });

  it('rejects an empty file without echoing anything from it', () => {
    const attempt = () => loadConfig({ CONFLUENT_CLOUD_API_KEY: 'KEY', CONFLUENT_CLOUD_API_SECRET_FILE: secretFile('empty', '\n') });
    expect(attempt).toThrow(/^CONFLUENT_CLOUD_API_SECRET_FILE: the file it names is empty$/);
  });

  it('rejects a secret file without a key, naming both variables', () => {
    const attempt = () => loadConfig({ CONFLUENT_CLOUD_API_SECRET_FILE: secretFile('no-key', 'cfltFILESECRET\n') });
    expect(attempt).toThrow(/CONFLUENT_CLOUD_API_SECRET_FILE is set but CONFLUENT_CLOUD_API_KEY is not/);
    expect(attempt).not.toThrow(/cfltFILESECRET/);
  });
});

describe('loadConfig for authentication', () => {
  const real = { CONFLUENT_CLOUD_API_KEY: 'KEY', CONFLUENT_CLOUD_API_SECRET: 'cfltSECRET' };
  const jwt = {
    JWT_JWKS_URL: 'https://id.example.com/jwks.json',
    JWT_ISSUER: 'https://id.example.com/',
    JWT_AUDIENCE: 'confluent-subgraph',
  };

  it('refuses to serve a real organization to anyone, in one line that says how to choose', () => {
    const attempt = () => loadConfig(real);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /^serving a real organization needs its callers to authenticate: set ROUTER_SECRET .*JWT_JWKS_URL.*AUTH_DISABLED=true/,
    );
    expect(attempt).not.toThrow(/cfltSECRET/);
  });

  it('serves a real organization behind a router secret, tokens, both, or on purpose to anyone', () => {
    expect(loadConfig({ ...real, ROUTER_SECRET: 'router-secret' }).auth).toEqual({ routerSecret: 'router-secret', jwt: undefined });
    expect(loadConfig({ ...real, ...jwt }).auth).toEqual({
      routerSecret: undefined,
      jwt: { jwksUrl: jwt.JWT_JWKS_URL, issuer: jwt.JWT_ISSUER, audience: jwt.JWT_AUDIENCE },
    });
    expect(loadConfig({ ...real, ...jwt, ROUTER_SECRET: 'router-secret' }).auth.routerSecret).toBe('router-secret');
    expect(loadConfig({ ...real, AUTH_DISABLED: 'true' }).auth).toEqual({ routerSecret: undefined, jwt: undefined });
  });

  it('leaves the simulator open for exploring', () => {
    expect(loadConfig({}).auth).toEqual({ routerSecret: undefined, jwt: undefined });
  });

  it('reads the router secret from a file', () => {
    const directory = mkdtempSync(join(tmpdir(), 'router-secret-'));
    const path = join(directory, 'secret');
    writeFileSync(path, 'from-a-file\n');
    expect(loadConfig({ ...real, ROUTER_SECRET_FILE: path }).auth.routerSecret).toBe('from-a-file');
    rmSync(directory, { recursive: true, force: true });
  });

  it.each([
    [{ JWT_JWKS_URL: jwt.JWT_JWKS_URL }, /JWT_ISSUER and JWT_AUDIENCE/],
    [{ JWT_ISSUER: jwt.JWT_ISSUER, JWT_AUDIENCE: jwt.JWT_AUDIENCE }, /without JWT_JWKS_URL/],
    [{ ...jwt, JWT_JWKS_URL: 'ftp://id.example.com/jwks' }, /^JWT_JWKS_URL:/],
    [{ AUTH_DISABLED: 'yes' }, /^AUTH_DISABLED:/],
  ])('rejects an incomplete or odd token setting %j', (env, message) => {
    expect(() => loadConfig({ ...real, ...env })).toThrow(message);
  });

  it('refuses an http Confluent URL other than localhost: Basic credentials would go in clear text', () => {
    const attempt = () => loadConfig({ ...real, ROUTER_SECRET: 'router-secret', CONFLUENT_API_URL: 'http://api.confluent.example' });
    expect(attempt).toThrow(/^CONFLUENT_API_URL must be https/);
    expect(loadConfig({ ...real, ROUTER_SECRET: 'router-secret', CONFLUENT_API_URL: 'http://localhost:8080' }).upstream).toMatchObject({
      apiUrl: 'http://localhost:8080',
    });
  });
});

describe('loadConfig for tracing', () => {
  it('leaves tracing off without an OTLP endpoint', () => {
    expect(loadConfig({ OTEL_SERVICE_NAME: 'named' }).tracing).toBeUndefined();
  });

  it('turns tracing on with an OTLP endpoint, under the default or the given service name', () => {
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing).toEqual({ serviceName: 'confluent-subgraph' });
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SERVICE_NAME: 'graph-confluent' }).tracing).toEqual({
      serviceName: 'graph-confluent',
    });
  });

  it('rejects an endpoint that is not a URL, naming the variable', () => {
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector' })).toThrow(/^OTEL_EXPORTER_OTLP_ENDPOINT:/);
  });
});

describe('loadConfig for answer compression', () => {
  it('compresses answers unless COMPRESSION is off', () => {
    expect(loadConfig({}).compression).toBe(true);
    expect(loadConfig({ COMPRESSION: 'on' }).compression).toBe(true);
    expect(loadConfig({ COMPRESSION: 'off' }).compression).toBe(false);
  });

  it('rejects any other value, naming the variable', () => {
    expect(() => loadConfig({ COMPRESSION: 'gzip' })).toThrow(/^COMPRESSION:/);
  });
});

describe('loadConfig for the traffic store', () => {
  it('keeps traffic in ./data, embedded, and does not collect it, unless told', () => {
    expect(loadConfig({}).traffic).toEqual({ databaseUrl: undefined, dataDir: './data', collect: false });
    expect(loadConfig({ DATA_DIR: '/var/lib/subgraph', COLLECT_TRAFFIC: 'on' }).traffic).toEqual({
      databaseUrl: undefined,
      dataDir: '/var/lib/subgraph',
      collect: true,
    });
  });

  it('takes a postgres:// or postgresql:// DATABASE_URL', () => {
    for (const url of ['postgres://graph:pw@db.internal:5432/traffic', 'postgresql://graph@db.internal/traffic?sslmode=require']) {
      expect(loadConfig({ DATABASE_URL: url }).traffic.databaseUrl).toBe(url);
    }
  });

  it.each([
    ['DATABASE_URL', 'mysql://graph:pw-S3cret@db/traffic'],
    ['DATABASE_URL', 'postgres://graph:pw-S3cret@'],
    ['COLLECT_TRAFFIC', 'yes'],
  ])('rejects %s=%s naming the variable, never the value', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^${variable}:`));
    expect(() => loadConfig({ [variable]: value })).not.toThrow(/S3cret/);
  });

  it('needs no choice of who may call to collect a real organization: collecting serves no one', () => {
    const real = { CONFLUENT_CLOUD_API_KEY: 'KEY', CONFLUENT_CLOUD_API_SECRET: 'cfltSECRET' };
    expect(() => loadConfig(real)).toThrow(/needs its callers to authenticate/);
    expect(loadConfig(real, 'collect').upstream).toMatchObject({ mode: 'confluent', apiKey: 'KEY' });
  });
});
