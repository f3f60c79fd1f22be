// `principal_name`, which the Metrics API adds beside `metric.principal_id` for display: a user's
// full name, a service account's or identity pool's display name. A principal that no longer
// exists has no name left to show, so it shows its id.
import type { SimulatorData } from '../store.js';

export type PrincipalNames = (principalId: string) => string;

export function principalNames(data: SimulatorData): PrincipalNames {
  const names = new Map<string, string | undefined>();
  for (const user of data.users) names.set(user.id, user.full_name || user.email);
  for (const account of data.serviceAccounts) names.set(account.id, account.display_name);
  for (const pool of Object.values(data.identityPools).flat()) names.set(pool.id, pool.display_name);
  return (principalId) => names.get(principalId) || principalId;
}
