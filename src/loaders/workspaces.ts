import DataLoader from 'dataloader';
import type { RequestOptions } from '../confluent/client.js';
import type { ConfluentReads } from '../confluent/reads.js';
import { loaderOptions, measured, type LoaderPolicy } from './policy.js';
import type { Environment, KafkaCluster } from '../confluent/types.js';
import { listBacked } from './list-backed.js';

/** Environments (Workspaces): an organization has few, so one listing answers every id. */
export function createWorkspaceLoaders(client: ConfluentReads, request: RequestOptions, policy: LoaderPolicy) {
  return listBacked<Environment>(policy, {
    name: 'workspaces',
    list: () => client.listEnvironments(request),
    idOf: (environment) => environment.id,
  });
}

/**
 * Kafka clusters. Confluent demands the environment on every cluster call, so clusters are read one
 * list per environment, all environments of a batch in parallel.
 */
export function createClusterLoaders(
  client: ConfluentReads,
  request: RequestOptions,
  policy: LoaderPolicy,
  allWorkspaces: () => Promise<readonly Environment[]>,
) {
  const ofWorkspace = new DataLoader<string, KafkaCluster[]>(
    measured(policy, 'clusters-of-workspace', (environmentIds) =>
      Promise.all(environmentIds.map((id) => client.listClusters(id, { ...request, fanOut: true }).catch((error: Error) => error))),
    ),
    loaderOptions(policy),
  );
  /** A cluster id alone does not say its environment, so every environment's list is read. */
  const byId = new DataLoader<string, KafkaCluster | null>(
    measured(policy, 'clusters', async (clusterIds) => {
      const workspaces = await allWorkspaces();
      const lists = await ofWorkspace.loadMany(workspaces.map((workspace) => workspace.id));
      const clusters = lists.flatMap((list) => (list instanceof Error ? [] : list));
      return clusterIds.map((id) => clusters.find((cluster) => cluster.id === id) ?? null);
    }),
    loaderOptions(policy),
  );
  return {
    ofWorkspace,
    byId,
    /** Every cluster of the organization: one list per environment, in parallel. */
    all: async (): Promise<KafkaCluster[]> => {
      const lists = await ofWorkspace.loadMany((await allWorkspaces()).map((workspace) => workspace.id));
      return lists.flatMap((list) => {
        if (list instanceof Error) throw list;
        return list;
      });
    },
    /** A cluster whose environment is known (from a CRN): only that environment's list is read. */
    inWorkspace: async (environmentId: string, clusterId: string): Promise<KafkaCluster | null> =>
      (await ofWorkspace.load(environmentId)).find((cluster) => cluster.id === clusterId) ?? null,
  };
}
