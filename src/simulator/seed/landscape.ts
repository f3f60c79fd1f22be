// The organization, its environments and what runs in them: Kafka clusters, and the connectors,
// ksqlDB clusters, Schema Registries, Flink pools and cluster links that costs and role
// bindings refer to.
import type { Environment, KafkaCluster, KafkaClusterConfig, Organization } from '../../confluent/types.js';
import { apiUrl, crn } from '../urls.js';
import { randomMoment, type SeedContext } from './context.js';
import type { IdFactory } from './ids.js';
import { BASE_ENVIRONMENTS, CLUSTER_PURPOSES, COMPANY, COMPUTE_POOL_NAMES, CONNECTOR_NAMES, KSQL_NAMES, REGIONS, TEAMS } from './names.js';
import type { Prng } from './prng.js';

/** Something billed or bound to that the simulator does not serve as an object of its own. */
export interface StreamingResource {
  id: string;
  name: string;
  createdDay: number;
  /** The Kafka cluster it runs on, when it runs on one. */
  clusterId?: string;
}

export interface ClusterPlan {
  cluster: KafkaCluster;
  kind: string;
  createdDay: number;
  /** Dedicated clusters reach their network privately. */
  networkAccessType: string;
}

export interface EnvironmentPlan {
  environment: Environment;
  tier: string;
  createdDay: number;
  clusters: ClusterPlan[];
  schemaRegistry: StreamingResource;
  connectors: StreamingResource[];
  ksqlClusters: StreamingResource[];
  /** `region` is Flink's `<cloud>.<region>` key. */
  computePools: Array<StreamingResource & { region: string }>;
  clusterLinks: StreamingResource[];
  /** Billed under a product code no catalog knows. */
  warpstreamClusters: StreamingResource[];
}

export interface Landscape {
  organization: Organization;
  organizationCreatedDay: number;
  environments: EnvironmentPlan[];
}

const CLUSTER_KINDS_BY_TIER: Record<string, readonly string[]> = {
  prod: ['Dedicated', 'Enterprise', 'Standard'],
  staging: ['Standard', 'Standard', 'Basic'],
  dev: ['Basic', 'Standard', 'Basic'],
  analytics: ['Enterprise', 'Dedicated', 'Standard'],
  sandbox: ['Basic', 'Basic', 'Standard'],
};
const HOME_CLOUDS = ['AWS', 'AWS', 'GCP', 'AZURE'] as const;
/** The environment that also runs a product from outside Confluent's catalog. */
const WARPSTREAM_ENVIRONMENT_INDEX = 3;

function environmentName(index: number): { name: string; tier: string } {
  const base = BASE_ENVIRONMENTS[index];
  if (base) return base;
  const extra = index - BASE_ENVIRONMENTS.length;
  const tier = (['prod', 'staging', 'dev'] as const)[extra % 3] ?? 'dev';
  const team = TEAMS[Math.floor(extra / 3) % TEAMS.length] ?? 'team';
  const round = Math.floor(extra / (3 * TEAMS.length));
  return { name: `${team}-${tier}${round > 0 ? `-${round + 1}` : ''}`, tier };
}

function clusterConfig(prng: Prng, kind: string, availability: string): KafkaClusterConfig {
  if (kind === 'Dedicated') return { kind, cku: availability === 'MULTI_ZONE' ? prng.int(2, 4) : prng.int(1, 2) };
  return { kind, max_ecku: kind === 'Basic' ? 5 : 10 };
}

function availabilityOf(prng: Prng, kind: string): string {
  if (kind === 'Basic') return 'SINGLE_ZONE';
  if (kind === 'Enterprise') return 'MULTI_ZONE';
  return prng.chance(0.7) ? 'MULTI_ZONE' : 'SINGLE_ZONE';
}

/** What a cluster takes from the environment it is created in. */
interface ClusterSetting {
  environment: Environment;
  tier: string;
  namePrefix: string;
  createdDay: number;
  /** Where most of the environment's clusters run. */
  home: { cloud: string; region: string };
}

