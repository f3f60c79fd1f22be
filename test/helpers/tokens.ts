// An identity provider for tests: RSA keys the test generates, a JWKS endpoint serving the ones it
// publishes, and tokens signed with them.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { AuthConfig } from '../../src/config.js';

export const ISSUER = 'https://id.example.com/';
export const AUDIENCE = 'confluent-subgraph';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

export async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/** A JWKS endpoint serving whichever keys are in `published` when it is asked, counting its fetches. */
export async function jwksServer(published: SigningKey[]): Promise<{ server: Server; url: string; fetches: () => number }> {
  let fetches = 0;
  const server = createServer((_request, response) => {
    fetches += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published.map((key) => key.jwk) }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`, fetches: () => fetches };
}

/** A token of subject `user-1` for five minutes, with these claims, and what `setup` changes. */
export function token(
  key: SigningKey,
  claims: Record<string, unknown> = {},
  setup: (jwt: SignJWT) => SignJWT = (jwt) => jwt,
): Promise<string> {
  const jwt = new SignJWT({ scope: 'confluent:inventory:read', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject('user-1')
    .setIssuedAt()
    .setExpirationTime('5m');
  return setup(jwt).sign(key.privateKey);
}

export const jwtAuth = (jwksUrl: string): AuthConfig => ({ jwt: { jwksUrl, issuer: ISSUER, audience: AUDIENCE } });
