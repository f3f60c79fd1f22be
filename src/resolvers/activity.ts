import { activityOf, requireTrafficData } from '../access/traffic.js';
import type { Context } from '../context.js';
import { checkPeriod } from '../usage/period.js';
import type { PeriodInput } from './usage-fields.js';

/** `activity(period)` of a person, service account or identity pool, from the organization's traffic of the period. */
export async function principalActivity(principalId: string, period: PeriodInput, { loaders }: Context) {
  const checked = checkPeriod(period);
  return activityOf(requireTrafficData(await loaders.traffic.inPeriod(checked), checked), principalId);
}
