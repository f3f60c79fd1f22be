import type { RequestOptions } from '../confluent/client.js';
import type { ConfluentReads } from '../confluent/reads.js';
import type { LoaderPolicy } from './policy.js';
import type { Organization } from '../confluent/types.js';
import { listBacked } from './list-backed.js';

/** Organizations come from one listing (a Cloud API key sees its own organization only). */
export function createOrganizationLoaders(client: ConfluentReads, request: RequestOptions, policy: LoaderPolicy) {
  const organizations = listBacked<Organization>(policy, {
    name: 'organizations',
    list: () => client.listOrganizations(request),
    idOf: (org) => org.id,
  });
  return {
    ...organizations,
    /** The organization of the configured key: the first (in practice the only) one it can see. */
    current: async (): Promise<Organization | null> => (await organizations.all())[0] ?? null,
  };
}
