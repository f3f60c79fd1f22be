// Every request the simulator received, including refused, failed, dropped and hanging ones, so
// tests can count upstream calls per route.

export interface RequestLogEntry {
  method: string;
  /** The route template, e.g. 'GET /cmk/v2/clusters/{id}'; for unknown paths, the method and path. */
  route: string;
  /** Path and query as received. */
  url: string;
  /** 0 while unanswered, and for requests that were dropped or never answered. */
  status: number;
  requestId: string;
}

export interface RequestLog {
  entries: RequestLogEntry[];
  /** Requests to one route template, or all requests. */
  count(route?: string): number;
  countsByRoute(): Record<string, number>;
  clear(): void;
}

export class RequestRecorder implements RequestLog {
  readonly entries: RequestLogEntry[] = [];

  /** Records a request as it arrives; the caller fills in `status` once it is answered. */
  record(entry: RequestLogEntry): RequestLogEntry {
    this.entries.push(entry);
    return entry;
  }

  count(route?: string): number {
    return route === undefined ? this.entries.length : this.entries.filter((entry) => entry.route === route).length;
  }

  countsByRoute(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const entry of this.entries) counts[entry.route] = (counts[entry.route] ?? 0) + 1;
    return counts;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
