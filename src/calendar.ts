// Calendar arithmetic on UTC days. A day is counted from 1970-01-01, so ranges are plain integers.

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a `YYYY-MM-DD` string, or undefined when it is not a real calendar date. */
export function parseDay(text: string): number | undefined {
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const back = new Date(time);
  // Date.UTC rolls 2025-02-30 over to March; a real date survives the round trip.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return time / MS_PER_DAY;
}

export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The same calendar date one year earlier (29 February falls back to the 28th). */
export function oneYearBefore(day: number): number {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear() - 1;
  const month = date.getUTCMonth();
  const lastDayOfMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDayOfMonth)) / MS_PER_DAY;
}

/** RFC 3339 UTC timestamp for a moment `seconds` after the start of `day`. */
export function timestampAt(day: number, seconds: number): string {
  return new Date(day * MS_PER_DAY + Math.floor(seconds * 1000)).toISOString();
}

/** The day a RFC 3339 timestamp falls on. */
export function dayOf(timestamp: string): number {
  return Math.floor(Date.parse(timestamp) / MS_PER_DAY);
}

/** Today's day number in UTC. */
export function today(now: Date = new Date()): number {
  return Math.floor(now.getTime() / MS_PER_DAY);
}

/** The first day of the month that `day` is in. */
export function firstOfMonth(day: number): number {
  const date = new Date(day * MS_PER_DAY);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / MS_PER_DAY;
}

/** The Monday starting the ISO week (Monday to Sunday) that `day` is in. */
export function mondayOf(day: number): number {
  // Day 0, 1970-01-01, was a Thursday: three days after a Monday. The second `% 7` keeps earlier days right.
  return day - ((((day + 3) % 7) + 7) % 7);
}

/** The last full calendar month before `now` in UTC, as `YYYY-MM-DD` dates (end exclusive). */
export function lastFullMonth(now: Date = new Date()): { start: string; end: string } {
  return lastFullMonths(1, now);
}

/** The last `count` full calendar months before `now` in UTC, as `YYYY-MM-DD` dates (end exclusive). */
export function lastFullMonths(count: number, now: Date = new Date()): { start: string; end: string } {
  const firstOf = (month: number) => new Date(Date.UTC(now.getUTCFullYear(), month, 1)).toISOString().slice(0, 10);
  return { start: firstOf(now.getUTCMonth() - count), end: firstOf(now.getUTCMonth()) };
}
