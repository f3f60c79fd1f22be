// The per-request cost lines of a period, from listings a stand-in client gives: each window's
// lines are those Confluent sent for it, in order and once, whatever else a listing holds.
import { describe, expect, it } from 'vitest';
import type { ConfluentReads } from '../../src/confluent/reads.js';
import { createCostLoaders } from '../../src/loaders/costs.js';
import { costLineReader } from '../../src/confluent/cost-lines.js';
import { parseDay } from '../../src/calendar.js';
import { checkPeriod, costWindows } from '../../src/usage/period.js';
import { summarize, type Dimension } from '../../src/usage/summary.js';
import type { UsageLine } from '../../src/usage/usage-line.js';

const readLine = costLineReader();
const line = (id: string, day: string, workspace = 'env-1'): UsageLine =>
  readLine({
    id,
    start_date: day,
    end_date: day,
    unit: 'GB',
    original_amount: 1,
    resource: { id: 'lkc-1', environment: { id: workspace } },
  });

const idsOf = (lines: readonly UsageLine[]) => lines.map((line) => line.id);

/** Loaders over a stand-in client; `calls` counts its listings by window start. */
function loadersOver(listing: UsageLine[], byWindow?: Record<string, UsageLine[]>) {
  const calls: string[] = [];
  const listCosts = async (window: { startDate: string; endDate: string }) => {
    calls.push(window.startDate);
    return byWindow?.[window.startDate] ?? listing;
  };
  const client = { listCosts } as unknown as ConfluentReads;
  return Object.assign(createCostLoaders(client, {}, { batching: true }), { calls });
}

describe('cost lines of a period', () => {
  const period = checkPeriod({ start: '2026-10-01', end: '2026-10-08' });

  it('leave out lines a listing holds from outside its window', async () => {
    const listing = [line('b', '2026-10-02'), line('before', '2026-09-30'), line('a', '2026-10-02'), line('after', '2026-10-08')];
    const lines = await loadersOver(listing).matching(period);
    expect(idsOf(lines)).toEqual(['a', 'b']);
  });

  it('keep lines in order and once, and group them by workspace and by product', async () => {
    const listing = [line('a', '2026-10-01'), line('c', '2026-10-03', 'env-2'), line('b', '2026-10-02'), line('a', '2026-10-01')];
    listing[2] = { ...listing[2]!, product: 'CONNECT' };
    const loaders = loadersOver(listing);
    const ids = idsOf;
    expect(ids(await loaders.matching(period))).toEqual(['a', 'b', 'c']);
    expect(ids(await loaders.matching(period, { workspaceId: 'env-2' }))).toEqual(['c']);
    expect(ids(await loaders.matching(period, { productId: 'CONNECT' }))).toEqual(['b']);
    expect(ids(await loaders.matching(period, { productId: 'CONNECT', workspaceId: 'env-2' }))).toEqual([]);
    expect(ids(await loaders.matching(period, { workspaceId: 'env-billed-nothing' }))).toEqual([]);
    expect(ids(await loaders.matching(period, { productId: 'FLINK', lineType: 'FLINK_NUM_CFU' }))).toEqual([]);
  });

  it('join the windows of a period longer than 31 days, in order', async () => {
    const long = checkPeriod({ start: '2026-10-01', end: '2026-11-10' });
    const loaders = loadersOver([], {
      '2026-10-01': [line('b', '2026-10-31', 'env-2'), line('a', '2026-10-01'), line('z', '2026-10-02')],
      '2026-11-01': [line('d', '2026-11-01'), line('c', '2026-11-09', 'env-2'), line('b2', '2026-11-02')],
    });
    expect(idsOf(await loaders.matching(long))).toEqual(['a', 'z', 'b', 'd', 'b2', 'c']);
    expect(idsOf(await loaders.matching(long, { workspaceId: 'env-2' }))).toEqual(['b', 'c']);
    expect(loaders.calls).toEqual(['2026-10-01', '2026-11-01']);
  });
});

