// Daily cost lines as the Costs API reports them: one row per resource, line type and day.
// Prices carry 4 decimals and quantities 2, so `price × quantity` is exactly the 6-decimal
// `original_amount` (computed in integer micro-dollars); summing those floats naively drifts,
// which is what the subgraph has to get right.
import type { Cost } from '../../confluent/types.js';
import { formatDay } from '../dates.js';
import type { SeedContext } from './context.js';
import type { ClusterPlan, EnvironmentPlan, Landscape, StreamingResource } from './landscape.js';
import { PROMO_CODES } from './names.js';
import type { Prng } from './prng.js';

type CostResource = NonNullable<Cost['resource']>;

interface LineSource {
  product: string;
  lineType: string;
  unit: string;
  /** Dollars per unit, in units of $0.0001. */
  priceInTenThousandths: number;
  /** Quantity on a day, in hundredths of a unit. */
  quantity: (day: number) => number;
  resource: CostResource;
  firstDay: number;
  discountPercent: number;
  networkAccessType?: string;
  tierDimensions?: Record<string, string>;
}

/** Business support, billed daily as a flat share of the yearly contract ($12,000). */
const SUPPORT_MICROS_PER_DAY = Math.round(12_000_000_000 / 365);
const PROMO_EVERY_DAYS = 45;
const MAX_ROWS_PER_DAY = 65_536;

/** Cost line ids: unique per (day, row), scrambled so they look opaque rather than sequential. */
function costId(day: number, row: number): string {
  if (row >= MAX_ROWS_PER_DAY) throw new Error('too many cost rows in one day');
  const scrambled = Math.imul(day * MAX_ROWS_PER_DAY + row, 0x9e3779b1) >>> 0;
  return `cost-${scrambled.toString(36).padStart(7, '0')}`;
}

function isWeekend(day: number): boolean {
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday
  return weekday === 0 || weekday === 6;
}

/** Usage that grows over the year, dips at weekends and wobbles from day to day. */
function usage(prng: Prng, firstDay: number, span: number, base: number, options: { growth: number; weekly: boolean }) {
  return (day: number) => {
    const progress = (day - firstDay) / span;
    const weekly = options.weekly && isWeekend(day) ? 0.7 : 1;
    const wobble = 1 + (prng.next() - 0.5) * 0.2;
    return Math.max(1, Math.round(base * 100 * (1 + options.growth * progress) * weekly * wobble));
  };
}

function constant(amount: number) {
  return () => Math.round(amount * 100);
}

const CLUSTER_SCALE: Record<string, { storageGb: number; readGb: number; partitions: number; basePrice: number }> = {
  Basic: { storageGb: 20, readGb: 8, partitions: 30, basePrice: 1400 },
  Standard: { storageGb: 400, readGb: 180, partitions: 300, basePrice: 15000 },
  Enterprise: { storageGb: 2500, readGb: 900, partitions: 1200, basePrice: 22500 },
  Dedicated: { storageGb: 6000, readGb: 2500, partitions: 3000, basePrice: 22500 },
};

function kafkaLines(prng: Prng, plan: EnvironmentPlan, cluster: ClusterPlan, firstDay: number, span: number): LineSource[] {
  const scale = CLUSTER_SCALE[cluster.kind] ?? CLUSTER_SCALE.Standard!;
  const factor = 0.5 + prng.next();
  const resource: CostResource = {
    id: cluster.cluster.id,
    display_name: cluster.cluster.spec?.display_name ?? cluster.cluster.id,
    environment: { id: plan.environment.id },
  };
  // Production's committed spend earns a discount on its larger clusters.
  const discountPercent = plan.tier === 'prod' && cluster.kind !== 'Standard' && cluster.kind !== 'Basic' ? 12 : 0;
  const common = { product: 'KAFKA', resource, firstDay: Math.max(firstDay, cluster.createdDay + 1), discountPercent, networkAccessType: cluster.networkAccessType };
  const readGb = scale.readGb * factor;
  const capacity: LineSource =
    cluster.kind === 'Dedicated'
      ? { ...common, lineType: 'KAFKA_NUM_CKUS', unit: 'CKU-hour', priceInTenThousandths: scale.basePrice, quantity: constant((cluster.cluster.status?.cku ?? 1) * 24) }
      : { ...common, lineType: 'KAFKA_BASE', unit: 'Hour', priceInTenThousandths: scale.basePrice, quantity: constant(24) };
  return [
    capacity,
    { ...common, lineType: 'KAFKA_STORAGE', unit: 'GB-hour', priceInTenThousandths: 1, quantity: usage(prng, firstDay, span, scale.storageGb * factor * 24, { growth: 0.5, weekly: false }) },
    { ...common, lineType: 'KAFKA_NETWORK_READ', unit: 'GB', priceInTenThousandths: 500, quantity: usage(prng, firstDay, span, readGb, { growth: 0.3, weekly: true }) },
    { ...common, lineType: 'KAFKA_NETWORK_WRITE', unit: 'GB', priceInTenThousandths: 500, quantity: usage(prng, firstDay, span, readGb / 3, { growth: 0.3, weekly: true }) },
    { ...common, lineType: 'KAFKA_PARTITION', unit: 'Partition-hour', priceInTenThousandths: 15, quantity: constant(Math.round(scale.partitions * factor) * 24) },
  ];
}

function resourceOf(item: StreamingResource, plan: EnvironmentPlan): CostResource {
  return { id: item.id, display_name: item.name, environment: { id: plan.environment.id } };
}

