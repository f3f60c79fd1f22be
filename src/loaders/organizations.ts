import type { ConfluentClient, RequestOptions } from '../confluent/client.js';
import type { Organization } from '../confluent/types.js';
import { listBacked } from './list-backed.js';

/** Organizations come from one listing (a Cloud API key sees its own organization only). */
export function createOrganizationLoaders(client: ConfluentClient, request: RequestOptions) {
  const organizations = listBacked<Organization>({
    list: () => client.listOrganizations(request),
    idOf: (org) => org.id,
  });
  return {
    ...organizations,
    /** The organization of the configured key: the first (in practice the only) one it can see. */
    current: async (): Promise<Organization | null> => (await organizations.all())[0] ?? null,
  };
}
