import { firstOfMonth, formatDay, oneYearBefore, parseDay, today } from '../calendar.js';
import { InvalidInputError } from '../domain-errors.js';

/** The Costs API answers at most 31 days per call. */
export const MAX_WINDOW_DAYS = 31;

/** A checked period in UTC day numbers: start inclusive, end exclusive. */
export interface Period {
  start: number;
  end: number;
}

/** One Costs API call's range, as the API wants it. */
export interface CostWindow {
  startDate: string;
  endDate: string;
}

/**
 * A period as a client gave it, checked before any upstream call against the Costs API's own
 * rules: real dates, start before end, start at most one year back, end no later than tomorrow.
 */
export function checkPeriod(input: { start: string; end: string }, now: Date = new Date()): Period {
  const start = parseDay(String(input.start));
  const end = parseDay(String(input.end));
  if (start === undefined) throw new InvalidInputError(`period.start is not a YYYY-MM-DD date: ${input.start}`, 'period');
  if (end === undefined) throw new InvalidInputError(`period.end is not a YYYY-MM-DD date: ${input.end}`, 'period');
  if (start >= end) {
    throw new InvalidInputError(
      `period.start (${formatDay(start)}) must be before period.end (${formatDay(end)}); the end is exclusive`,
      'period',
    );
  }
  const day = today(now);
  const earliest = oneYearBefore(day);
  if (start < earliest) {
    throw new InvalidInputError(
      `period.start may be at most one year back (${formatDay(earliest)} or later): Confluent keeps costs for a year`,
      'period',
    );
  }
  if (end > day + 1) {
    throw new InvalidInputError(`period.end may be at most tomorrow (${formatDay(day + 1)}), since the end is exclusive`, 'period');
  }
  return { start, end };
}

/** The current month to date: `products` without a period. */
export function monthToDate(now: Date = new Date()): Period {
  const day = today(now);
  return { start: firstOfMonth(day), end: day + 1 };
}

/** A period cut into consecutive windows of at most 31 days, the most one Costs API call covers. */
export function costWindows(period: Period): CostWindow[] {
  const windows: CostWindow[] = [];
  for (let start = period.start; start < period.end; start += MAX_WINDOW_DAYS) {
    windows.push({ startDate: formatDay(start), endDate: formatDay(Math.min(start + MAX_WINDOW_DAYS, period.end)) });
  }
  return windows;
}

export function periodKey(period: Period): string {
  return `${period.start}:${period.end}`;
}
