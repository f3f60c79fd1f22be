// Route templates, as the OpenAPI specs write paths ('/cmk/v2/clusters/{id}'), and the context a
// handler gets. A route's name in the request log is its method and template.
import type { Reply } from './errors.js';
import type { SimulatorData } from './store.js';

export interface RequestContext {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The path without the query, for building `metadata.next`. */
  path: string;
  /** `http://host:port` as the client addressed this server. */
  origin: string;
  requestId: string;
  data: SimulatorData;
  /** Day number of the simulator's `today`. */
  today: number;
}

export interface RouteDefinition {
  method: 'GET';
  template: string;
  /** Every query parameter the operation accepts; any other one is refused, as Confluent does. */
  parameters: readonly string[];
  handle(context: RequestContext): Reply;
}

export const PAGING_PARAMETERS = ['page_size', 'page_token'] as const;

export function routeName(route: Pick<RouteDefinition, 'method' | 'template'>): string {
  return `${route.method} ${route.template}`;
}

export type RouteMatch =
  | { kind: 'found'; route: RouteDefinition; params: Record<string, string> }
  | { kind: 'wrong-method'; route: RouteDefinition }
  | { kind: 'none' };

function matchTemplate(template: string, path: string): Record<string, string> | undefined {
  const expected = template.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < expected.length; index++) {
    const segment = expected[index] ?? '';
    const value = actual[index] ?? '';
    if (segment.startsWith('{')) {
      if (value === '') return undefined;
      try {
        params[segment.slice(1, -1)] = decodeURIComponent(value);
      } catch {
        return undefined;
      }
    } else if (segment !== value) {
      return undefined;
    }
  }
  return params;
}

export class Router {
  constructor(private readonly routes: readonly RouteDefinition[]) {}

  match(method: string, path: string): RouteMatch {
    let wrongMethod: RouteDefinition | undefined;
    for (const route of this.routes) {
      const params = matchTemplate(route.template, path);
      if (!params) continue;
      if (route.method === method) return { kind: 'found', route, params };
      wrongMethod ??= route;
    }
    return wrongMethod ? { kind: 'wrong-method', route: wrongMethod } : { kind: 'none' };
  }
}
