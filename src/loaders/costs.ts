import type { RequestOptions } from '../confluent/client.js';
import type { ConfluentReads } from '../confluent/reads.js';
import type { LoaderPolicy } from './policy.js';
import type { UsageFilter } from '../__generated__/resolvers-types.js';
import { costWindows, periodKey, type Period } from '../usage/period.js';
import { inOrderOnce } from '../usage/line-order.js';
import type { UsageLine } from '../usage/usage-line.js';
import { groupBy } from './grouping.js';
import { nextTurn, type InTurn } from './turns.js';

const windowKey = (window: { startDate: string; endDate: string }) => `${window.startDate}/${window.endDate}`;

interface PeriodLines {
  all: readonly UsageLine[];
  byWorkspace: Map<string, UsageLine[]>;
  /** Grouped when first asked for: a query by workspace never needs it. */
  byProduct: () => Map<string, UsageLine[]>;
}

/** A turn before grouping the period's lines, so that the answers to other calls are read first. */
async function groupLines(all: readonly UsageLine[]): Promise<PeriodLines> {
  await nextTurn();
  let byProduct: Map<string, UsageLine[]> | undefined;
  return {
    all,
    byWorkspace: groupBy(all, (line) => line.workspaceId),
    byProduct: () => (byProduct ??= groupBy(all, (line) => line.productId)),
  };
}

/**
 * A window's lines, deduplicated, in order and grouped. Kept per listing object: the shared cache
 * hands every request the same listing of a window, so later requests reuse the work.
 */
const windowLines = new WeakMap<readonly UsageLine[], Promise<PeriodLines>>();

function linesOfWindow(listing: readonly UsageLine[], key: string): Promise<PeriodLines> {
  let lines = windowLines.get(listing);
  if (!lines) {
    const [first = '', last = ''] = key.split('/');
    const inWindow = (line: UsageLine) => line.startDate >= first && line.startDate < last;
    // Confluent sends only the window's lines: a copy without the others is needed only if it does not.
    lines = groupLines(inOrderOnce(listing.every(inWindow) ? listing : listing.filter(inWindow)));
    windowLines.set(listing, lines);
  }
  return lines;
}

/** Windows are consecutive and never overlap, so their lines stay in date order one after another. */
function mergeWindows(windows: readonly PeriodLines[]): Promise<PeriodLines> {
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
  const windows = new Map<string, Promise<UsageLine[]>>();
  const periods = new Map<string, Promise<PeriodLines>>();

  /**
   * A window's listing, started at once (not on a later tick, as a batch would be): a month of
   * costs is the longest chain of calls and reading in a wide query, so it goes first.
   */
  function windowOf(key: string): Promise<UsageLine[]> {
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
        : productId ? [lines.byProduct().get(productId) ?? [], ['productId', productId]]
        : [lines.all, undefined];
      // The group's lines all meet the condition that chose it; only other conditions need a pass.
      const others = conditions.filter(([name, value]) => name !== chosenBy?.[0] || value !== chosenBy[1]);
      if (others.length === 0) return candidates;
      return candidates.filter((line) => filters.every((filter) => matchesUsageFilter(line, filter)));
    },
  };
}
