// Who is calling, checked on every GraphQL request before its body is even read: the router's
// shared secret, the user's bearer token, or both. A refused request gets 401 with the
// UNAUTHENTICATED code and costs no upstream call.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { AuthConfig } from '../config.js';
import { ErrorCode } from '../graphql/errors.js';

/** The caller of a request: the token's subject and scopes, or nobody in particular. */
export interface Caller {
  sub: string | null;
  /** Undefined when no token is checked (only the router's secret, or no authentication). */
  scopes: readonly string[] | undefined;
}

/** Signatures of public keys only: an `oct` key in a JWKS must not make a shared secret of it. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * The JWKS is fetched once and kept; a token signed by a key it does not hold fetches it again (so
 * keys rotate without a restart), at most once in this long, so unknown key ids cannot make the
 * subgraph hammer the identity provider.
 */
const JWKS_REFETCH_COOLDOWN_MS = 10_000;

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Equal in constant time: hashing first makes the lengths equal too. */
const sameSecret = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

/** Scopes from `scope` (space-separated, RFC 8693) or `scp` (an array, as some providers write them). */
function scopesOf(payload: JWTPayload): string[] {
  if (typeof payload.scope === 'string') return payload.scope.split(' ').filter(Boolean);
  return Array.isArray(payload.scp) ? payload.scp.filter((scope): scope is string => typeof scope === 'string') : [];
}

function refuse(response: Response, message: string): void {
  response.status(401).json({ errors: [{ message, extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
}

export function callerOf(response: Response): Caller {
  return (response.locals.caller as Caller | undefined) ?? { sub: null, scopes: undefined };
}

export function authentication(auth: AuthConfig): RequestHandler {
  const jwks = auth.jwt && createRemoteJWKSet(new URL(auth.jwt.jwksUrl), { cooldownDuration: JWKS_REFETCH_COOLDOWN_MS });
  return async (request, response, next) => {
    if (auth.routerSecret !== undefined && !sameSecret(request.get('router-authorization') ?? '', auth.routerSecret)) {
      refuse(response, 'The router-authorization header is missing or wrong');
      return;
    }
    if (!auth.jwt || !jwks) {
      next();
      return;
    }
    const [scheme, token] = (request.get('authorization') ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      refuse(response, 'A bearer token is required');
      return;
    }
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer: auth.jwt.issuer, audience: auth.jwt.audience, algorithms: ALGORITHMS });
      response.locals.caller = { sub: payload.sub ?? null, scopes: scopesOf(payload) } satisfies Caller;
    } catch {
      response.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      refuse(response, 'The bearer token is not valid: check its signature, issuer, audience and dates');
      return;
    }
    next();
  };
}
