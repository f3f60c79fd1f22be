import type { RequestOptions } from '../confluent/client.js';
import type { ConfluentReads } from '../confluent/reads.js';
import { costWindows, periodKey, type Period } from '../usage/period.js';
import { matchesFilter, periodLines, type UsageLine, type UsageLineFilter } from '../usage/usage-line.js';
import { groupBy } from './grouping.js';
import type { LoaderPolicy } from './policy.js';

interface PeriodLines {
  all: UsageLine[];
  /** Grouped when first asked for: a query by product never needs the workspaces' groups. */
  byWorkspace: () => Map<string, UsageLine[]>;
  byProduct: () => Map<string, UsageLine[]>;
}

function grouped(all: UsageLine[]): PeriodLines {
  let byWorkspace: Map<string, UsageLine[]> | undefined;
  let byProduct: Map<string, UsageLine[]> | undefined;
  return {
    all,
    byWorkspace: () => (byWorkspace ??= groupBy(all, (line) => line.workspaceId)),
    byProduct: () => (byProduct ??= groupBy(all, (line) => line.product)),
  };
}

/**
 * Cost lines of a period: one Costs API listing per ≤31-day window, every window of a request read
 * once and all in parallel (under the client's concurrency cap), merged without duplicates; every
 * workspace, product and summary of the request is then answered from them in memory.
 */
export function createCostLoaders(client: ConfluentReads, request: RequestOptions, policy: LoaderPolicy) {
  const windows = new Map<string, Promise<UsageLine[]>>();
  const periods = new Map<string, Promise<PeriodLines>>();

  function windowLines(window: { startDate: string; endDate: string }): Promise<UsageLine[]> {
    if (!policy.batching) return client.listCosts(window, request);
    const key = `${window.startDate}/${window.endDate}`;
    let lines = windows.get(key);
    if (!lines) {
      lines = client.listCosts(window, request);
      windows.set(key, lines);
    }
    return lines;
  }

  async function readPeriod(period: Period): Promise<PeriodLines> {
    const ranges = costWindows(period);
    const listed = await Promise.all(ranges.map(windowLines));
    return grouped(periodLines(ranges.map((range, index) => ({ ...range, lines: listed[index] ?? [] }))));
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
    /** Starts reading a period that fields will ask for; they report its failures, not this. */
    prefetch: (period: Period): void => {
      if (policy.batching) linesOf(period).catch(() => {});
    },
    ofPeriod: async (period: Period): Promise<readonly UsageLine[]> => (await linesOf(period)).all,
    /**
     * The period's lines that match every filter given (a field's own scope and the client's
     * filter), starting from the workspace's or product's group rather than every line.
     */
    matching: async (period: Period, ...filters: UsageLineFilter[]): Promise<readonly UsageLine[]> => {
      const lines = await linesOf(period);
      const workspaceId = filters.find((filter) => filter.workspaceId)?.workspaceId;
      const productId = filters.find((filter) => filter.productId)?.productId;
      const candidates = workspaceId
        ? (lines.byWorkspace().get(workspaceId) ?? [])
        : productId
          ? (lines.byProduct().get(productId) ?? [])
          : lines.all;
      return candidates.filter((line) => filters.every((filter) => matchesFilter(line, filter)));
    },
  };
}
