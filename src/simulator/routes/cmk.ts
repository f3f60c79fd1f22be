// cmk/v2 Kafka clusters. Every call names the environment; a cluster that does not exist, or is
// not in that environment, answers 403 `forbidden_access` as Confluent does, not 404.
import { forbiddenAccess, invalidFilter } from '../errors.js';
import { pagedList, STANDARD_PAGES } from '../paging.js';
import type { RouteDefinition } from '../router.js';
import { listRoute, ok, optionalFilter, param, readRoute, requiredFilter } from './define.js';

export const clusterRoutes: RouteDefinition[] = [
  listRoute('/cmk/v2/clusters', ['environment', 'spec.network', 'spec.deletion_protection'], (context) => {
    const environmentId = requiredFilter(context, 'environment');
    if (!context.data.environments.some((environment) => environment.id === environmentId)) throw forbiddenAccess();
    const networks = new Set(context.query.getAll('spec.network'));
    const protection = optionalFilter(context, 'spec.deletion_protection');
    if (protection !== undefined && protection !== 'true' && protection !== 'false') {
      throw invalidFilter('spec.deletion_protection', 'spec.deletion_protection must be true or false');
    }
    const items = context.data.clusters.filter(
      (cluster) =>
        cluster.spec?.environment?.id === environmentId &&
        (networks.size === 0 || networks.has(cluster.spec?.network?.id ?? '')) &&
        (protection === undefined || String(cluster.spec?.deletion_protection ?? false) === protection),
    );
    return pagedList(context, { apiVersion: 'cmk/v2', kind: 'ClusterList', items, limits: STANDARD_PAGES });
  }),
  readRoute('/cmk/v2/clusters/{id}', ['environment'], (context) => {
    const environmentId = requiredFilter(context, 'environment');
    const cluster = context.data.clusters.find((candidate) => candidate.id === param(context, 'id'));
    if (!cluster || cluster.spec?.environment?.id !== environmentId) throw forbiddenAccess();
    return ok(cluster);
  }),
];
