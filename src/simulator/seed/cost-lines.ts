// What each resource is billed for: one line source per resource and line type, with its price
// and a quantity that varies by day. Prices carry 4 decimals and quantities 2, so their product
// is an exact number of micro-dollars.
import type { Cost } from '../../confluent/types.js';
import type { ClusterPlan, EnvironmentPlan, StreamingResource } from './landscape.js';
import type { Prng } from './prng.js';

export type CostResource = NonNullable<Cost['resource']>;

export interface LineSource {
  product: string;
  lineType: string;
  unit: string;
  /** Dollars per unit, in units of $0.0001. */
  priceInTenThousandths: number;
  /** Quantity on a day, in hundredths of a unit. */
  quantity: (day: number) => number;
  resource: CostResource;
  /** The first day billed: the resource did not exist before. */
  firstDay: number;
  discountPercent: number;
  networkAccessType?: string;
  tierDimensions?: Record<string, string>;
}

/** The billing period: usage trends are drawn across it. */
export interface Period {
  firstDay: number;
  days: number;
}

function isWeekend(day: number): boolean {
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday
  return weekday === 0 || weekday === 6;
}

/** Usage that grows over the period, dips at weekends and wobbles from day to day. */
function usage(prng: Prng, period: Period, base: number, options: { growth: number; weekly: boolean }) {
  return (day: number) => {
    const progress = (day - period.firstDay) / period.days;
    const weekly = options.weekly && isWeekend(day) ? 0.7 : 1;
    const wobble = 1 + (prng.next() - 0.5) * 0.2;
    return Math.max(1, Math.round(base * 100 * (1 + options.growth * progress) * weekly * wobble));
  };
}

function constant(amount: number) {
  const hundredths = Math.round(amount * 100);
  return () => hundredths;
}

interface ClusterScale {
  storageGb: number;
  readGbPerDay: number;
  partitions: number;
  /** Hourly price of the cluster (Dedicated: of one CKU). */
  capacityPrice: number;
}

const CLUSTER_SCALES: Record<string, ClusterScale> = {
  Basic: { storageGb: 20, readGbPerDay: 8, partitions: 30, capacityPrice: 1400 },
  Standard: { storageGb: 400, readGbPerDay: 180, partitions: 300, capacityPrice: 15000 },
  Enterprise: { storageGb: 2500, readGbPerDay: 900, partitions: 1200, capacityPrice: 22500 },
  Dedicated: { storageGb: 6000, readGbPerDay: 2500, partitions: 3000, capacityPrice: 22500 },
};

function resourceOf(id: string, name: string, plan: EnvironmentPlan): CostResource {
  return { id, display_name: name, environment: { id: plan.environment.id } };
}

function kafkaLines(prng: Prng, plan: EnvironmentPlan, cluster: ClusterPlan, period: Period): LineSource[] {
  const scale = CLUSTER_SCALES[cluster.kind] ?? (CLUSTER_SCALES.Standard as ClusterScale);
  const size = 0.5 + prng.next();
  const readGb = scale.readGbPerDay * size;
  const common = {
    product: 'KAFKA',
    resource: resourceOf(cluster.cluster.id, cluster.cluster.spec?.display_name ?? cluster.cluster.id, plan),
    firstDay: Math.max(period.firstDay, cluster.createdDay + 1),
    // Production's committed spend earns a discount on its larger clusters.
    discountPercent: plan.tier === 'prod' && (cluster.kind === 'Dedicated' || cluster.kind === 'Enterprise') ? 12 : 0,
    networkAccessType: cluster.networkAccessType,
  };
  const ckus = cluster.cluster.status?.cku ?? 1;
  const capacity =
    cluster.kind === 'Dedicated'
      ? { lineType: 'KAFKA_NUM_CKUS', unit: 'CKU-hour', quantity: constant(ckus * 24) }
      : { lineType: 'KAFKA_BASE', unit: 'Hour', quantity: constant(24) };
  return [
    { ...common, ...capacity, priceInTenThousandths: scale.capacityPrice },
    {
      ...common,
      lineType: 'KAFKA_STORAGE',
      unit: 'GB-hour',
      priceInTenThousandths: 1,
      quantity: usage(prng, period, scale.storageGb * size * 24, { growth: 0.5, weekly: false }),
    },
    {
      ...common,
      lineType: 'KAFKA_NETWORK_READ',
      unit: 'GB',
      priceInTenThousandths: 500,
      quantity: usage(prng, period, readGb, { growth: 0.3, weekly: true }),
    },
    {
      ...common,
      lineType: 'KAFKA_NETWORK_WRITE',
      unit: 'GB',
      priceInTenThousandths: 500,
      quantity: usage(prng, period, readGb / 3, { growth: 0.3, weekly: true }),
    },
    {
      ...common,
      lineType: 'KAFKA_PARTITION',
      unit: 'Partition-hour',
      priceInTenThousandths: 15,
      quantity: constant(Math.round(scale.partitions * size) * 24),
    },
  ];
}

