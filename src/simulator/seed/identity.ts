// Federated identities: OAuth identity providers with their pools, and SSO group mappings. Both
// hold role bindings as `User:pool-…` and `User:group-…`.
import type { GroupMapping, IdentityPool, IdentityProvider } from '../../confluent/types.js';
import { apiUrl, crn } from '../urls.js';
import { randomMoment, type SeedContext } from './context.js';
import { COMPANY } from './names.js';

export interface Identities {
  identityProviders: IdentityProvider[];
  identityPools: Record<string, IdentityPool[]>;
  groupMappings: GroupMapping[];
}

const PROVIDERS = [
  {
    name: 'Okta Workforce',
    description: `${COMPANY.name} workforce identity, used by batch and platform workloads`,
    issuer: `https://login.${COMPANY.emailDomain}/oauth2/default`,
    jwksPath: '/v1/keys',
    pools: [
      {
        name: 'spark-batch-jobs',
        filter: 'claims.aud=="confluent" && claims.group=="spark"',
        description: 'Spark jobs on the data platform',
      },
      {
        name: 'airflow-workers',
        filter: 'claims.aud=="confluent" && claims.group=="airflow"',
        description: 'Airflow DAG workers',
      },
      {
        name: 'k8s-workloads',
        filter: 'claims.aud=="confluent" && claims.namespace.startsWith("streaming-")',
        description: 'Pods in the streaming namespaces',
      },
    ],
  },
  {
    name: 'GitHub Actions',
    description: 'OIDC tokens of the deployment workflows',
    issuer: 'https://token.actions.githubusercontent.com',
    jwksPath: '/.well-known/jwks',
    pools: [
      {
        name: 'github-actions-deployers',
        filter: 'claims.repository_owner=="orbit-freight" && claims.ref=="refs/heads/main"',
        description: 'Workflows on the main branch',
      },
    ],
  },
] as const;

const GROUP_MAPPINGS = [
  {
    name: 'all-sso-users',
    filter: '"all-sso-users" in claims.group',
    description: 'Every SSO user; Confluent binds FlinkDeveloper and DataDiscovery to it',
  },
  { name: 'platform-engineers', filter: '"platform-engineering" in claims.group', description: 'The streaming platform team' },
  { name: 'data-analysts', filter: '"analytics" in claims.group', description: 'Analysts who explore topics and schemas' },
] as const;

export function buildIdentities(context: SeedContext, organizationId: string, organizationCreatedDay: number): Identities {
  const { prng, ids } = context.stream('identities');
  const organizationCrn = crn.organization(organizationId);
  const moment = () => randomMoment(prng, context, organizationCreatedDay + 60, context.today - 30);
  const identityPools: Record<string, IdentityPool[]> = {};
  const identityProviders = PROVIDERS.map((provider): IdentityProvider => {
    const id = ids.mixed('op-', 4, 4);
    const created = moment();
    identityPools[id] = provider.pools.map((pool): IdentityPool => {
      const poolId = ids.mixed('pool-', 4, 4);
      const poolCreated = randomMoment(prng, context, created.day, context.today - 1);
      return {
        api_version: 'iam/v2',
        kind: 'IdentityPool',
        id: poolId,
        metadata: {
          self: apiUrl(`/iam/v2/identity-providers/${id}/identity-pools/${poolId}`),
          resource_name: `${organizationCrn}/identity-provider=${id}/identity-pool=${poolId}`,
          created_at: poolCreated.at,
          updated_at: poolCreated.at,
        },
        display_name: pool.name,
        description: pool.description,
        identity_claim: 'claims.sub',
        filter: pool.filter,
        principal: poolId,
        state: 'ENABLED',
      };
    });
    return {
      api_version: 'iam/v2',
      kind: 'IdentityProvider',
      id,
      metadata: {
        self: apiUrl(`/iam/v2/identity-providers/${id}`),
        resource_name: `${organizationCrn}/identity-provider=${id}`,
        created_at: created.at,
        updated_at: created.at,
      },
      display_name: provider.name,
      description: provider.description,
      identity_claim: 'claims.sub',
      state: 'ENABLED',
      issuer: provider.issuer,
      jwks_uri: provider.issuer + provider.jwksPath,
    };
  });
  const groupMappings = GROUP_MAPPINGS.map((mapping): GroupMapping => {
    const id = ids.mixed('group-', 4, 4);
    const created = moment();
    return {
      api_version: 'iam.v2/sso',
      kind: 'GroupMapping',
      id,
      metadata: {
        self: apiUrl(`/iam/v2/sso/group-mappings/${id}`),
        resource_name: `${organizationCrn}/group-mapping=${id}`,
        created_at: created.at,
        updated_at: created.at,
      },
      display_name: mapping.name,
      description: mapping.description,
      filter: mapping.filter,
      principal: id,
      state: 'ENABLED',
    };
  });
  return { identityProviders, identityPools, groupMappings };
}
