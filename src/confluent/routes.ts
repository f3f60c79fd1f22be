// Every upstream call is named by a route template. Errors, logs and the observability hook use
// the template, so they never carry ids or query values.

export const ROUTES = {
  organizations: 'GET /org/v2/organizations',
  environments: 'GET /org/v2/environments',
  users: 'GET /iam/v2/users',
  user: 'GET /iam/v2/users/{id}',
  serviceAccounts: 'GET /iam/v2/service-accounts',
  serviceAccount: 'GET /iam/v2/service-accounts/{id}',
  invitations: 'GET /iam/v2/invitations',
  roleBindings: 'GET /iam/v2/role-bindings',
  roleBinding: 'GET /iam/v2/role-bindings/{id}',
  clusters: 'GET /cmk/v2/clusters',
  costs: 'GET /billing/v1/costs',
  apiKeys: 'GET /iam/v2/api-keys',
  apiKey: 'GET /iam/v2/api-keys/{id}',
  identityProviders: 'GET /iam/v2/identity-providers',
  identityPools: 'GET /iam/v2/identity-providers/{provider_id}/identity-pools',
  groupMappings: 'GET /iam/v2/sso/group-mappings',
  /** On the telemetry host. A query reads; it changes nothing. */
  metricsQuery: 'POST /v2/metrics/{dataset}/query',
} as const;

export type Route = (typeof ROUTES)[keyof typeof ROUTES];

export type QueryValue = string | number | undefined;

export interface RouteInput {
  /** Values for the template's `{name}` segments. */
  params?: Record<string, string>;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, QueryValue>;
  /** Sent as JSON (POST routes only). */
  body?: unknown;
}

export function methodOf(route: Route): string {
  return route.slice(0, route.indexOf(' '));
}

/** Whether a call only reads, so that it may be repeated after a failure that may have reached the server. */
export function isRead(route: Route): boolean {
  return methodOf(route) === 'GET' || route === ROUTES.metricsQuery;
}

/** The path and query string of one call to `route`, e.g. `/iam/v2/users/u-1?page_size=100`. */
export function pathOf(route: Route, { params = {}, query = {} }: RouteInput = {}): string {
  const template = route.slice(route.indexOf(' ') + 1);
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    // An empty id would silently turn a read into a list of the whole collection.
    if (!value) throw new TypeError(`${route}: parameter ${name} must be a non-empty string`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) search.append(name, String(value));
  }
  const queryString = search.toString();
  return queryString === '' ? path : `${path}?${queryString}`;
}
