import { describe, expect, it } from 'vitest';
import { dayOf, formatDay, mondayOf, oneYearBefore, parseDay, timestampAt } from '../../src/calendar.js';

describe('simulator dates', () => {
  it('parses real YYYY-MM-DD dates to day numbers and back', () => {
    expect(parseDay('1970-01-02')).toBe(1);
    expect(formatDay(parseDay('2024-02-29') ?? 0)).toBe('2024-02-29');
  });

  it.each(['2025-02-29', '2026-13-01', '2026-04-31', '2026-1-01', '2026-01-01T00:00:00Z', ''])('refuses %s', (text) => {
    expect(parseDay(text)).toBeUndefined();
  });

  it('goes back one calendar year, 29 February falling to the 28th', () => {
    expect(formatDay(oneYearBefore(parseDay('2026-10-15') ?? 0))).toBe('2025-10-15');
    expect(formatDay(oneYearBefore(parseDay('2024-02-29') ?? 0))).toBe('2023-02-28');
  });

  it('writes RFC 3339 UTC timestamps within the day and reads their day back', () => {
    const day = parseDay('2026-03-01') ?? 0;
    const timestamp = timestampAt(day, 3661.5);
    expect(timestamp).toBe('2026-03-01T01:01:01.500Z');
    expect(dayOf(timestamp)).toBe(day);
  });

  it.each([
    ['2025-12-29', '2025-12-29'],
    ['2026-01-01', '2025-12-29'],
    ['2026-01-04', '2025-12-29'],
    ['2026-01-05', '2026-01-05'],
    ['1970-01-01', '1969-12-29'],
    ['1969-12-28', '1969-12-22'],
  ])('puts %s in the ISO week starting on Monday %s', (date, monday) => {
    expect(formatDay(mondayOf(parseDay(date)!))).toBe(monday);
  });
});
