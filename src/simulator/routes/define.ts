// Small builders shared by the route files: list and read operations, and query filters.
import { missingFilter, type Reply } from '../errors.js';
import { PAGING_PARAMETERS, type RequestContext, type RouteDefinition } from '../router.js';

export function listRoute(template: string, filters: readonly string[], handle: (context: RequestContext) => Reply): RouteDefinition {
  return { method: 'GET', template, parameters: [...filters, ...PAGING_PARAMETERS], handle };
}

export function readRoute(template: string, filters: readonly string[], handle: (context: RequestContext) => Reply): RouteDefinition {
  return { method: 'GET', template, parameters: filters, handle };
}

export function ok(body: unknown): Reply {
  return { status: 200, body };
}

/** A path parameter; the router only matches a template when every one is present. */
export function param(context: RequestContext, name: string): string {
  return context.params[name] ?? '';
}

/** An optional exact-match filter; an empty value counts as absent. */
export function optionalFilter(context: RequestContext, name: string): string | undefined {
  return context.query.get(name) || undefined;
}

export function requiredFilter(context: RequestContext, name: string): string {
  const value = optionalFilter(context, name);
  if (value === undefined) throw missingFilter(name);
  return value;
}

/** Keeps the items whose field equals the filter's value, or all of them when the filter is absent. */
export function whereEquals<T>(items: readonly T[], value: string | undefined, field: (item: T) => string | undefined): readonly T[] {
  return value === undefined ? items : items.filter((item) => field(item) === value);
}
