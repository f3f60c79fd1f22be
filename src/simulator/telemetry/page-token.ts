// Page tokens of grouped queries: opaque, and bound to the body they were issued for, since a next
// page is the same body posted again with the token; a token sent with another body is refused.
import { createHash } from 'node:crypto';
import { badRequest } from './errors.js';

/** JSON with object keys sorted, so a body re-encoded in another key order is the same body. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function bodyDigest(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('base64url').slice(0, 22);
}

/** The token for the page that starts at group `offset`. */
export function pageToken(offset: number, digest: string): string {
  return Buffer.from(JSON.stringify({ offset, digest })).toString('base64url');
}

/** The first group of the page a token names; refuses tokens not issued for this body. */
export function offsetOf(token: string, digest: string): number {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('Invalid page token');
  }
  const { offset, digest: issuedFor } = (decoded ?? {}) as { offset?: unknown; digest?: unknown };
  if (!Number.isInteger(offset) || (offset as number) < 1 || typeof issuedFor !== 'string') throw badRequest('Invalid page token');
  if (issuedFor !== digest) throw badRequest('The page token does not belong to this query: post the same body again with it');
  return offset as number;
}