function buildCluster(
  prng: Prng,
  ids: IdFactory,
  context: SeedContext,
  organizationId: string,
  plan: ClusterSetting,
  index: number,
): ClusterPlan {
  const environmentId = plan.environment.id;
  const kinds = CLUSTER_KINDS_BY_TIER[plan.tier] ?? CLUSTER_KINDS_BY_TIER.dev ?? [];
  const kind = kinds[index % kinds.length] ?? 'Basic';
  const cloud = prng.chance(0.75) ? plan.home.cloud : prng.pick(Object.keys(REGIONS));
  const region = cloud === plan.home.cloud ? plan.home.region : prng.pick(REGIONS[cloud] ?? []);
  const id = ids.lower('lkc-');
  const host = `${ids.lower('pkc-', 5, 5)}.${region}.${cloud.toLowerCase()}.confluent.cloud`;
  const availability = availabilityOf(prng, kind);
  const config = clusterConfig(prng, kind, availability);
  const created = randomMoment(prng, context, plan.createdDay + 1, plan.createdDay + 240);
  const updated = randomMoment(prng, context, created.day, context.today - 1);
  const environmentReference = {
    id: environmentId,
    related: apiUrl(`/org/v2/environments/${environmentId}`),
    resource_name: crn.environment(organizationId, environmentId),
  };
  const networkId = kind === 'Dedicated' ? ids.lower('n-', 6, 6) : undefined;
  const cluster: KafkaCluster = {
    api_version: 'cmk/v2',
    kind: 'Cluster',
    id,
    metadata: {
      self: apiUrl(`/cmk/v2/clusters/${id}`),
      resource_name: crn.kafkaCluster(organizationId, environmentId, id),
      created_at: created.at,
      updated_at: updated.at,
    },
    spec: {
      display_name: `${plan.namePrefix}-${CLUSTER_PURPOSES[index % CLUSTER_PURPOSES.length]}`,
      availability,
      cloud,
      region,
      config,
      kafka_bootstrap_endpoint: `SASL_SSL://${host}:9092`,
      http_endpoint: `https://${host}:443`,
      api_endpoint: `https://${ids.lower('pkac-', 5, 5)}.${region}.${cloud.toLowerCase()}.confluent.cloud`,
      environment: environmentReference,
      ...(networkId && {
        network: {
          id: networkId,
          environment: environmentId,
          related: apiUrl(`/networking/v1/networks/${networkId}`),
          resource_name: `${crn.environment(organizationId, environmentId)}/network=${networkId}`,
        },
      }),
      deletion_protection: plan.tier === 'prod',
    },
    status: { phase: 'PROVISIONED', ...(config.cku !== undefined && { cku: config.cku }) },
  };
  return { cluster, kind, createdDay: created.day, networkAccessType: networkId ? 'PRIVATE_LINK' : 'INTERNET' };
}

function resourcesOnClusters(
  prng: Prng,
  ids: IdFactory,
  clusters: ClusterPlan[],
  names: readonly string[],
  prefix: string,
  howMany: (plan: ClusterPlan) => number,
): StreamingResource[] {
  const unused = prng.shuffle(names);
  const resources: StreamingResource[] = [];
  for (const plan of clusters) {
    for (let count = howMany(plan); count > 0 && unused.length > 0; count--) {
      const name = unused.pop() as string;
      const createdDay = plan.createdDay + prng.int(1, 60);
      resources.push({ id: ids.lower(prefix), name, createdDay, clusterId: plan.cluster.id });
    }
  }
  return resources;
}

