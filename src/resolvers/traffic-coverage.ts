import { coverageOf } from '../access/traffic.js';
import { today } from '../calendar.js';
import type { Context } from '../context.js';
import { checkPeriod } from '../usage/period.js';
import type { PeriodInput } from './usage-fields.js';

/** `Query.trafficCoverage`: the period's days with traffic data, from the store and the Metrics API. */
export async function trafficCoverage(period: PeriodInput, { loaders }: Context) {
  const checked = checkPeriod(period);
  return coverageOf(checked, await loaders.traffic.dataOf(checked), today());
}
