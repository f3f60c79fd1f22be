// The Confluent Cloud control-plane client: one method per upstream read the graph needs. Lists
// are read to their end; reads of missing objects return null.

import type { RequestOptions } from './call-scope.js';
import { costLineReader, type CostLine } from './cost-lines.js';
import { isNotFound, unexpectedResponseError } from './errors.js';
import { HttpTransport } from './http.js';
import { nextPageTokenInHead } from './list-head.js';
import { collectItems, pagesOf, type ListPage } from './pagination.js';
import { Requester, type Logger, type UpstreamCallEvent } from './request.js';
import { resolveRetryPolicy, type RetryPolicy } from './retry-policy.js';
import { ROUTES, type QueryValue, type Route, type RouteInput } from './routes.js';
import {
  nextMetricsPageToken,
  trafficPointsOf,
  trafficQueryBody,
  type KafkaTrafficPoint,
  type KafkaTrafficQuery,
  type MetricsPage,
} from './metrics.js';
import { RateBudget } from './rate-budget.js';
import type {
  ApiKey,
  Cost,
  Environment,
  GroupMapping,
  IdentityPool,
  IdentityProvider,
  Invitation,
  KafkaCluster,
  Organization,
  RoleBinding,
  ServiceAccount,
  User,
} from './types.js';

export type { RequestOptions } from './call-scope.js';
export type { CostLine } from './cost-lines.js';
export type { KafkaTrafficPoint, KafkaTrafficQuery } from './metrics.js';
export type { Logger, UpstreamCallEvent } from './request.js';
export type { RetryPolicy } from './retry-policy.js';

export interface ConfluentClientOptions {
  /** e.g. https://api.confluent.cloud */
  apiUrl: string;
  /** The Metrics API's host; default https://api.telemetry.confluent.cloud */
  telemetryUrl?: string;
  apiKey: string;
  apiSecret: string;
  /** Default 4: Confluent limits concurrency as well as rate. */
  maxConcurrencyPerHost?: number;
  retry?: Partial<RetryPolicy>;
  /** Defaults 5000 / 15000 / 15000. */
  timeouts?: { connectMs?: number; headersMs?: number; bodyMs?: number };
  /** Retries are logged at warn, every attempt at debug. */
  logger?: Logger;
  userAgent?: string;
  onUpstreamCall?: (event: UpstreamCallEvent) => void;
}

// Page sizes at each endpoint's maximum (NOTES §2.2): fewer pages are fewer sequential calls.
// Role bindings allow 1000 in the current public spec (the older SDK spec said 100).
const PAGE_SIZE = 100;
const ROLE_BINDING_PAGE_SIZE = 1_000;
const COST_PAGE_SIZE = 10_000;

const DEFAULT_USER_AGENT = 'confluent-subgraph';
const DEFAULT_TELEMETRY_URL = 'https://api.telemetry.confluent.cloud';

// The Metrics API allows 60 queries a minute per IP (NOTES §10): the client keeps under it, and
// keeps its queries few at once, so that one access review cannot exhaust it for everyone.
const METRICS_QUERIES_PER_MINUTE = 60;
const METRICS_CONCURRENCY = 2;

export class ConfluentClient {
  readonly #transports: HttpTransport[];
  readonly #requester: Requester;
  /** The Metrics API: another host, with rules and a budget of its own. */
  readonly #telemetry: Requester;

  constructor(options: ConfluentClientOptions) {
    const transportOf = (apiUrl: string, connections: number) =>
      new HttpTransport({
        apiUrl,
        apiKey: options.apiKey,
        apiSecret: options.apiSecret,
        userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
        connections,
        timeouts: {
          connectMs: options.timeouts?.connectMs ?? 5_000,
          headersMs: options.timeouts?.headersMs ?? 15_000,
          bodyMs: options.timeouts?.bodyMs ?? 15_000,
        },
      });
    const management = transportOf(options.apiUrl, options.maxConcurrencyPerHost ?? 4);
    const telemetry = transportOf(options.telemetryUrl ?? DEFAULT_TELEMETRY_URL, METRICS_CONCURRENCY);
    this.#transports = [management, telemetry];
    const shared = { policy: resolveRetryPolicy(options.retry), logger: options.logger, onUpstreamCall: options.onUpstreamCall };
    this.#requester = new Requester({ ...shared, transport: management });
    this.#telemetry = new Requester({ ...shared, transport: telemetry, budget: new RateBudget(METRICS_QUERIES_PER_MINUTE, 60_000) });
  }