function environmentLines(prng: Prng, plan: EnvironmentPlan, firstDay: number, span: number): LineSource[] {
  const clustersById = new Map(plan.clusters.map((cluster) => [cluster.cluster.id, cluster]));
  const start = (item: StreamingResource) => Math.max(firstDay, item.createdDay + 1);
  const lines: LineSource[] = plan.clusters.flatMap((cluster) => kafkaLines(prng, plan, cluster, firstDay, span));
  for (const connector of plan.connectors) {
    const cluster = clustersById.get(connector.clusterId ?? '')?.cluster;
    const common = { product: 'CONNECT', resource: resourceOf(connector, plan), firstDay: start(connector), discountPercent: 0 };
    const tierDimensions = { provider: (cluster?.spec?.cloud ?? 'aws').toLowerCase(), region: cluster?.spec?.region ?? '', connector_type: connector.name.split('-')[0]?.toUpperCase() ?? '' };
    lines.push(
      { ...common, lineType: 'CONNECT_NUM_TASKS', unit: 'Task-hour', priceInTenThousandths: 1667, quantity: constant(prng.int(1, 4) * 24), tierDimensions },
      { ...common, lineType: 'CONNECT_THROUGHPUT', unit: 'GB', priceInTenThousandths: 250, quantity: usage(prng, firstDay, span, prng.int(5, 200), { growth: 0.2, weekly: true }), tierDimensions },
    );
  }
  for (const ksql of plan.ksqlClusters) {
    lines.push({ product: 'KSQL', lineType: 'KSQL_NUM_CSUS', unit: 'CSU-hour', priceInTenThousandths: 2300, quantity: constant(prng.pick([4, 8]) * 24), resource: resourceOf(ksql, plan), firstDay: start(ksql), discountPercent: 0 });
  }
  const advanced = plan.environment.stream_governance_config?.package === 'ADVANCED';
  lines.push({ product: 'STREAM_GOVERNANCE', lineType: 'GOVERNANCE_BASE', unit: 'Hour', priceInTenThousandths: advanced ? 13700 : 137, quantity: constant(24), resource: resourceOf(plan.schemaRegistry, plan), firstDay: start(plan.schemaRegistry), discountPercent: 0 });
  for (const pool of plan.computePools) {
    lines.push({ product: 'FLINK', lineType: 'FLINK_NUM_CFUS', unit: 'CFU-minute', priceInTenThousandths: 35, quantity: usage(prng, firstDay, span, prng.int(2, 10) * 1440, { growth: 0.6, weekly: true }), resource: resourceOf(pool, plan), firstDay: start(pool), discountPercent: plan.tier === 'prod' ? 5 : 0 });
  }
  for (const link of plan.clusterLinks) {
    const networkAccessType = clustersById.get(link.clusterId ?? '')?.networkAccessType ?? 'INTERNET';
    const common = { product: 'CLUSTER_LINK', resource: resourceOf(link, plan), firstDay: start(link), discountPercent: 0, networkAccessType };
    lines.push(
      { ...common, lineType: 'CLUSTER_LINKING_PER_LINK', unit: 'Hour', priceInTenThousandths: 2500, quantity: constant(24) },
      { ...common, lineType: 'CLUSTER_LINKING_WRITE', unit: 'GB', priceInTenThousandths: 400, quantity: usage(prng, firstDay, span, prng.int(20, 300), { growth: 0.2, weekly: true }) },
    );
  }
  for (const warpstream of plan.warpstreamClusters) {
    lines.push({ product: 'WARPSTREAM', lineType: 'WARPSTREAM_AGENT', unit: 'Agent-hour', priceInTenThousandths: 725, quantity: constant(prng.int(3, 6) * 24), resource: resourceOf(warpstream, plan), firstDay: start(warpstream), discountPercent: 0 });
  }
  return lines;
}

function pricedRow(source: LineSource, day: number, id: string, startDate: string, endDate: string): Cost {
  const quantity = source.quantity(day);
  const originalMicros = source.priceInTenThousandths * quantity;
  const discountMicros = Math.round((originalMicros * source.discountPercent) / 100);
  // Built field by field rather than with spreads: hundreds of thousands of rows at benchmark size.
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

/** Organization-wide lines have no resource, and no price, discount or final amount either. */
function unpricedRow(fields: Pick<Cost, 'product' | 'line_type' | 'unit' | 'original_amount' | 'description'>, id: string, startDate: string, endDate: string): Cost {
  return { api_version: 'billing/v1', kind: 'Cost', id, start_date: startDate, end_date: endDate, granularity: 'DAILY', quantity: 1, ...fields, resource: null };
}

export function buildCosts(context: SeedContext, landscape: Landscape, costDays: number): Cost[] {
  const { prng } = context.stream('costs');
  const firstDay = context.today - costDays;
  const span = Math.max(1, costDays);
  const sources = landscape.environments.flatMap((plan) => environmentLines(prng, plan, firstDay, span));
  const costs: Cost[] = [];
  for (let day = firstDay; day < context.today; day++) {
    const startDate = formatDay(day);
    const endDate = formatDay(day + 1);
    let row = 0;
    for (const source of sources) {
      if (day >= source.firstDay) costs.push(pricedRow(source, day, costId(day, row++), startDate, endDate));
    }
    costs.push(unpricedRow({ product: 'SUPPORT_CLOUD_BUSINESS', line_type: 'SUPPORT', unit: 'Day', original_amount: SUPPORT_MICROS_PER_DAY / 1_000_000 }, costId(day, row++), startDate, endDate));
    if ((day - firstDay) % PROMO_EVERY_DAYS === PROMO_EVERY_DAYS - 1) {
      const credit = -prng.int(2_500, 40_000) * 10_000; // between $25 and $400, in micro-dollars
      costs.push(unpricedRow({ product: 'KAFKA', line_type: 'PROMO_CREDIT', unit: 'USD', original_amount: credit / 1_000_000, description: prng.pick(PROMO_CODES) }, costId(day, row++), startDate, endDate));
    }
  }
  return costs;
}
