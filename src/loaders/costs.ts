import DataLoader from 'dataloader';
import type { RequestOptions } from '../confluent/client.js';
import type { ConfluentReads } from '../confluent/reads.js';
import { loaderOptions, measured, type LoaderPolicy } from './policy.js';
import type { Cost } from '../confluent/types.js';
import type { UsageFilter } from '../__generated__/resolvers-types.js';
import { formatDay } from '../calendar.js';
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
    const lists = await windows.loadMany(costWindows(period).map(windowKey));
    const failed = lists.find((list): list is Error => list instanceof Error);
    if (failed) throw failed;
    const [first, last] = [formatDay(period.start), formatDay(period.end)];
    const unique = new Map<string, Cost>();
    for (const cost of (lists as Cost[][]).flat()) {
      const day = dayOfCostDate(cost.start_date);
      if (day >= first && day < last) unique.set(cost.id, cost);
    }
    return groupLines([...unique.values()].sort(byDateThenId));
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