describe('cost summaries', () => {
  const long = checkPeriod({ start: '2026-09-01', end: '2026-11-10' });
  const byWindow = {
    '2026-09-01': [line('a', '2026-09-01'), line('a', '2026-09-01'), line('b', '2026-09-20', 'env-2')],
    '2026-10-02': [line('c', '2026-10-02'), line('early', '2026-09-30')],
    '2026-11-02': [line('d', '2026-11-09', 'env-2')],
  };

  it('of several windows sum each line once, as the lines of the period do, reading each window once', async () => {
    const streamed = loadersOver([], byWindow);
    const summed = await streamed.summary(long, ['WORKSPACE']);
    const kept = loadersOver([], byWindow);
    expect(summed).toEqual(summarize(await kept.matching(long), ['WORKSPACE']));
    expect(summed.map((group) => [group.workspaceId, group.lineItemCount])).toEqual([
      ['env-1', 2],
      ['env-2', 2],
    ]);
    expect(streamed.calls.sort()).toEqual(['2026-09-01', '2026-10-02', '2026-11-02']);
  });

  it('of several windows keep no lines, but share the calls of fields reading the same windows at once', async () => {
    const loaders = loadersOver([], byWindow);
    await Promise.all([loaders.summary(long, ['PRODUCT']), loaders.summary(long, ['DAY'], [{ workspaceId: 'env-2' }])]);
    expect(loaders.calls).toHaveLength(3);
    // Read again for a field that pages through them, now that no summary holds them.
    await loaders.matching(long);
    expect(loaders.calls).toHaveLength(6);
    // Kept from then on: another summary of the period reads nothing.
    await loaders.summary(long, ['WORKSPACE']);
    expect(loaders.calls).toHaveLength(6);
  });

  it('of one window keep its lines for the rest of the request', async () => {
    const month = checkPeriod({ start: '2026-10-01', end: '2026-11-01' });
    const loaders = loadersOver([line('a', '2026-10-01'), line('b', '2026-10-02', 'env-2')]);
    expect((await loaders.summary(month, ['WORKSPACE'])).map((group) => group.workspaceId)).toEqual(['env-1', 'env-2']);
    expect(idsOf(await loaders.matching(month, { workspaceId: 'env-2' }))).toEqual(['b']);
    expect(loaders.calls).toEqual(['2026-10-01']);
  });

  it('of several windows put a week or a month split by a window edge in one group, across a year too', async () => {
    // Built from day numbers: checkPeriod would refuse these dates once they are a year old.
    const period = { start: parseDay('2025-12-02')!, end: parseDay('2026-02-10')! };
    expect(costWindows(period).map((window) => window.startDate)).toEqual(['2025-12-02', '2026-01-02', '2026-02-02']);
    const windows = {
      '2025-12-02': [line('a', '2025-12-28'), line('b', '2025-12-31'), line('c', '2026-01-01')],
      '2026-01-02': [line('d', '2026-01-02'), line('e', '2026-01-04', 'env-2'), line('f', '2026-02-01')],
      '2026-02-02': [line('g', '2026-02-02'), line('h', '2026-02-09', 'env-2')],
    };
    const groupsOf = async (dimensions: Dimension[]) => {
      const streamed = await loadersOver([], windows).summary(period, dimensions);
      expect(streamed).toEqual(summarize(await loadersOver([], windows).matching(period), dimensions));
      return streamed.map((group) => [group.week ?? group.month, group.workspaceId, group.lineItemCount]);
    };
    // The ISO week of 2025-12-29 is the first of 2026.
    expect(await groupsOf(['WEEK', 'WORKSPACE'])).toEqual([
      ['2025-12-29', 'env-1', 3],
      ['2025-12-22', 'env-1', 1],
      ['2025-12-29', 'env-2', 1],
      ['2026-01-26', 'env-1', 1],
      ['2026-02-02', 'env-1', 1],
      ['2026-02-09', 'env-2', 1],
    ]);
    expect(await groupsOf(['MONTH', 'WORKSPACE'])).toEqual([
      ['2025-12-01', 'env-1', 2],
      ['2026-01-01', 'env-1', 2],
      ['2026-02-01', 'env-1', 2],
      ['2026-01-01', 'env-2', 1],
      ['2026-02-01', 'env-2', 1],
    ]);
  });
});
