// The fewest upstream calls that can answer each benchmark query, and its critical path: the
// sequential upstream rounds it needs, given what depends on what and the concurrency cap.
import type { SimulatorData } from '../src/simulator/index.js';

export const PAGE_SIZE = 100;
export const ROLE_BINDING_PAGE_SIZE = 1_000;
export const COST_PAGE_SIZE = 10_000;

const pages = (count: number, size = PAGE_SIZE) => Math.max(1, Math.ceil(count / size));

export interface CallPlan {
  fewestCalls: number;
  /** Sequential rounds of upstream calls on the critical path. */
  rounds: number;
}

export function costLinesIn(data: SimulatorData, period: { start: string; end: string }): number {
  return data.costs.filter((cost) => cost.start_date.slice(0, 10) >= period.start && cost.start_date.slice(0, 10) < period.end).length;
}

/**
 * WorkspaceUsageAndAccess over every workspace for one ≤31-day period: the organization, the
 * environment pages, one cluster list per environment, the binding pages, the people and
 * service-account pages, the cost pages. Pages of one list follow each other; lists that do not
 * need each other's answers run side by side, at most `concurrency` at a time.
 */
export function flagshipPlan(data: SimulatorData, period: { start: string; end: string }, concurrency: number): CallPlan {
  const environmentPages = pages(data.environments.length);
  const bindingPages = pages(data.roleBindings.length, ROLE_BINDING_PAGE_SIZE);
  const userPages = pages(data.users.length);
  const accountPages = pages(data.serviceAccounts.length);
  const costPages = pages(costLinesIn(data, period), COST_PAGE_SIZE);
  const fewestCalls = 1 + environmentPages + data.environments.length + bindingPages + userPages + accountPages + costPages;
  const dependencyRounds = Math.max(environmentPages + 1, 1 + bindingPages, userPages, accountPages, costPages);
  return { fewestCalls, rounds: Math.max(dependencyRounds, Math.ceil(fewestCalls / concurrency)) };
}

/** Groups (cluster and principal pairs) per page of a Metrics API answer, its maximum. */
export const METRICS_GROUPS_PER_PAGE = 1_000;

/**
 * AccessFindings with an activity period over the whole organization: the organization, the binding,
 * people, service-account, invitation and API-key pages, the identity providers, each provider's
 * pools, the group mappings, the environment pages and one cluster list per environment; then, on
 * the Metrics API's host, one query per metric over every cluster, as many pages as its groups
 * (cluster and principal pairs with traffic) fill. The management calls share `concurrency`
 * slots; the Metrics queries wait for the cluster lists and run two at a time, one per metric.
 */
export function accessReviewPlan(data: SimulatorData, metricsGroups: number, concurrency: number): CallPlan {
  const environmentPages = pages(data.environments.length);
  const listings = [
    1,
    pages(data.roleBindings.length, ROLE_BINDING_PAGE_SIZE),
    pages(data.users.length),
    pages(data.serviceAccounts.length),
    pages(data.invitations.length),
    pages(data.apiKeys.length),
    1 + data.identityProviders.length,
    1,
    environmentPages + data.environments.length,
  ];
  const managementCalls = listings.reduce((sum, count) => sum + count, 0);
  const metricsPages = pages(metricsGroups, METRICS_GROUPS_PER_PAGE);
  const managementRounds = Math.max(environmentPages + 1, pages(data.users.length), Math.ceil(managementCalls / concurrency));
  return { fewestCalls: managementCalls + 2 * metricsPages, rounds: managementRounds + metricsPages };
}

/**
 * The contract's Chargeback for one ≤31-day period, the store holding its days but those the Metrics
 * API still holds: the cost pages, one after another; then, once the lines name their clusters, one
 * Metrics query per metric for the recent days (as many pages as their groups fill); beside them the
 * people, service-account and identity-provider pages and one pool list per provider, for the names.
 */
export function chargebackPlan(
  data: SimulatorData,
  period: { start: string; end: string },
  recentGroups: number,
  concurrency: number,
): CallPlan {
  const costPages = pages(costLinesIn(data, period), COST_PAGE_SIZE);
  const metricsPages = recentGroups > 0 ? pages(recentGroups, METRICS_GROUPS_PER_PAGE) : 0;
  const names = pages(data.users.length) + pages(data.serviceAccounts.length) + 1 + data.identityProviders.length;
  const fewestCalls = costPages + 2 * metricsPages + names;
  const dependencyRounds = Math.max(costPages + metricsPages, pages(data.users.length));
  return { fewestCalls, rounds: Math.max(dependencyRounds, Math.ceil(fewestCalls / concurrency)) };
}

/** A query every read of which is in the shared cache: no call. */
export const CACHED_PLAN: CallPlan = { fewestCalls: 0, rounds: 0 };

/**
 * usageSummary(groupBy: [WORKSPACE]) with the workspaces' names over a period of several ≤31-day
 * windows (`costWindows`): each window's cost pages, one after the other, and the environment pages
 * for the names. The windows do not need each other's answers, nor the environments the costs', so
 * they run side by side, at most `concurrency` calls at a time.
 */
export function yearSummaryPlan(
  data: SimulatorData,
  windows: readonly { startDate: string; endDate: string }[],
  concurrency: number,
): CallPlan {
  const costPages = windows.map((window) => pages(costLinesIn(data, { start: window.startDate, end: window.endDate }), COST_PAGE_SIZE));
  const environmentPages = pages(data.environments.length);
  const fewestCalls = costPages.reduce((sum, count) => sum + count, 0) + environmentPages;
  const dependencyRounds = Math.max(environmentPages, ...costPages);
  return { fewestCalls, rounds: Math.max(dependencyRounds, Math.ceil(fewestCalls / concurrency)) };
}

/** Every person and service account, page after page: each list read once. */
export function allUsersPlan(data: SimulatorData): CallPlan {
  const userPages = pages(data.users.length);
  const accountPages = pages(data.serviceAccounts.length);
  return { fewestCalls: userPages + accountPages, rounds: Math.max(userPages, accountPages) };
}

/** People by email: Confluent has no email filter, so the one listing of people. */
export function peopleByEmailPlan(data: SimulatorData): CallPlan {
  const userPages = pages(data.users.length);
  return { fewestCalls: userPages, rounds: userPages };
}
