import type { CachedReadOptions } from '../cache/cached-reads.js';
import type { ConfluentReads } from '../confluent/reads.js';
import { createAccessFactLoaders } from './access-facts.js';
import { createApiKeyLoaders } from './api-keys.js';
import { createCostLoaders } from './costs.js';
import { createIdentityLoaders } from './identities.js';
import { createTrafficLoaders, type StoredTraffic } from './traffic.js';
import type { LoaderPolicy } from './policy.js';
import { createOrganizationLoaders } from './organizations.js';
import { createRoleBindingLoaders } from './role-bindings.js';
import { createUserLoaders } from './users.js';
import { createClusterLoaders, createWorkspaceLoaders } from './workspaces.js';

/** Every loader of one GraphQL request: fresh per request, so nothing leaks between callers. */
/** `request` carries the request's deadline, signal and freshness to every read it makes. */
export function createLoaders(client: ConfluentReads, request: CachedReadOptions, policy: LoaderPolicy, storedTraffic?: StoredTraffic) {
  const organizations = createOrganizationLoaders(client, request, policy);
  const workspaces = createWorkspaceLoaders(client, request, policy);
  const clusters = createClusterLoaders(client, request, policy, workspaces.all);
  const users = createUserLoaders(client, request, policy);
  const roleBindings = createRoleBindingLoaders(client, request, policy, organizations.current);
  const apiKeys = createApiKeyLoaders(client, request, policy);
  const identities = createIdentityLoaders(client, request, policy);
  return {
    organizations,
    workspaces,
    clusters,
    users,
    roleBindings,
    apiKeys,
    identities,
    traffic: createTrafficLoaders(client, request, policy, clusters.all, storedTraffic),
    accessFacts: createAccessFactLoaders({ roleBindings, apiKeys, users, identities }),
    costs: createCostLoaders(client, request, policy),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