  /** HTTP requests to Confluent on the wire now, for the in-flight gauge. */
  get callsInFlight(): number {
    return this.#requester.inFlight + this.#telemetry.inFlight;
  }

  /** The low-level path every method goes through: one GET, retried, its JSON body as `T`. */
  get<T>(route: Route, input?: RouteInput, options?: RequestOptions): Promise<T> {
    return this.#requester.call<T>(route, input, options);
  }

  listOrganizations(options?: RequestOptions): Promise<Organization[]> {
    return this.#listAll(ROUTES.organizations, {}, PAGE_SIZE, options);
  }

  listEnvironments(options?: RequestOptions): Promise<Environment[]> {
    return this.#listAll(ROUTES.environments, {}, PAGE_SIZE, options);
  }

  listUsers(options?: RequestOptions): Promise<User[]> {
    return this.#listAll(ROUTES.users, {}, PAGE_SIZE, options);
  }

  getUser(id: string, options?: RequestOptions): Promise<User | null> {
    return this.#getOrNull(ROUTES.user, { params: { id } }, options);
  }

  listServiceAccounts(options?: RequestOptions): Promise<ServiceAccount[]> {
    return this.#listAll(ROUTES.serviceAccounts, {}, PAGE_SIZE, options);
  }

  getServiceAccount(id: string, options?: RequestOptions): Promise<ServiceAccount | null> {
    return this.#getOrNull(ROUTES.serviceAccount, { params: { id } }, options);
  }

  listInvitations(filter: { email?: string; status?: string }, options?: RequestOptions): Promise<Invitation[]> {
    return this.#listAll(ROUTES.invitations, { email: filter.email, status: filter.status }, PAGE_SIZE, options);
  }

  /** `crnPattern` is required by Confluent: a scope's CRN, or `…/organization=<id>/*` for all. */
  listRoleBindings(
    filter: { crnPattern: string; principal?: string; roleName?: string },
    options?: RequestOptions,
  ): Promise<RoleBinding[]> {
    const query = { crn_pattern: filter.crnPattern, principal: filter.principal, role_name: filter.roleName };
    return this.#listAll(ROUTES.roleBindings, query, ROLE_BINDING_PAGE_SIZE, options);
  }

  getRoleBinding(id: string, options?: RequestOptions): Promise<RoleBinding | null> {
    return this.#getOrNull(ROUTES.roleBinding, { params: { id } }, options);
  }

  listClusters(environmentId: string, options?: RequestOptions): Promise<KafkaCluster[]> {
    return this.#listAll(ROUTES.clusters, { environment: environmentId }, PAGE_SIZE, options);
  }

