import { Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { lastFullMonth, lastFullMonths } from '../../src/calendar.js';
import { exampleTabs } from '../../src/http/example-tabs.js';

describe('lastFullMonth', () => {
  it.each([
    ['2026-03-31T23:59:59Z', { start: '2026-02-01', end: '2026-03-01' }],
    ['2026-03-01T00:00:00Z', { start: '2026-02-01', end: '2026-03-01' }],
    ['2026-01-15T12:00:00Z', { start: '2025-12-01', end: '2026-01-01' }],
  ])('on %s is %j', (today, period) => {
    expect(lastFullMonth(new Date(today))).toEqual(period);
  });

  it('of three months reaches back across a year', () => {
    expect(lastFullMonths(3, new Date('2026-02-10T00:00:00Z'))).toEqual({ start: '2025-11-01', end: '2026-02-01' });
  });
});

describe('GraphiQL example tabs', () => {
  const tabs = exampleTabs(new Date('2026-05-20T08:00:00Z'));

  it('open on the flagship with last month as its period', () => {
    expect(tabs[0]?.operationName).toBe('WorkspaceUsageAndAccess');
    expect(JSON.parse(tabs[0]?.variables ?? '')).toEqual({ period: { start: '2026-04-01', end: '2026-05-01' } });
  });

  it('give the cost trend the last three full months', () => {
    const trend = tabs.find((tab) => tab.operationName === 'CostTrend');
    expect(JSON.parse(trend?.variables ?? '')).toEqual({ period: { start: '2026-02-01', end: '2026-05-01' } });
  });

  it('hold one named operation each, with the comment written above it', () => {
    for (const tab of tabs) {
      const definitions = parse(tab.query).definitions;
      expect(definitions).toHaveLength(1);
      expect(definitions[0]).toMatchObject({ kind: Kind.OPERATION_DEFINITION, name: { value: tab.operationName } });
    }
    expect(tabs[0]?.query.startsWith('# Cost and access of every environment')).toBe(true);
  });
});
