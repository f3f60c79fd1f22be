// A list's `metadata.next` link read from the first bytes of its body. Confluent writes a list's
// envelope before its items (api_version, kind, metadata, then data), so the next page of a large
// list can be asked for while this one is still being parsed.

import { HEAD_BYTES } from './http.js';
import { nextPageToken } from './pagination.js';

/**
 * `{"api_version":…,"kind":…,"metadata":{…}`: only string fields before a flat metadata object.
 * Anything else (another order, nested values) is left to the full parse.
 */
const ENVELOPE_HEAD = /^\s*\{\s*(?:"(?:api_version|kind)"\s*:\s*"(?:[^"\\]|\\.)*"\s*,\s*)*"metadata"\s*:\s*(\{[^{}]*\})/;

/**
 * The `next` link, `null` on the last page, or `undefined` when the head does not show it and the
 * caller has to wait for the whole body to be parsed.
 */
export function nextLinkInHead(body: string): string | null | undefined {
  const head = body.slice(0, HEAD_BYTES);
  const metadata = ENVELOPE_HEAD.exec(head)?.[1];
  if (metadata === undefined) return undefined;
  try {
    const { next } = JSON.parse(metadata) as { next?: unknown };
    if (next === undefined || next === null || next === '') return null;
    return typeof next === 'string' ? next : undefined;
  } catch {
    return undefined;
  }
}

/** The `page_token` of the next page that the head shows, if it shows one that has a token. */
export function nextPageTokenInHead(body: string): string | undefined {
  const next = nextLinkInHead(body);
  if (typeof next !== 'string') return undefined;
  try {
    return nextPageToken('', next);
  } catch {
    // A `next` without a token: the full parse reports it.
    return undefined;
  }
}
