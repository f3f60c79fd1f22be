// Builds the whole demo organization from a seed and a date: the same inputs give the same data.
import type { DatasetSize } from '../options.js';
import type { SimulatorData } from '../store.js';
import { buildApiKeys } from './api-keys.js';
import { buildRoleBindings } from './bindings.js';
import { SeedContext } from './context.js';
import { buildCosts } from './costs.js';
import { buildIdentities } from './identity.js';
import { buildLandscape } from './landscape.js';
import { buildPeople } from './people.js';
import { buildTraffic } from './traffic.js';

/** `today` is a day number (see dates.ts); everything generated happens before it. */
export function generateData(seed: number, today: number, size: DatasetSize): SimulatorData {
  const context = new SeedContext(seed, today);
  const landscape = buildLandscape(context, size.environments, size.clustersPerEnvironment);
  const organizationId = landscape.organization.id;
  const people = buildPeople(context, organizationId, landscape.organizationCreatedDay, size);
  const identities = buildIdentities(context, organizationId, landscape.organizationCreatedDay);
  const { roleBindings, clusterIdsByPrincipal } = buildRoleBindings(context, landscape, people, identities, size.roleBindings);
  // Someone still waiting on an invitation has not signed in yet, so has made no keys.
  const keyOwners = {
    users: people.users.filter((user) => !people.pendingUserIds.has(user.id)),
    serviceAccounts: people.serviceAccounts,
  };
  const data: Omit<SimulatorData, 'traffic'> = {
    organization: landscape.organization,
    environments: landscape.environments.map((plan) => plan.environment),
    clusters: landscape.environments.flatMap((plan) => plan.clusters.map((cluster) => cluster.cluster)),
    users: people.users,
    serviceAccounts: people.serviceAccounts,
    invitations: people.invitations,
    ...identities,
    roleBindings,
    apiKeys: buildApiKeys(context, landscape, keyOwners, clusterIdsByPrincipal),
    costs: buildCosts(context, landscape, size.costDays),
  };
  return { ...data, traffic: buildTraffic(context, data, size.costDays) };
}
