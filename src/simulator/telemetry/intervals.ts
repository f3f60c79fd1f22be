// Time in a metrics query: granularities with the longest interval each allows, and ISO-8601
// intervals (`<start>/<end>`, `<start>/<duration>`, `<duration>/<end>`) as epoch milliseconds.
// The `now` keyword is not served: the simulator's clock is its `today`, not the wall clock.
import { parseDay } from '../../calendar.js';
import { badRequest } from './errors.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface Granularity {
  /** Infinity for `ALL`: one bucket over every interval. */
  bucketMs: number;
  maxIntervalMs: number;
}

/** Buckets align to UTC; the finer ones are limited to short intervals (the spec's table). */
export const GRANULARITIES: Readonly<Record<string, Granularity>> = {
  PT1M: { bucketMs: MINUTE, maxIntervalMs: 6 * HOUR },
  PT5M: { bucketMs: 5 * MINUTE, maxIntervalMs: DAY },
  PT15M: { bucketMs: 15 * MINUTE, maxIntervalMs: 4 * DAY },
  PT30M: { bucketMs: 30 * MINUTE, maxIntervalMs: 7 * DAY },
  PT1H: { bucketMs: HOUR, maxIntervalMs: Infinity },
  PT4H: { bucketMs: 4 * HOUR, maxIntervalMs: Infinity },
  PT6H: { bucketMs: 6 * HOUR, maxIntervalMs: Infinity },
  PT12H: { bucketMs: 12 * HOUR, maxIntervalMs: Infinity },
  P1D: { bucketMs: DAY, maxIntervalMs: Infinity },
  ALL: { bucketMs: Infinity, maxIntervalMs: Infinity },
};

/** Half-open: `endMs` excluded. */
export interface Interval {
  startMs: number;
  endMs: number;
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;
/** Days, weeks and clock time only: months and years have no fixed length. */
const DURATION = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?!$)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** A date, or a date-time with its zone; undefined when it is not a real moment. */
function instantMs(text: string): number | undefined {
  const match = INSTANT.exec(text);
  if (!match || parseDay(match[1]!) === undefined) return undefined;
  const [hours, minutes, seconds] = [match[2], match[3], match[4]].map((part) => Number(part ?? 0));
  if (hours! > 23 || minutes! > 59 || seconds! > 59) return undefined;
  return Date.parse(text);
}

function durationMs(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match) return undefined;
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  return (weeks! * 7 + days!) * DAY + hours! * HOUR + minutes! * MINUTE + seconds! * 1000;
}

function intervalOf(first: string, second: string): Interval | undefined {
  const start = instantMs(first);
  const end = instantMs(second);
  if (start !== undefined && end !== undefined) return { startMs: start, endMs: end };
  const after = durationMs(second);
  if (start !== undefined && after !== undefined) return { startMs: start, endMs: start + after };
  const before = durationMs(first);
  if (before !== undefined && end !== undefined) return { startMs: end - before, endMs: end };
  return undefined;
}

export function parseInterval(text: string): Interval {
  const parts = text.split('/');
  const interval = parts.length === 2 ? intervalOf(parts[0]!, parts[1]!) : undefined;
  if (!interval) {
    throw badRequest(`Invalid interval '${text}': expected <start>/<end>, <start>/<duration> or <duration>/<end> in ISO-8601`);
  }
  if (interval.endMs <= interval.startMs) throw badRequest(`Invalid interval '${text}': the end must be after the start`);
  return interval;
}

/** Sorted, with overlapping and touching intervals joined, so no moment counts twice. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((left, right) => left.startMs - right.startMs);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.startMs <= last.endMs) last.endMs = Math.max(last.endMs, interval.endMs);
    else merged.push({ ...interval });
  }
  return merged;
}
