import type { ConfluentClient, RequestOptions } from '../confluent/client.js';
import { createCostLoaders } from './costs.js';
import { createOrganizationLoaders } from './organizations.js';
import { createRoleBindingLoaders } from './role-bindings.js';
import { createUserLoaders } from './users.js';
import { createClusterLoaders, createWorkspaceLoaders } from './workspaces.js';

/** Every loader of one GraphQL request: fresh per request, so nothing leaks between callers. */
export function createLoaders(client: ConfluentClient, request: RequestOptions) {
  const organizations = createOrganizationLoaders(client, request);
  const workspaces = createWorkspaceLoaders(client, request);
  return {
    organizations,
    workspaces,
    clusters: createClusterLoaders(client, request, workspaces.all),
    users: createUserLoaders(client, request),
    roleBindings: createRoleBindingLoaders(client, request, organizations.current),
    costs: createCostLoaders(client, request),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
