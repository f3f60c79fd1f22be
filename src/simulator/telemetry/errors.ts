// The Metrics API's error body, `{"errors":[{"status":"400","detail":…}]}`: its spec's
// ErrorResponse as its documented 429 fills it, with no code or title, unlike the management APIs.
import type { Reply } from '../errors.js';

/** Thrown by the query's checks; the server answers it with the body below. */
export class TelemetryError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export function badRequest(detail: string): TelemetryError {
  return new TelemetryError(400, detail);
}

export function telemetryFailure(status: number, detail: string): Reply {
  return { status, body: { errors: [{ status: String(status), detail }] } };
}
