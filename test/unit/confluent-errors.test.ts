import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { abortError, ConfluentError, isNotFound, parseErrorBody, responseError, transportError } from '../../src/confluent/errors.js';

const USERS = 'GET /iam/v2/users';

describe('Confluent error bodies', () => {
  it('reads the standard {errors:[…]} body into a short message', () => {
    const body = JSON.stringify({
      errors: [{ status: '401', code: 'user_unauthenticated', title: 'Authentication Required', source: {} }],
    });
    const error = responseError(USERS, { status: 401, headers: { 'x-request-id': 'req-1' }, body });
    expect(error).toBeInstanceOf(ConfluentError);
    expect(error.message).toBe('Confluent GET /iam/v2/users answered 401 user_unauthenticated: Authentication Required');
    expect(error).toMatchObject({ kind: 'http', status: 401, code: 'user_unauthenticated', requestId: 'req-1' });
    expect(error.route).toBe(USERS);
  });

  it('prefers the detail of the first error to its title', () => {
    const body = JSON.stringify({
      errors: [
        {
          status: '400',
          code: 'invalid_filter',
          title: 'Invalid Filter',
          detail: 'environment is required',
          source: { parameter: 'environment' },
        },
      ],
    });
    const error = responseError('GET /cmk/v2/clusters', { status: 400, headers: {}, body });
    expect(error).toMatchObject({ code: 'invalid_filter', detail: 'environment is required' });
    expect(error.message).toBe('Confluent GET /cmk/v2/clusters answered 400 invalid_filter: environment is required');
  });

  it('reads the MDS {error_code, message} body', () => {
    const body = JSON.stringify({
      error_code: 40301,
      message: 'Either unauthorized to access role binding or role binding does not exist',
    });
    const error = responseError('GET /iam/v2/role-bindings/{id}', { status: 403, headers: {}, body });
    expect(error.code).toBe('40301');
    expect(error.detail).toBe('Either unauthorized to access role binding or role binding does not exist');
    expect(isNotFound(error)).toBe(true);
  });

  it('reads a bare error object, as cmk answers for a deleted cluster', () => {
    const body = JSON.stringify({ status: '403', code: 'forbidden_access', detail: 'Forbidden Access', source: {} });
    const error = responseError('GET /cmk/v2/clusters/{id}', { status: 403, headers: {}, body });
    expect(error).toMatchObject({ code: 'forbidden_access', detail: 'Forbidden Access' });
    expect(isNotFound(error)).toBe(true);
  });

  it('keeps the start of a body that is not JSON', () => {
    const body = `<html>\n  <body>Bad Gateway</body>\n</html>${'x'.repeat(500)}`;
    const error = responseError(USERS, { status: 502, headers: {}, body });
    expect(error.code).toBeUndefined();
    expect(error.detail?.startsWith('<html> <body>Bad Gateway</body> </html>')).toBe(true);
    expect(error.detail?.length).toBe(200);
  });

  it('says only the status for an empty body', () => {
    const error = responseError(USERS, { status: 503, headers: {}, body: '' });
    expect(error.message).toBe('Confluent GET /iam/v2/users answered 503');
    expect(parseErrorBody('null')).toEqual({ detail: 'null' });
  });

  it('keeps the server-requested wait of a 429', () => {
    const error = responseError(USERS, { status: 429, headers: { 'retry-after': '7' }, body: '' });
    expect(error.retryAfterSeconds).toBe(7);
  });
});

describe('isNotFound', () => {
  const http = (status: number, code?: string, detail?: string): ConfluentError =>
    new ConfluentError('x', { kind: 'http', route: USERS, status, code, detail });

  it('is true for 404', () => {
    expect(isNotFound(http(404))).toBe(true);
  });

  it('is false for a 403 that is a permission problem', () => {
    expect(isNotFound(http(403, 'user_unauthorized'))).toBe(false);
  });

  it('is false for a 403 that reports an invalid API key', () => {
    expect(isNotFound(http(403, 'forbidden_access', 'The provided invalid API key was rejected'))).toBe(false);
  });

  it('is false for anything that is not an HTTP answer', () => {
    expect(isNotFound(abortError(USERS, 'timeout'))).toBe(false);
    expect(isNotFound(new Error('404'))).toBe(false);
  });
});

describe('secrets', () => {
  const secret = 'cfltSECRETvalue1234567890';
  const authorization = `Basic ${Buffer.from(`KEY:${secret}`).toString('base64')}`;

  function serializations(error: ConfluentError): string[] {
    return [error.message, error.detail ?? '', String(error), JSON.stringify(error), inspect(error, { depth: 10 })];
  }

  it('keeps nothing of a low-level error but its name, code and message', () => {
    const lowLevel = Object.assign(new Error('other side closed'), {
      code: 'UND_ERR_SOCKET',
      headers: { authorization },
      request: { headers: [`authorization: ${authorization}`], secret },
    });
    const error = transportError(USERS, 'connection', lowLevel);
    expect(error).toMatchObject({ kind: 'network', message: 'Confluent GET /iam/v2/users lost the connection (UND_ERR_SOCKET)' });
    expect(error.cause).toEqual({ name: 'Error', code: 'UND_ERR_SOCKET', message: 'other side closed' });
    for (const text of serializations(error)) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(authorization);
    }
  });

  it('serializes to its safe fields', () => {
    const error = responseError(USERS, { status: 401, headers: {}, body: '{"errors":[{"code":"user_unauthenticated"}]}' });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'ConfluentError',
      message: 'Confluent GET /iam/v2/users answered 401 user_unauthenticated',
      kind: 'http',
      route: USERS,
      status: 401,
      code: 'user_unauthenticated',
    });
  });

  it('calls a timeout a timeout', () => {
    expect(transportError(USERS, 'headers-timeout', new Error('Headers Timeout Error')).kind).toBe('timeout');
  });
});
