// billing/v1 costs: daily lines over [start_date, end_date), at most 31 days per call and no more
// than a year back. Both dates are required.
import { formatDay, oneYearBefore, parseDay } from '../../calendar.js';
import { costsBetween, encodedCost } from '../cost-index.js';
import { invalidFilter } from '../errors.js';
import { COST_PAGES, pagedList } from '../paging.js';
import type { RequestContext, RouteDefinition } from '../router.js';
import { listRoute, requiredFilter } from './define.js';

const MAX_SPAN_DAYS = 31;

function dateFilter(context: RequestContext, name: string): number {
  const text = requiredFilter(context, name);
  const day = parseDay(text);
  if (day === undefined) throw invalidFilter(name, `${name} must be a date in YYYY-MM-DD format, got '${text}'`);
  return day;
}

export const billingRoutes: RouteDefinition[] = [
  listRoute('/billing/v1/costs', ['start_date', 'end_date'], (context) => {
    const start = dateFilter(context, 'start_date');
    const end = dateFilter(context, 'end_date');
    if (start >= end) throw invalidFilter('start_date', 'start date must be before end date');
    if (end - start > MAX_SPAN_DAYS) throw invalidFilter('end_date', 'end date and start date are too far apart');
    if (start < oneYearBefore(context.today)) throw invalidFilter('start_date', 'start date is too far in the past');
    const [first, last] = [formatDay(start), formatDay(end)];
    const items = costsBetween(context.data.costs, first, last);
    return pagedList(context, {
      apiVersion: 'billing/v1',
      kind: 'CostList',
      items,
      limits: COST_PAGES,
      withTotalSize: false,
      encodeItem: encodedCost,
    });
  }),
];
