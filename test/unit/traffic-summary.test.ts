// Traffic per principal over a period: bytes add up per metric, a day counts as active only with
// bytes, and a period without any day of data is refused rather than shown as idle.
import { describe, expect, it } from 'vitest';
import { activityOf, requireTrafficData, summarizeTraffic, trafficDataOfPoints } from '../../src/access/traffic.js';
import { InvalidInputError } from '../../src/domain-errors.js';
import { checkPeriod } from '../../src/usage/period.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const period = checkPeriod({ start: '2026-06-10', end: '2026-06-13' }, NOW);
const point = (principalId: string, day: string, bytes: number, clusterId = 'lkc-1') => ({ day, clusterId, principalId, bytes });

describe('traffic of a period', () => {
  const summary = summarizeTraffic(
    period,
    trafficDataOfPoints({
      request: [
        point('sa-1', '2026-06-10', 100),
        point('sa-1', '2026-06-11', 50, 'lkc-2'),
        point('sa-2', '2026-06-11', 0),
        point('sa-1', '2026-06-09', 7),
      ],
      response: [point('sa-1', '2026-06-11', 25), point('sa-2', '2026-06-13', 9)],
    }),
  );

  it('adds bytes per metric across clusters and days, ignoring days outside the period', () => {
    expect(activityOf(summary, 'sa-1')).toEqual({
      activeDays: 2,
      lastActiveOn: '2026-06-11',
      requestBytes: 150,
      responseBytes: 25,
      days: 3,
      daysWithData: 2,
    });
  });

  it('counts a day with a zero point as a day with data, not as an active day', () => {
    expect(activityOf(summary, 'sa-2')).toMatchObject({ activeDays: 0, lastActiveOn: null, requestBytes: 0, daysWithData: 2 });
    expect(activityOf(summary, 'sa-unknown')).toMatchObject({ activeDays: 0, requestBytes: 0, responseBytes: 0 });
  });

  it('refuses a period without any day of data', () => {
    expect(requireTrafficData(summary, period)).toBe(summary);
    const empty = summarizeTraffic(period, trafficDataOfPoints({ request: [], response: [] }));
    expect(() => requireTrafficData(empty, period)).toThrow(InvalidInputError);
    expect(() => requireTrafficData(empty, period)).toThrow(/about the last 7 days/);
  });
});