export function buildLandscape(context: SeedContext, environmentCount: number, clustersPerEnvironment: number): Landscape {
  const { prng, ids } = context.stream('landscape');
  const organizationId = ids.uuid();
  const organizationCreated = randomMoment(prng, context, context.today - 1200, context.today - 1000);
  const organization: Organization = {
    api_version: 'org/v2',
    kind: 'Organization',
    id: organizationId,
    metadata: {
      self: apiUrl(`/org/v2/organizations/${organizationId}`),
      resource_name: crn.organization(organizationId),
      created_at: organizationCreated.at,
      updated_at: randomMoment(prng, context, organizationCreated.day + 30, context.today - 1).at,
    },
    display_name: COMPANY.name,
    jit_enabled: false,
  };

  const environments: EnvironmentPlan[] = [];
  for (let index = 0; index < environmentCount; index++) {
    const { name, tier } = environmentName(index);
    const id = ids.lower('env-');
    // Early environments are as old as the organization; later ones arrive over time.
    const earliest = organizationCreated.day + 1 + Math.min(index, 4) * 60;
    const created = randomMoment(prng, context, earliest, earliest + 90);
    const environment: Environment = {
      api_version: 'org/v2',
      kind: 'Environment',
      id,
      metadata: {
        self: apiUrl(`/org/v2/environments/${id}`),
        resource_name: crn.environment(organizationId, id),
        created_at: created.at,
        updated_at: randomMoment(prng, context, created.day, context.today - 1).at,
      },
      display_name: name,
      stream_governance_config: { package: tier === 'prod' || tier === 'analytics' ? 'ADVANCED' : 'ESSENTIALS' },
    };
    const homeCloud = prng.pick(HOME_CLOUDS);
    const home = { cloud: homeCloud, region: prng.pick(REGIONS[homeCloud] ?? []) };
    const clusterCount = Math.max(1, clustersPerEnvironment - (prng.chance(0.4) ? 1 : 0));
    const namePrefix = index < BASE_ENVIRONMENTS.length ? tier : name;
    const plan = { environment, tier, namePrefix, createdDay: created.day, home };
    const clusters = Array.from({ length: clusterCount }, (_, clusterIndex) =>
      buildCluster(prng, ids, context, organizationId, plan, clusterIndex),
    );
    const connectors = resourcesOnClusters(prng, ids, clusters, CONNECTOR_NAMES, 'lcc-', (cluster) =>
      cluster.kind === 'Basic' ? (prng.chance(0.3) ? 1 : 0) : prng.int(1, tier === 'prod' ? 3 : 2),
    );
    const ksqlClusters = resourcesOnClusters(prng, ids, clusters, KSQL_NAMES, 'lksqlc-', (cluster) =>
      cluster.kind !== 'Basic' && prng.chance(0.4) ? 1 : 0,
    );
    const computePools = ['prod', 'analytics', 'dev'].includes(tier)
      ? prng.sample(COMPUTE_POOL_NAMES, prng.int(1, 2)).map((poolName) => ({
          id: ids.lower('lfcp-'),
          name: poolName,
          createdDay: created.day + prng.int(30, 200),
          region: `${home.cloud.toLowerCase()}.${home.region}`,
        }))
      : [];
    const clusterLinks = clusters
      .filter((cluster) => cluster.kind === 'Dedicated' && tier === 'prod')
      .map((cluster) => ({
        id: ids.lower('cl-'),
        name: `${cluster.cluster.spec?.display_name}-dr-link`,
        createdDay: cluster.createdDay + prng.int(10, 90),
        clusterId: cluster.cluster.id,
      }));
    const warpstreamClusters =
      index === Math.min(WARPSTREAM_ENVIRONMENT_INDEX, environmentCount - 1)
        ? [{ id: ids.lower('vci-', 8, 8), name: 'byoc-logs', createdDay: created.day + prng.int(20, 120) }]
        : [];
    environments.push({
      environment,
      tier,
      createdDay: created.day,
      clusters,
      schemaRegistry: { id: ids.lower('lsrc-'), name: `${name}-schema-registry`, createdDay: created.day + 1 },
      connectors,
      ksqlClusters,
      computePools,
      clusterLinks,
      warpstreamClusters,
    });
  }
  return { organization, organizationCreatedDay: organizationCreated.day, environments };
}