  /**
   * Daily cost lines of one window of at most 31 days; `endDate` is exclusive (YYYY-MM-DD). Each
   * page's lines are reduced to the fields the graph reads as the page arrives.
   */
  listCosts(range: { startDate: string; endDate: string }, options?: RequestOptions): Promise<CostLine[]> {
    const query = { start_date: range.startDate, end_date: range.endDate };
    const read = costLineReader();
    return this.#listAll(ROUTES.costs, query, COST_PAGE_SIZE, options, (cost: Cost) => {
      // The fields the spec requires and the graph orders and tells lines apart by.
      if (
        typeof cost !== 'object' ||
        cost === null ||
        typeof cost.id !== 'string' ||
        typeof cost.start_date !== 'string' ||
        typeof cost.end_date !== 'string'
      ) {
        throw unexpectedResponseError(ROUTES.costs, 'a cost line has no id, start_date or end_date');
      }
      return read(cost);
    });
  }

  /** Every API key the key may see (no filter: the whole organization's). Never a secret: Confluent shows it once, at creation. */
  listApiKeys(options?: RequestOptions): Promise<ApiKey[]> {
    return this.#listAll(ROUTES.apiKeys, {}, PAGE_SIZE, options);
  }

  getApiKey(id: string, options?: RequestOptions): Promise<ApiKey | null> {
    return this.#getOrNull(ROUTES.apiKey, { params: { id } }, options);
  }

  listIdentityProviders(options?: RequestOptions): Promise<IdentityProvider[]> {
    return this.#listAll(ROUTES.identityProviders, {}, PAGE_SIZE, options);
  }

  /** There is no organization-wide pool list: pools are listed provider by provider. */
  listIdentityPools(providerId: string, options?: RequestOptions): Promise<IdentityPool[]> {
    return this.#listAll(ROUTES.identityPools, {}, PAGE_SIZE, options, undefined, { provider_id: providerId });
  }

  listGroupMappings(options?: RequestOptions): Promise<GroupMapping[]> {
    return this.#listAll(ROUTES.groupMappings, {}, PAGE_SIZE, options);
  }

  /** One metric per day per (cluster, principal) over a batch of clusters, every page of it. */
  async queryKafkaTraffic(query: KafkaTrafficQuery, options?: RequestOptions): Promise<KafkaTrafficPoint[]> {
    const body = trafficQueryBody(query);
    const points: KafkaTrafficPoint[] = [];
    const seenTokens = new Set<string>();
    let pageToken: string | undefined;
    do {
      // A next page is the same body posted again with the token as a query parameter.
      const input = { params: { dataset: 'cloud' }, query: { page_token: pageToken }, body };
      const page = await this.#telemetry.call<MetricsPage>(ROUTES.metricsQuery, input, options);
      points.push(...trafficPointsOf(page));
      pageToken = nextMetricsPageToken(page);
      if (pageToken !== undefined && seenTokens.has(pageToken))
        throw unexpectedResponseError(ROUTES.metricsQuery, 'a page token came back twice');
      if (pageToken !== undefined) seenTokens.add(pageToken);
    } while (pageToken !== undefined);
    return points;
  }

  /** The cheapest authenticated call; throws a ConfluentError when Confluent cannot be used. */
  async checkReachable(options?: RequestOptions): Promise<void> {
    await this.get(ROUTES.organizations, { query: { page_size: 1 } }, options);
  }

  /** Lets calls in flight finish, then closes the connections. */
  async close(): Promise<void> {
    await Promise.all(this.#transports.map((transport) => transport.close()));
  }

  /** Every item of a list; `select` makes what is kept of each as its page arrives. */
  #listAll<T, U = T>(
    route: Route,
    filters: Record<string, QueryValue>,
    pageSize: number,
    options?: RequestOptions,
    select?: (item: T) => U,
    params?: Record<string, string>,
  ): Promise<U[]> {
    // Next pages asked for from the head of the page before, by page token.
    const started = new Map<string, Promise<ListPage<T>>>();
    const fetchPage = (pageToken: string | undefined): Promise<ListPage<T>> => {
      const early = pageToken === undefined ? undefined : started.get(pageToken);
      if (early) return early;
      const input = { params, query: { ...filters, page_size: pageSize, page_token: pageToken } };
      const page = this.#requester.call<ListPage<T>>(route, input, options, {
        onHead: startNextPage,
      });
      if (pageToken !== undefined) started.set(pageToken, page);
      return page;
    };
    // As soon as a page's head names the next page, that page is asked for, while this one's body
    // is still arriving. Paging itself still follows the fully read `metadata.next`, so a head
    // read wrongly costs a call, not data.
    const startNextPage = (head: string): void => {
      const token = nextPageTokenInHead(head);
      if (token === undefined || started.has(token)) return;
      // Its failure is reported when paging reaches it.
      void fetchPage(token).catch(() => undefined);
    };
    return collectItems(pagesOf(route, fetchPage), select);
  }

  async #getOrNull<T>(route: Route, input: RouteInput, options?: RequestOptions): Promise<T | null> {
    try {
      return await this.get<T>(route, input, options);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }
}
