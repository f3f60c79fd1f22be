// The per-request cost lines of a period, from listings a stand-in client gives: each window's
// lines are those Confluent sent for it, in order and once, whatever else a listing holds.
import { describe, expect, it } from 'vitest';
import type { ConfluentReads } from '../../src/confluent/reads.js';
import { createCostLoaders } from '../../src/loaders/costs.js';
import { costLineReader } from '../../src/confluent/cost-lines.js';
import { checkPeriod } from '../../src/usage/period.js';
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

function loadersOver(listing: UsageLine[], byWindow?: Record<string, UsageLine[]>) {
  const listCosts = async (window: { startDate: string; endDate: string }) => byWindow?.[window.startDate] ?? listing;
  const client = { listCosts } as unknown as ConfluentReads;
  return createCostLoaders(client, {}, { batching: true });
}

describe('cost lines of a period', () => {
  const period = checkPeriod({ start: '2026-10-01', end: '2026-10-08' });

  it('leave out lines a listing holds from outside its window', async () => {
    const listing = [line('b', '2026-10-02'), line('before', '2026-09-30'), line('a', '2026-10-02'), line('after', '2026-10-08')];
    const lines = await loadersOver(listing).ofPeriod(period);
    expect(idsOf(lines)).toEqual(['a', 'b']);
  });

  it('keep lines in order and once, and group them by workspace and by product', async () => {
    const listing = [line('a', '2026-10-01'), line('c', '2026-10-03', 'env-2'), line('b', '2026-10-02'), line('a', '2026-10-01')];
    listing[2] = { ...listing[2]!, product: 'CONNECT' };
    const loaders = loadersOver(listing);
    const ids = idsOf;
    expect(ids(await loaders.ofPeriod(period))).toEqual(['a', 'b', 'c']);
    expect(ids(await loaders.matching(period, { workspaceId: 'env-2' }))).toEqual(['c']);
    expect(ids(await loaders.matching(period, { productId: 'CONNECT' }))).toEqual(['b']);
    expect(ids(await loaders.matching(period, { productId: 'CONNECT', workspaceId: 'env-2' }))).toEqual([]);
    expect(ids(await loaders.matching(period, { workspaceId: 'env-billed-nothing' }))).toEqual([]);
    expect(ids(await loaders.matching(period, { productId: 'FLINK', lineType: 'FLINK_NUM_CFU' }))).toEqual([]);
  });

  it('join the windows of a period longer than 31 days, in order, a line sent in two windows once', async () => {
    const long = checkPeriod({ start: '2026-10-01', end: '2026-11-10' });
    const loaders = loadersOver([], {
      '2026-10-01': [line('b', '2026-10-31', 'env-2'), line('a', '2026-10-01'), line('z', '2026-10-02')],
      '2026-11-01': [line('a', '2026-11-01'), line('c', '2026-11-09', 'env-2'), line('b', '2026-11-02')],
    });
    expect(idsOf(await loaders.ofPeriod(long))).toEqual(['a', 'z', 'b', 'c']);
    expect(idsOf(await loaders.matching(long, { workspaceId: 'env-2' }))).toEqual(['b', 'c']);
    expect((await loaders.ofPeriod(long))[2]!.startDate).toBe('2026-10-31');
  });
});
