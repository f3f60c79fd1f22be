import { parseDay } from '../calendar.js';
import type { RequestOptions } from '../confluent/client.js';
import type { ConfluentReads } from '../confluent/reads.js';
import { costWindows, periodKey, type CostWindow, type Period } from '../usage/period.js';
import { UsageSums, summarize, type Dimension, type ShareOf, type UsageGroupRecord } from '../usage/summary.js';
import { linesInWindow, matchesFilter, periodLines, type UsageLine, type UsageLineFilter } from '../usage/usage-line.js';
import { groupBy } from './grouping.js';
import type { LoaderPolicy } from './policy.js';

/** Shares out a window's lines (a period of at most 31 days) among the principals that caused them. */
export type Allocation = (lines: readonly UsageLine[], period: Period) => Promise<ShareOf>;

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

const windowKey = (window: CostWindow) => `${window.startDate}/${window.endDate}`;

/**
 * Cost lines of a period: one Costs API listing per ≤31-day window, every window of a request read
 * once and all in parallel (under the client's concurrency cap). The request keeps a period's
 * lines, merged and grouped, for every field that pages through them or sums them. Only a summary
 * of several windows that no other field has read is summed window by window as each arrives,
 * keeping no lines: a year of a large organization's lines is hundreds of megabytes.
 */
export function createCostLoaders(client: ConfluentReads, request: RequestOptions, policy: LoaderPolicy) {
  /** Windows whose lines this request keeps. */
  const kept = new Map<string, Promise<UsageLine[]>>();
  /** Windows being read for a summary alone: shared while the call lasts, then let go. */
  const reading = new Map<string, Promise<UsageLine[]>>();
  const periods = new Map<string, Promise<PeriodLines>>();

  function read(window: CostWindow): Promise<UsageLine[]> {
    const key = windowKey(window);
    const lines = client.listCosts(window, request);
    reading.set(key, lines);
    const done = () => reading.delete(key);
    lines.then(done, done);
    return lines;
  }

  function keptWindow(window: CostWindow): Promise<UsageLine[]> {
    if (!policy.batching) return client.listCosts(window, request);
    const key = windowKey(window);
    let lines = kept.get(key);
    if (!lines) {
      lines = reading.get(key) ?? read(window);
      kept.set(key, lines);
    }
    return lines;
  }

  function anyWindow(window: CostWindow): Promise<UsageLine[]> {
    if (!policy.batching) return client.listCosts(window, request);
    const key = windowKey(window);
    return kept.get(key) ?? reading.get(key) ?? read(window);
  }

  async function readPeriod(period: Period): Promise<PeriodLines> {
    const windows = costWindows(period);
    const listed = await Promise.all(windows.map(keptWindow));
    return grouped(periodLines(windows.map((window, index) => ({ ...window, lines: listed[index] ?? [] }))));
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

  /**
   * The period's lines that match every filter given (a field's own scope and the client's
   * filter), starting from the workspace's or product's group rather than every line.
   */
  async function matching(period: Period, ...filters: UsageLineFilter[]): Promise<readonly UsageLine[]> {
    const lines = await linesOf(period);
    const workspaceId = filters.find((filter) => filter.workspaceId)?.workspaceId;
    const productId = filters.find((filter) => filter.productId)?.productId;
    const candidates = workspaceId
      ? (lines.byWorkspace().get(workspaceId) ?? [])
      : productId
        ? (lines.byProduct().get(productId) ?? [])
        : lines.all;
    return candidates.filter((line) => filters.every((filter) => matchesFilter(line, filter)));
  }

  return {
    /** Starts reading a period whose lines fields will ask for; they report its failures, not this. */
    prefetch: (period: Period): void => {
      if (policy.batching) linesOf(period).catch(() => {});
    },
    matching,
    /**
     * The period's lines that match the filters, summed by the dimensions. With an allocation (for
     * PRINCIPAL), each window's lines are shared out as the window's traffic says once both are in.
     */
    summary: async (
      period: Period,
      dimensions: readonly Dimension[],
      filters: readonly UsageLineFilter[] = [],
      allocation?: Allocation,
    ): Promise<UsageGroupRecord[]> => {
      const windows = costWindows(period);
      if (!policy.batching || windows.length === 1 || periods.has(periodKey(period))) {
        const lines = await matching(period, ...filters);
        return summarize(lines, dimensions, await allocation?.(lines, period));
      }
      const sums = new UsageSums(dimensions);
      await Promise.all(
        windows.map(async (window) => {
          const lines = linesInWindow({ ...window, lines: await anyWindow(window) }).filter((line) =>
            filters.every((filter) => matchesFilter(line, filter)),
          );
          const shareOf = await allocation?.(lines, { start: parseDay(window.startDate)!, end: parseDay(window.endDate)! });
          for (const line of lines) sums.add(line, shareOf?.(line));
        }),
      );
      return sums.groups();
    },
  };
}
