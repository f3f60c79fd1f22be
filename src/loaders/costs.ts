import DataLoader from 'dataloader';
import type { RequestOptions } from '../confluent/client.js';
import type { ConfluentReads } from '../confluent/reads.js';
import { loaderOptions, measured, type LoaderPolicy } from './policy.js';
import type { Cost } from '../confluent/types.js';
import type { UsageFilter } from '../__generated__/resolvers-types.js';
import { costWindows, periodKey, type Period } from '../usage/period.js';
import { usageLineOf, type UsageLine } from '../usage/usage-line.js';
import { groupBy } from './grouping.js';
import { nextTurn, type InTurn } from './turns.js';

const windowKey = (window: { startDate: string; endDate: string }) => `${window.startDate}/${window.endDate}`;

function byDateThenId(a: UsageLine, b: UsageLine): number {
  if (a.startDate !== b.startDate) return a.startDate < b.startDate ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function isInOrder(lines: readonly UsageLine[]): boolean {
  for (let i = 1; i < lines.length; i++) if (byDateThenId(lines[i - 1]!, lines[i]!) > 0) return false;
  return true;
}

interface PeriodLines {
  all: UsageLine[];
  byWorkspace: Map<string, UsageLine[]>;
  byProduct: Map<string, UsageLine[]>;
}

function groupLines(all: UsageLine[]): PeriodLines {
  return { all, byWorkspace: groupBy(all, (line) => line.workspaceId), byProduct: groupBy(all, (line) => line.productId) };
}

/** Lines read per event-loop turn: a month of a large organization is tens of thousands. */
const LINES_PER_TURN = 5_000;

/**
 * A window's lines, read, deduplicated, in order and grouped. Kept per listing object: the shared
 * cache hands every request the same listing of a window, so later requests reuse the work.
 */
const windowLines = new WeakMap<readonly Cost[], Promise<PeriodLines>>();

function linesOfWindow(listing: readonly Cost[], key: string): Promise<PeriodLines> {
  let lines = windowLines.get(listing);
  if (!lines) {
    lines = readWindow(listing, key);
    windowLines.set(listing, lines);
  }
  return lines;
}

async function readWindow(listing: readonly Cost[], key: string): Promise<PeriodLines> {
  const [first = '', last = ''] = key.split('/');
  const unique = new Map<string, UsageLine>();
  for (let start = 0; start < listing.length; start += LINES_PER_TURN) {
    // Upstream calls still in flight are answered between turns.
    if (start > 0) await nextTurn();
    for (const cost of listing.slice(start, start + LINES_PER_TURN)) {
      const line = usageLineOf(cost);
      if (line.startDate >= first && line.startDate < last) unique.set(line.id, line);
    }
  }
  const all = [...unique.values()];
  // Lines that arrive in order (by date, then id) are only checked, not sorted.
  return groupLines(isInOrder(all) ? all : all.sort(byDateThenId));
}

/** Windows are consecutive and never overlap, so their lines stay in date order one after another. */
function mergeWindows(windows: readonly PeriodLines[]): PeriodLines {
  const seen = new Set<string>();
  const all = windows.flatMap((window) => window.all).filter((line) => !seen.has(line.id) && seen.add(line.id));
  return groupLines(all);
}

const isSet = (value: unknown): value is string => value !== null && value !== undefined && value !== '';

function matchesUsageFilter(line: UsageLine, filter: UsageFilter): boolean {
  return (
    (!filter.workspaceId || line.workspaceId === filter.workspaceId) &&
    (!filter.productId || line.productId === filter.productId) &&
    (!filter.lineType || line.lineTypeId === filter.lineType) &&
    (!filter.resourceId || line.resource?.id === filter.resourceId)
  );
}

/**
 * Cost lines of a period: one Costs API call per ≤31-day window, every window of a request fetched
 * once and in parallel (under the client's concurrency cap), merged without duplicates; every
 * workspace, product and summary of the request is then answered from them in memory.
 */
export function createCostLoaders(client: ConfluentReads, request: RequestOptions, policy: LoaderPolicy, inTurn: InTurn) {
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
    const ofWindows = await Promise.all((lists as Cost[][]).map((list, index) => linesOfWindow(list, keys[index] ?? '')));
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
    ofPeriod: async (period: Period): Promise<readonly UsageLine[]> => (await inTurn(linesOf(period))).all,
    /**
     * The period's lines that match every filter given (a field's own scope and the client's
     * filter), starting from the workspace's or product's group rather than every line.
     */
    matching: async (period: Period, ...filters: UsageFilter[]): Promise<readonly UsageLine[]> => {
      // Each caller in a turn of its own: a wide query asks for the lines of every workspace at once.
      const lines = await inTurn(linesOf(period));
      const conditions = filters.flatMap((filter) => Object.entries(filter).filter(([, value]) => isSet(value)));
      const workspaceId = conditions.find(([name]) => name === 'workspaceId')?.[1];
      const productId = conditions.find(([name]) => name === 'productId')?.[1];
      const [candidates, chosenBy] =
        workspaceId ? [lines.byWorkspace.get(workspaceId) ?? [], ['workspaceId', workspaceId]]
        : productId ? [lines.byProduct.get(productId) ?? [], ['productId', productId]]
        : [lines.all, undefined];
      // The group's lines all meet the condition that chose it; only other conditions need a pass.
      const others = conditions.filter(([name, value]) => name !== chosenBy?.[0] || value !== chosenBy[1]);
      if (others.length === 0) return candidates;
      return candidates.filter((line) => filters.every((filter) => matchesUsageFilter(line, filter)));
    },
  };
}
