import type { ApiKeyResolvers, ApiKeyResourceKind, ApiKeyResourceResolvers } from '../__generated__/resolvers-types.js';
import { principalTypeOf } from '../confluent/crn.js';
import { resourcesOf } from '../loaders/api-keys.js';
import { API_KEY_ID } from './node.js';
import { directoryUserOf } from './principal-lookup.js';

// `spec.resource.kind` as Confluent writes it (NOTES §4.4); an open set.
const KIND_OF_RESOURCE: ReadonlyMap<string, ApiKeyResourceKind> = new Map([
  ['Cloud', 'CLOUD'],
  ['Cluster', 'KAFKA_CLUSTER'],
  ['SchemaRegistry', 'SCHEMA_REGISTRY'],
  ['ksqlDB', 'KSQLDB'],
  ['Region', 'FLINK_REGION'],
  ['Global', 'GLOBAL'],
  ['Tableflow', 'TABLEFLOW'],
]);

export const ApiKey: ApiKeyResolvers = {
  __resolveReference: (reference, { loaders }) => (API_KEY_ID.test(reference.id) ? loaders.apiKeys.byId.load(reference.id) : null),
  name: (key) => key.spec?.display_name || key.id,
  description: (key) => key.spec?.description ?? null,
  ownerId: (key) => key.spec?.owner?.id ?? '',
  ownerType: (key) => principalTypeOf(key.spec?.owner?.id ?? ''),
  owner: (key, _, context) => directoryUserOf(key.spec?.owner?.id ?? '', context),
  resource: (key) => resourcesOf(key)[0] ?? null,
  createdAt: (key) => key.metadata?.created_at ?? null,
  updatedAt: (key) => key.metadata?.updated_at ?? null,
};

export const ApiKeyResource: ApiKeyResourceResolvers = {
  kind: (resource) => KIND_OF_RESOURCE.get(resource.kind ?? '') ?? 'OTHER',
  workspace: (resource, _, { loaders }) => (resource.environment ? loaders.workspaces.byId.load(resource.environment) : null),
  cluster: (resource, _, { loaders }) => {
    if (resource.kind !== 'Cluster') return null;
    return resource.environment ? loaders.clusters.inWorkspace(resource.environment, resource.id) : loaders.clusters.byId.load(resource.id);
  },
};
