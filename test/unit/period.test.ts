import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/domain-errors.js';
import { checkPeriod, costWindows, monthToDate } from '../../src/usage/period.js';
import { formatDay } from '../../src/calendar.js';

const NOW = new Date('2026-11-29T10:00:00Z');

function failure(input: { start: string; end: string }): { argument: string; message: string } {
  try {
    checkPeriod(input, NOW);
  } catch (error) {
    if (error instanceof InvalidInputError) return { argument: error.argument, message: error.message };
    throw error;
  }
  throw new Error('expected the period to be rejected');
}

describe('checkPeriod', () => {
  it('accepts a month, start inclusive and end exclusive', () => {
    const period = checkPeriod({ start: '2026-10-01', end: '2026-11-01' }, NOW);
    expect(period.end - period.start).toBe(31);
  });

  it('accepts a start exactly one year back and an end of tomorrow', () => {
    const period = checkPeriod({ start: '2025-11-29', end: '2026-11-30' }, NOW);
    expect(formatDay(period.start)).toBe('2025-11-29');
  });

  it.each([
    [{ start: '2026-11-02', end: '2026-11-01' }, /before/],
    [{ start: '2026-11-01', end: '2026-11-01' }, /before/],
    [{ start: '2024-11-01', end: '2024-12-01' }, /one year/],
    [{ start: '2025-11-28', end: '2025-12-01' }, /one year/],
    [{ start: '2026-11-01', end: '2026-12-01' }, /tomorrow/],
    [{ start: 'yesterday', end: '2026-11-01' }, /period.start/],
    [{ start: '2026-11-01', end: '2026-02-30' }, /period.end/],
  ])('rejects %j as invalid input of `period`, naming the rule', (input, rule) => {
    const { argument, message } = failure(input);
    expect(argument).toBe('period');
    expect(message).toMatch(rule);
  });
});

describe('costWindows', () => {
  it('keeps a month in one window', () => {
    expect(costWindows(checkPeriod({ start: '2026-10-01', end: '2026-11-01' }, NOW))).toEqual([
      { startDate: '2026-10-01', endDate: '2026-11-01' },
    ]);
  });

  it('cuts 90 days into three consecutive windows of at most 31 days', () => {
    const windows = costWindows(checkPeriod({ start: '2026-08-01', end: '2026-10-30' }, NOW));
    expect(windows).toEqual([
      { startDate: '2026-08-01', endDate: '2026-09-01' },
      { startDate: '2026-09-01', endDate: '2026-10-02' },
      { startDate: '2026-10-02', endDate: '2026-10-30' },
    ]);
  });

  it('covers a whole year with windows that touch and never overlap', () => {
    const windows = costWindows(checkPeriod({ start: '2025-11-29', end: '2026-11-29' }, NOW));
    expect(windows).toHaveLength(12);
    for (let i = 1; i < windows.length; i++) expect(windows[i]!.startDate).toBe(windows[i - 1]!.endDate);
    expect(windows.at(-1)!.endDate).toBe('2026-11-29');
  });
});

describe('monthToDate', () => {
  it('runs from the first of the month to the end of today', () => {
    const period = monthToDate(NOW);
    expect([formatDay(period.start), formatDay(period.end)]).toEqual(['2026-11-01', '2026-11-30']);
  });
});
