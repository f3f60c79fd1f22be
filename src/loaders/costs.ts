import DataLoader from 'dataloader';
import type { RequestOptions } from '../confluent/client.js';
import type { ConfluentReads } from '../confluent/reads.js';
import { loaderOptions, measured, type LoaderPolicy } from './policy.js';
import type { Cost } from '../confluent/types.js';
import type { UsageFilter } from '../__generated__/resolvers-types.js';
import { dayOfCostDate, resourceIdOf, workspaceIdOf } from '../usage/cost-line.js';
import { costWindows, periodKey, type Period } from '../usage/period.js';
import { groupBy } from './grouping.js';

const windowKey = (window: { startDate: string; endDate: string }) => `${window.startDate}/${window.endDate}`;

function byDateThenId(a: Cost, b: Cost): number {
  const dayA = dayOfCostDate(a.start_date);
  const dayB = dayOfCostDate(b.start_date);
  if (dayA !== dayB) return dayA < dayB ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

interface PeriodLines {
  all: Cost[];
  byWorkspace: Map<string, Cost[]>;
  byProduct: Map<string, Cost[]>;
}

function groupLines(all: Cost[]): PeriodLines {
  return { all, byWorkspace: groupBy(all, workspaceIdOf), byProduct: groupBy(all, (cost) => cost.product) };
}

/**
 * A window's lines, deduplicated, in order and grouped. Kept per listing object: the shared cache
 * hands every request the same listing of a window, so later requests reuse the work.
 */
const windowLines = new WeakMap<readonly Cost[], PeriodLines>();

function linesOfWindow(listing: readonly Cost[], key: string): PeriodLines {
  let lines = windowLines.get(listing);
  if (!lines) {
    const [first = '', last = ''] = key.split('/');
    const unique = new Map<string, Cost>();
    for (const cost of listing) {
      const day = dayOfCostDate(cost.start_date);
      if (day >= first && day < last) unique.set(cost.id, cost);
    }
    lines = groupLines([...unique.values()].sort(byDateThenId));
    windowLines.set(listing, lines);
  }
  return lines;
}

/** Windows are consecutive and never overlap, so their lines stay in date order one after another. */
function mergeWindows(windows: readonly PeriodLines[]): PeriodLines {
  const seen = new Set<string>();
  const all = windows.flatMap((window) => window.all).filter((cost) => !seen.has(cost.id) && seen.add(cost.id));
  return groupLines(all);
}

export function matchesUsageFilter(cost: Cost, filter: UsageFilter): boolean {
  return (
    (!filter.workspaceId || workspaceIdOf(cost) === filter.workspaceId) &&
    (!filter.productId || cost.product === filter.productId) &&
    (!filter.lineType || cost.line_type === filter.lineType) &&
    (!filter.resourceId || resourceIdOf(cost) === filter.resourceId)
  );
}

/**
 * Cost lines of a period: one Costs API call per ≤31-day window, every window of a request fetched
 * once and in parallel (under the client's concurrency cap), merged without duplicates; every
 * workspace, product and summary of the request is then answered from them in memory.
 */
export function createCostLoaders(client: ConfluentReads, request: RequestOptions, policy: LoaderPolicy) {
  const windows = new DataLoader<string, Cost[]>(
    measured(policy, 'cost-windows', (keys) =>
      Promise.all(
        keys.map((key) => {
          const [startDate = '', endDate = ''] = key.split('/');
          return client.listCosts({ startDate, endDate }, request).catch((error: Error) => error);
        }),
      ),
    ),
    loaderOptions(policy),
  );
  const periods = new Map<string, Promise<PeriodLines>>();

  async function readPeriod(period: Period): Promise<PeriodLines> {
    const keys = costWindows(period).map(windowKey);
    const lists = await windows.loadMany(keys);
    const failed = lists.find((list): list is Error => list instanceof Error);
    if (failed) throw failed;
    const ofWindows = (lists as Cost[][]).map((list, index) => linesOfWindow(list, keys[index] ?? ''));
    return ofWindows.length === 1 ? ofWindows[0]! : mergeWindows(ofWindows);
  }

  /** Every cost line of the period, by date then id, and grouped by workspace and product. */
  function linesOf(period: Period): Promise<PeriodLines> {
    if (!policy.batching) return readPeriod(period);
    const key = periodKey(period);
    let lines = periods.get(key);
    if (!lines) {
      lines = readPeriod(period);
      periods.set(key, lines);
    }
    return lines;
  }

  return {
    ofPeriod: async (period: Period): Promise<readonly Cost[]> => (await linesOf(period)).all,
    /**
     * The period's lines that match every filter given (a field's own scope and the client's
     * filter), starting from the workspace's or product's group rather than every line.
     */
    matching: async (period: Period, ...filters: UsageFilter[]): Promise<readonly Cost[]> => {
      const lines = await linesOf(period);
      const active = filters.filter((filter) => Object.values(filter).some((value) => value !== null && value !== undefined && value !== ''));
      const workspaceId = active.find((filter) => filter.workspaceId)?.workspaceId;
      const productId = active.find((filter) => filter.productId)?.productId;
      const candidates =
        workspaceId ? lines.byWorkspace.get(workspaceId) ?? []
        : productId ? lines.byProduct.get(productId) ?? []
        : lines.all;
      return active.length === 0 ? candidates : candidates.filter((cost) => active.every((filter) => matchesUsageFilter(cost, filter)));
    },
  };
}
