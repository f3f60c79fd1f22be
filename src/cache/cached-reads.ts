import type { RequestOptions } from '../confluent/client.js';
import { ROUTES, type Route } from '../confluent/routes.js';
import type { ConfluentReads } from '../confluent/reads.js';
import { InFlightCalls } from './in-flight.js';
import type { SharedCache } from './shared-cache.js';
import { costsTtlSeconds, TTL_SECONDS, type CachedResource } from './ttl.js';

/**
 * Confluent's reads through the shared cache: an answer cached by any request (or replica) is
 * served without a call, and identical calls in flight at once are made once.
 */
export class CachedReads implements ConfluentReads {
  readonly #upstream: ConfluentReads;
  readonly #cache: SharedCache;
  readonly #inFlight = new InFlightCalls();

  constructor(upstream: ConfluentReads, cache: SharedCache) {
    this.#upstream = upstream;
    this.#cache = cache;
  }

  listOrganizations = (o: RequestOptions = {}) =>
    this.#read('organizations', ROUTES.organizations, [], (r) => this.#upstream.listOrganizations(r), o);
  listEnvironments = (o: RequestOptions = {}) =>
    this.#read('environments', ROUTES.environments, [], (r) => this.#upstream.listEnvironments(r), o);
  getEnvironment = (id: string, o: RequestOptions = {}) =>
    this.#read('environments', ROUTES.environment, [id], (r) => this.#upstream.getEnvironment(id, r), o);
  listUsers = (o: RequestOptions = {}) => this.#read('users', ROUTES.users, [], (r) => this.#upstream.listUsers(r), o);
  getUser = (id: string, o: RequestOptions = {}) => this.#read('users', ROUTES.user, [id], (r) => this.#upstream.getUser(id, r), o);
  listServiceAccounts = (o: RequestOptions = {}) =>
    this.#read('service-accounts', ROUTES.serviceAccounts, [], (r) => this.#upstream.listServiceAccounts(r), o);
  getServiceAccount = (id: string, o: RequestOptions = {}) =>
    this.#read('service-accounts', ROUTES.serviceAccount, [id], (r) => this.#upstream.getServiceAccount(id, r), o);
  listInvitations = (filter: { email?: string; status?: string }, o: RequestOptions = {}) =>
    this.#read('invitations', ROUTES.invitations, [filter.email, filter.status], (r) => this.#upstream.listInvitations(filter, r), o);
  listRoleBindings = (filter: { crnPattern: string; principal?: string; roleName?: string }, o: RequestOptions = {}) =>
    this.#read(
      'role-bindings',
      ROUTES.roleBindings,
      [filter.crnPattern, filter.principal, filter.roleName],
      (r) => this.#upstream.listRoleBindings(filter, r),
      o,
    );
  getRoleBinding = (id: string, o: RequestOptions = {}) =>
    this.#read('role-bindings', ROUTES.roleBinding, [id], (r) => this.#upstream.getRoleBinding(id, r), o);
  listClusters = (environmentId: string, o: RequestOptions = {}) =>
    this.#read('clusters', ROUTES.clusters, [environmentId], (r) => this.#upstream.listClusters(environmentId, r), o);
  getCluster = (id: string, environmentId: string, o: RequestOptions = {}) =>
    this.#read('clusters', ROUTES.cluster, [id, environmentId], (r) => this.#upstream.getCluster(id, environmentId, r), o);
  listCosts = (range: { startDate: string; endDate: string }, o: RequestOptions = {}) =>
    this.#read('costs', ROUTES.costs, [range.startDate, range.endDate], (r) => this.#upstream.listCosts(range, r), o, {
      ttlSeconds: costsTtlSeconds(range.endDate),
    });

  /** A call is keyed by its route and its arguments; the route also names it in a waiting caller's error. */
  async #read<T>(
    resource: CachedResource,
    route: Route,
    args: readonly unknown[],
    fetch: (request: RequestOptions) => Promise<T>,
    request: RequestOptions,
    { ttlSeconds = TTL_SECONDS[resource as Exclude<CachedResource, 'costs'>] }: { ttlSeconds?: number } = {},
  ): Promise<T> {
    const key = this.#cache.keyOf([route, ...args]);
    const cached = await this.#cache.get<T>(resource, key);
    if (cached !== undefined) return cached;
    return this.#inFlight.run(
      key,
      route,
      async (shared) => {
        const fresh = await fetch(shared);
        await this.#cache.set(key, fresh, ttlSeconds);
        return fresh;
      },
      request,
    );
  }
}
