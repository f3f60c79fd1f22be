import type { UpstreamCallEvent } from '../confluent/client.js';

/** The HTTP status of an attempt, or without a response its error kind (`timeout`, `network`, `aborted`). */
export function upstreamStatusLabel(event: UpstreamCallEvent): string {
  return event.status !== undefined ? String(event.status) : (event.error?.kind ?? 'unknown');
}
