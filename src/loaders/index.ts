import type { CachedReadOptions } from '../cache/cached-reads.js';
import type { ConfluentReads } from '../confluent/reads.js';
import { createCostLoaders } from './costs.js';
import type { LoaderPolicy } from './policy.js';
import { createOrganizationLoaders } from './organizations.js';
import { createRoleBindingLoaders } from './role-bindings.js';
import { createUserLoaders } from './users.js';
import { createClusterLoaders, createWorkspaceLoaders } from './workspaces.js';

/** Every loader of one GraphQL request: fresh per request, so nothing leaks between callers. */
/** `request` carries the request's deadline, signal and freshness to every read it makes. */
export function createLoaders(client: ConfluentReads, request: CachedReadOptions, policy: LoaderPolicy) {
  const organizations = createOrganizationLoaders(client, request, policy);
  const workspaces = createWorkspaceLoaders(client, request, policy);
  return {
    organizations,
    workspaces,
    clusters: createClusterLoaders(client, request, policy, workspaces.all),
    users: createUserLoaders(client, request, policy),
    roleBindings: createRoleBindingLoaders(client, request, policy, organizations.current),
    costs: createCostLoaders(client, request, policy),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
