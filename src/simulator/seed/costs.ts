// Daily cost lines as the Costs API reports them: one row per resource, line type and day, plus
// organization-wide support and promotional credit lines. Amounts have up to 6 decimals and are
// exact in micro-dollars, so summing the floats naively drifts, which the subgraph must avoid.
import type { Cost } from '../../confluent/types.js';
import { formatDay } from '../../calendar.js';
import { environmentLines, type LineSource } from './cost-lines.js';
import type { SeedContext } from './context.js';
import type { Landscape } from './landscape.js';
import { PROMO_CODES } from './names.js';

/** Business support, billed daily as a flat share of a yearly contract of $12,000. */
const SUPPORT_MICROS_PER_DAY = Math.round(12_000_000_000 / 365);
const PROMO_EVERY_DAYS = 45;
const MAX_ROWS_PER_DAY = 65_536;

/** Unique per (day, row), and scrambled so ids look opaque rather than sequential. */
function costId(day: number, row: number): string {
  if (row >= MAX_ROWS_PER_DAY) throw new Error('too many cost rows in one day');
  const scrambled = Math.imul(day * MAX_ROWS_PER_DAY + row, 0x9e3779b1) >>> 0;
  return `cost-${scrambled.toString(36).padStart(7, '0')}`;
}

function pricedRow(source: LineSource, day: number, id: string, startDate: string, endDate: string): Cost {
  const quantity = source.quantity(day);
  const originalMicros = source.priceInTenThousandths * quantity;
  const discountMicros = Math.round((originalMicros * source.discountPercent) / 100);
  // Field by field rather than with spreads: there are hundreds of thousands of rows at benchmark size.
  const row: Cost = {
    api_version: 'billing/v1',
    kind: 'Cost',
    id,
    start_date: startDate,
    end_date: endDate,
    granularity: 'DAILY',
    product: source.product,
    line_type: source.lineType,
    price: source.priceInTenThousandths / 10_000,
    unit: source.unit,
    quantity: quantity / 100,
    original_amount: originalMicros / 1_000_000,
    discount_amount: discountMicros / 1_000_000,
    amount: (originalMicros - discountMicros) / 1_000_000,
    resource: source.resource,
  };
  if (source.networkAccessType) row.network_access_type = source.networkAccessType;
  if (source.tierDimensions) row.tier_dimensions = source.tierDimensions;
  return row;
}

type UnpricedFields = Pick<Cost, 'product' | 'line_type' | 'unit' | 'original_amount' | 'description'>;

/** Organization-wide lines have no resource, and no price, discount or final amount either. */
function unpricedRow(fields: UnpricedFields, id: string, startDate: string, endDate: string): Cost {
  return {
    api_version: 'billing/v1',
    kind: 'Cost',
    id,
    start_date: startDate,
    end_date: endDate,
    granularity: 'DAILY',
    quantity: 1,
    ...fields,
    resource: null,
  };
}

/** `costDays` days of rows, ending the day before `today`, in date order. */
export function buildCosts(context: SeedContext, landscape: Landscape, costDays: number): Cost[] {
  const { prng } = context.stream('costs');
  const period = { firstDay: context.today - costDays, days: Math.max(1, costDays) };
  const sources = landscape.environments.flatMap((plan) => environmentLines(prng, plan, period));
  const costs: Cost[] = [];
  for (let day = period.firstDay; day < context.today; day++) {
    const startDate = formatDay(day);
    const endDate = formatDay(day + 1);
    let row = 0;
    for (const source of sources) {
      if (day >= source.firstDay) costs.push(pricedRow(source, day, costId(day, row++), startDate, endDate));
    }
    const support = {
      product: 'SUPPORT_CLOUD_BUSINESS',
      line_type: 'SUPPORT',
      unit: 'Day',
      original_amount: SUPPORT_MICROS_PER_DAY / 1_000_000,
    };
    costs.push(unpricedRow(support, costId(day, row++), startDate, endDate));
    if ((day - period.firstDay) % PROMO_EVERY_DAYS === PROMO_EVERY_DAYS - 1) {
      const creditMicros = -prng.int(2_500, 40_000) * 10_000; // between $25 and $400
      const promo = {
        product: 'KAFKA',
        line_type: 'PROMO_CREDIT',
        unit: 'USD',
        original_amount: creditMicros / 1_000_000,
        description: prng.pick(PROMO_CODES),
      };
      costs.push(unpricedRow(promo, costId(day, row++), startDate, endDate));
    }
  }
  return costs;
}
