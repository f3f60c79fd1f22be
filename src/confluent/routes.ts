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
} as const;

export type Route = (typeof ROUTES)[keyof typeof ROUTES];

export type QueryValue = string | number | undefined;

export interface RouteInput {
  /** Values for the template's `{name}` segments. */
  params?: Record<string, string>;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, QueryValue>;
}

export function methodOf(route: Route): string {
  return route.slice(0, route.indexOf(' '));
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
