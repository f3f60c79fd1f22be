// Messages between the event loop and the upstream thread (upstream-worker.ts), which holds the
// connections to Confluent, the per-host concurrency cap and its queue.
import type { HttpTimeouts } from './http.js';
import type { Turn } from './semaphore.js';

export type ToUpstreamThread =
  | { kind: 'open'; client: number; origin: string; headers: Record<string, string>; connections: number; timeouts: HttpTimeouts }
  | { kind: 'close'; client: number }
  /** `nextPage`: for a page of a list, the path of its next page with a marker for the token. */
  | { kind: 'get'; client: number; call: number; path: string; turn: Turn; nextPage?: string }
  | { kind: 'abort'; call: number }
  /** The event loop has taken a response's body off the channel. */
  | { kind: 'taken'; bytes: number };

/** What is kept of a transport error: enough to tell its kind, nothing that holds a socket. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  syscall?: string;
}

export type FromUpstreamThread =
  | { kind: 'ready' }
  | { kind: 'closed'; client: number }
  /** The call holds a slot and is on the wire. */
  | { kind: 'started'; call: number }
  /** The first bytes of a successful response's body, sent only when the body is longer. */
  | { kind: 'head'; call: number; head: Uint8Array }
  | { kind: 'response'; call: number; status: number; headers: Record<string, string | undefined>; body: Uint8Array; durationMs: number }
  | { kind: 'failed'; call: number; error: WireError; durationMs: number };