function connectorLines(prng: Prng, plan: EnvironmentPlan, connector: StreamingResource, period: Period): LineSource[] {
  const cluster = plan.clusters.find((candidate) => candidate.cluster.id === connector.clusterId)?.cluster;
  const common = {
    product: 'CONNECT',
    resource: resourceOf(connector.id, connector.name, plan),
    firstDay: Math.max(period.firstDay, connector.createdDay + 1),
    discountPercent: 0,
    tierDimensions: {
      provider: (cluster?.spec?.cloud ?? 'AWS').toLowerCase(),
      region: cluster?.spec?.region ?? '',
      connector_type: (connector.name.split('-')[0] ?? '').toUpperCase(),
    },
  };
  return [
    { ...common, lineType: 'CONNECT_NUM_TASKS', unit: 'Task-hour', priceInTenThousandths: 1667, quantity: constant(prng.int(1, 4) * 24) },
    {
      ...common,
      lineType: 'CONNECT_THROUGHPUT',
      unit: 'GB',
      priceInTenThousandths: 250,
      quantity: usage(prng, period, prng.int(5, 200), { growth: 0.2, weekly: true }),
    },
  ];
}

function clusterLinkLines(prng: Prng, plan: EnvironmentPlan, link: StreamingResource, period: Period): LineSource[] {
  const cluster = plan.clusters.find((candidate) => candidate.cluster.id === link.clusterId);
  const common = {
    product: 'CLUSTER_LINK',
    resource: resourceOf(link.id, link.name, plan),
    firstDay: Math.max(period.firstDay, link.createdDay + 1),
    discountPercent: 0,
    networkAccessType: cluster?.networkAccessType ?? 'INTERNET',
  };
  return [
    { ...common, lineType: 'CLUSTER_LINKING_PER_LINK', unit: 'Hour', priceInTenThousandths: 2500, quantity: constant(24) },
    {
      ...common,
      lineType: 'CLUSTER_LINKING_WRITE',
      unit: 'GB',
      priceInTenThousandths: 400,
      quantity: usage(prng, period, prng.int(20, 300), { growth: 0.2, weekly: true }),
    },
  ];
}

/** A resource billed on a single line. */
function singleLine(
  plan: EnvironmentPlan,
  item: StreamingResource,
  period: Period,
  line: Pick<LineSource, 'product' | 'lineType' | 'unit' | 'priceInTenThousandths' | 'quantity'> & { discountPercent?: number },
): LineSource {
  return {
    discountPercent: 0,
    ...line,
    resource: resourceOf(item.id, item.name, plan),
    firstDay: Math.max(period.firstDay, item.createdDay + 1),
  };
}

/** Every line billed in one environment. */
export function environmentLines(prng: Prng, plan: EnvironmentPlan, period: Period): LineSource[] {
  const governancePrice = plan.environment.stream_governance_config?.package === 'ADVANCED' ? 13700 : 137;
  return [
    ...plan.clusters.flatMap((cluster) => kafkaLines(prng, plan, cluster, period)),
    ...plan.connectors.flatMap((connector) => connectorLines(prng, plan, connector, period)),
    ...plan.ksqlClusters.map((ksql) =>
      singleLine(plan, ksql, period, {
        product: 'KSQL',
        lineType: 'KSQL_NUM_CSUS',
        unit: 'CSU-hour',
        priceInTenThousandths: 2300,
        quantity: constant(prng.pick([4, 8]) * 24),
      }),
    ),
    singleLine(plan, plan.schemaRegistry, period, {
      product: 'STREAM_GOVERNANCE',
      lineType: 'GOVERNANCE_BASE',
      unit: 'Hour',
      priceInTenThousandths: governancePrice,
      quantity: constant(24),
    }),
    ...plan.computePools.map((pool) =>
      singleLine(plan, pool, period, {
        product: 'FLINK',
        lineType: 'FLINK_NUM_CFUS',
        unit: 'CFU-minute',
        priceInTenThousandths: 35,
        quantity: usage(prng, period, prng.int(2, 10) * 1440, { growth: 0.6, weekly: true }),
        discountPercent: plan.tier === 'prod' ? 5 : 0,
      }),
    ),
    ...plan.clusterLinks.flatMap((link) => clusterLinkLines(prng, plan, link, period)),
    ...plan.warpstreamClusters.map((warpstream) =>
      singleLine(plan, warpstream, period, {
        product: 'WARPSTREAM',
        lineType: 'WARPSTREAM_AGENT',
        unit: 'Agent-hour',
        priceInTenThousandths: 725,
        quantity: constant(prng.int(3, 6) * 24),
      }),
    ),
  ];
}
