import type { RequestOptions } from '../confluent/client.js';
import type { ConfluentReads } from '../confluent/reads.js';
import type { LoaderPolicy } from './policy.js';
import type { UsageFilter } from '../__generated__/resolvers-types.js';
import { costWindows, periodKey, type Period } from '../usage/period.js';
import { CostTable } from '../usage/cost-table.js';
import { inOrderOnce } from '../usage/line-order.js';
import { NO_USAGE_LINES, UsageLines } from '../usage/usage-lines.js';
import { nextTurn, type InTurn } from './turns.js';

const windowKey = (window: { startDate: string; endDate: string }) => `${window.startDate}/${window.endDate}`;

interface PeriodLines {
  all: UsageLines;
  byWorkspace: Map<string, UsageLines>;
  /** Grouped when first asked for: a query by workspace never needs it. */
  byProduct: () => Map<string, UsageLines>;
}

/** A turn before grouping the period's lines, so that the answers to other calls are read first. */
async function groupLines(all: UsageLines): Promise<PeriodLines> {
  await nextTurn();
  const { table } = all;
  let byProduct: Map<string, UsageLines> | undefined;
  return {
    all,
    byWorkspace: all.groupBy((row) => table.workspaceId(row)),
    byProduct: () => (byProduct ??= all.groupBy((row) => table.productId(row))),
  };
}

/**
 * A window's lines, deduplicated, in order and grouped. Kept per listing: the shared cache hands
 * every request the same listing of a window, so later requests reuse the work.
 */
const windowLines = new WeakMap<CostTable, Promise<PeriodLines>>();

function linesOfWindow(listing: CostTable, key: string): Promise<PeriodLines> {
  let lines = windowLines.get(listing);
  if (!lines) {
    const [first = '', last = ''] = key.split('/');
    const all = UsageLines.all(listing);
    const inWindow = (row: number) => {
      const day = listing.startDate(row);
      return day >= first && day < last;
    };
    // Confluent sends only the window's lines: a copy without the others is needed only if it does not.
    lines = groupLines(inOrderOnce(listing.allDaysWithin(first, last) ? all : all.filter(inWindow)));
    windowLines.set(listing, lines);
  }
  return lines;
}

/** Windows are consecutive and never overlap, so their lines stay in date order one after another. */
function mergeWindows(windows: readonly PeriodLines[]): Promise<PeriodLines> {
  const table = CostTable.join(windows.map((window) => window.all.table));
  const rows: number[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for (const { all } of windows) {
    for (const row of all.rows) {
      const id = table.id(row + offset);
      if (seen.has(id)) continue;
      seen.add(id);
      rows.push(row + offset);
    }
    offset += all.table.count;
  }
  return groupLines(new UsageLines(table, Int32Array.from(rows)));
}

const isSet = (value: unknown): value is string => value !== null && value !== undefined && value !== '';

function matchesUsageFilter(table: CostTable, row: number, filter: UsageFilter): boolean {
  return (
    (!filter.workspaceId || table.workspaceId(row) === filter.workspaceId) &&
    (!filter.productId || table.productId(row) === filter.productId) &&
    (!filter.lineType || table.lineTypeId(row) === filter.lineType) &&
    (!filter.resourceId || table.resourceId(row) === filter.resourceId)
  );
}

/**
 * Cost lines of a period: one Costs API call per ≤31-day window, every window of a request fetched
 * once and in parallel (under the client's concurrency cap), merged without duplicates; every
 * workspace, product and summary of the request is then answered from them in memory.
 */
export function createCostLoaders(client: ConfluentReads, request: RequestOptions, policy: LoaderPolicy, inTurn: InTurn) {
  const windows = new Map<string, Promise<CostTable>>();
  const periods = new Map<string, Promise<PeriodLines>>();

  /**
   * A window's listing, started at once (not on a later tick, as a batch would be): a month of
   * costs is the longest chain of calls and reading in a wide query, so it goes first.
   */
  function windowOf(key: string): Promise<CostTable> {
    const [startDate = '', endDate = ''] = key.split('/');
    const read = () => client.listCosts({ startDate, endDate }, request);
    if (!policy.batching) return read();
    let lines = windows.get(key);
    if (!lines) {
      lines = read();
      windows.set(key, lines);
    }
    return lines;
  }

  async function readPeriod(period: Period): Promise<PeriodLines> {
    const keys = costWindows(period).map(windowKey);
    const lists = await Promise.all(keys.map(windowOf));
    const ofWindows = await Promise.all(lists.map((list, index) => linesOfWindow(list, keys[index] ?? '')));
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
    /** Starts reading a period that fields will ask for; they report its failures, not this. */
    prefetch: (period: Period): void => {
      if (policy.batching) linesOf(period).catch(() => {});
    },
    ofPeriod: async (period: Period): Promise<UsageLines> => (await inTurn(linesOf(period))).all,
    /**
     * The period's lines that match every filter given (a field's own scope and the client's
     * filter), starting from the workspace's or product's group rather than every line.
     */
    matching: async (period: Period, ...filters: UsageFilter[]): Promise<UsageLines> => {
      // Each caller in a turn of its own: a wide query asks for the lines of every workspace at once.
      const lines = await inTurn(linesOf(period));
      const conditions = filters.flatMap((filter) => Object.entries(filter).filter(([, value]) => isSet(value)));
      const workspaceId = conditions.find(([name]) => name === 'workspaceId')?.[1];
      const productId = conditions.find(([name]) => name === 'productId')?.[1];
      const [candidates, chosenBy] =
        workspaceId ? [lines.byWorkspace.get(workspaceId) ?? NO_USAGE_LINES, ['workspaceId', workspaceId]]
        : productId ? [lines.byProduct().get(productId) ?? NO_USAGE_LINES, ['productId', productId]]
        : [lines.all, undefined];
      // The group's lines all meet the condition that chose it; only other conditions need a pass.
      const others = conditions.filter(([name, value]) => name !== chosenBy?.[0] || value !== chosenBy[1]);
      if (others.length === 0) return candidates;
      const { table } = candidates;
      return candidates.filter((row) => filters.every((filter) => matchesUsageFilter(table, row, filter)));
    },
  };
}
