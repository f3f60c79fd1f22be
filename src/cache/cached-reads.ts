import type { KafkaTrafficQuery, RequestOptions } from '../confluent/client.js';
import { ROUTES, type Route } from '../confluent/routes.js';
import type { ConfluentReads } from '../confluent/reads.js';
import type { Freshness } from './freshness.js';
import { InFlightCalls } from './in-flight.js';
import type { SharedCache } from './shared-cache.js';
import { costsTtlSeconds, TTL_SECONDS, type CachedResource } from './ttl.js';

/** A read's options, and the freshness of the request that makes it, which each read narrows. */
export type CachedReadOptions = RequestOptions & { freshness?: Freshness };

/**
 * Confluent's reads through the shared cache: a response cached by any request (or replica) is
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

  listOrganizations = (options: CachedReadOptions = {}) =>
    this.#read('organizations', ROUTES.organizations, [], (shared) => this.#upstream.listOrganizations(shared), options);
  listEnvironments = (options: CachedReadOptions = {}) =>
    this.#read('environments', ROUTES.environments, [], (shared) => this.#upstream.listEnvironments(shared), options);
  listUsers = (options: CachedReadOptions = {}) =>
    this.#read('users', ROUTES.users, [], (shared) => this.#upstream.listUsers(shared), options);
  getUser = (id: string, options: CachedReadOptions = {}) =>
    this.#read('users', ROUTES.user, [id], (shared) => this.#upstream.getUser(id, shared), options);
  listServiceAccounts = (options: CachedReadOptions = {}) =>
    this.#read('service-accounts', ROUTES.serviceAccounts, [], (shared) => this.#upstream.listServiceAccounts(shared), options);
  getServiceAccount = (id: string, options: CachedReadOptions = {}) =>
    this.#read('service-accounts', ROUTES.serviceAccount, [id], (shared) => this.#upstream.getServiceAccount(id, shared), options);
  listInvitations = (filter: { email?: string; status?: string }, options: CachedReadOptions = {}) =>
    this.#read(
      'invitations',
      ROUTES.invitations,
      [filter.email, filter.status],
      (shared) => this.#upstream.listInvitations(filter, shared),
      options,
    );
  listRoleBindings = (filter: { crnPattern: string; principal?: string; roleName?: string }, options: CachedReadOptions = {}) =>
    this.#read(
      'role-bindings',
      ROUTES.roleBindings,
      [filter.crnPattern, filter.principal, filter.roleName],
      (shared) => this.#upstream.listRoleBindings(filter, shared),
      options,
    );
  getRoleBinding = (id: string, options: CachedReadOptions = {}) =>
    this.#read('role-bindings', ROUTES.roleBinding, [id], (shared) => this.#upstream.getRoleBinding(id, shared), options);
  listClusters = (environmentId: string, options: CachedReadOptions = {}) =>
    this.#read('clusters', ROUTES.clusters, [environmentId], (shared) => this.#upstream.listClusters(environmentId, shared), options);
  listCosts = (range: { startDate: string; endDate: string }, options: CachedReadOptions = {}) =>
    this.#read('costs', ROUTES.costs, [range.startDate, range.endDate], (shared) => this.#upstream.listCosts(range, shared), options, {
      ttlSeconds: costsTtlSeconds(range.endDate),
    });
  listApiKeys = (options: CachedReadOptions = {}) =>
    this.#read('api-keys', ROUTES.apiKeys, [], (shared) => this.#upstream.listApiKeys(shared), options);
  getApiKey = (id: string, options: CachedReadOptions = {}) =>
    this.#read('api-keys', ROUTES.apiKey, [id], (shared) => this.#upstream.getApiKey(id, shared), options);
  listIdentityProviders = (options: CachedReadOptions = {}) =>
    this.#read('identity-providers', ROUTES.identityProviders, [], (shared) => this.#upstream.listIdentityProviders(shared), options);
  listIdentityPools = (providerId: string, options: CachedReadOptions = {}) =>
    this.#read(
      'identity-pools',
      ROUTES.identityPools,
      [providerId],
      (shared) => this.#upstream.listIdentityPools(providerId, shared),
      options,
    );
  listGroupMappings = (options: CachedReadOptions = {}) =>
    this.#read('group-mappings', ROUTES.groupMappings, [], (shared) => this.#upstream.listGroupMappings(shared), options);
  queryKafkaTraffic = (query: KafkaTrafficQuery, options: CachedReadOptions = {}) =>
    this.#read(
      'kafka-traffic',
      ROUTES.metricsQuery,
      [query.metric, [...query.clusterIds].sort(), query.start, query.end],
      (shared) => this.#upstream.queryKafkaTraffic(query, shared),
      options,
    );

  /** A call is keyed by its route and its arguments; the route also names it in a waiting caller's error. */
  async #read<T>(
    resource: CachedResource,
    route: Route,
    args: readonly unknown[],
    fetch: (request: RequestOptions) => Promise<T>,
    request: CachedReadOptions,
    { ttlSeconds = TTL_SECONDS[resource as keyof typeof TTL_SECONDS] }: { ttlSeconds?: number } = {},
  ): Promise<T> {
    const key = this.#cache.keyOf([route, ...args]);
    const entry =
      (await this.#cache.get<T>(resource, key)) ??
      (await this.#inFlight.run(
        key,
        route,
        async (shared) => {
          const fresh = { value: await fetch(shared), expiresAt: Date.now() + ttlSeconds * 1000 };
          await this.#cache.set(key, fresh.value, fresh.expiresAt);
          return fresh;
        },
        request,
      ));
    request.freshness?.note(entry.expiresAt);
    return entry.value;
  }
}
