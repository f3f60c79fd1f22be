// Expected answers computed straight from the simulator's store, independently of the server's
// code: plain string matching on CRNs and plain float sums compared to the cent.
import type { Cost, RoleBinding } from '../../src/confluent/types.js';
import type { SimulatorData } from '../../src/simulator/index.js';

const PENDING = ['INVITE_STATUS_SENT', 'INVITE_STATUS_STAGED'];

export function segmentValue(crn: string, key: string): string | undefined {
  const decoded = decodeURIComponent(crn);
  return new RegExp(`/${key}=([^/]+)`).exec(decoded)?.[1];
}

export function bindingsOfPrincipal(data: SimulatorData, principalId: string): RoleBinding[] {
  return data.roleBindings.filter((binding) => binding.principal === `User:${principalId}`);
}

export function bindingsInWorkspace(data: SimulatorData, environmentId: string): RoleBinding[] {
  return data.roleBindings.filter((binding) => segmentValue(binding.crn_pattern ?? '', 'environment') === environmentId);
}

export function invitedUserIds(data: SimulatorData): Set<string> {
  return new Set(
    data.invitations.filter((invitation) => PENDING.includes(invitation.status ?? '')).map((invitation) => invitation.user?.id ?? ''),
  );
}

export { lastFullMonth } from '../../src/calendar.js';

export function costsIn(
  data: SimulatorData,
  period: { start: string; end: string },
  filter: { workspaceId?: string; productId?: string } = {},
): Cost[] {
  return data.costs.filter(
    (cost) =>
      cost.start_date.slice(0, 10) >= period.start &&
      cost.start_date.slice(0, 10) < period.end &&
      (filter.workspaceId === undefined || cost.resource?.environment?.id === filter.workspaceId) &&
      (filter.productId === undefined || cost.product === filter.productId),
  );
}

export function amountOf(cost: Cost): number {
  return cost.amount ?? cost.original_amount - (cost.discount_amount ?? 0);
}

/** Plain float sums: good to far better than a cent over a year of lines. */
export function totals(costs: readonly Cost[]) {
  return {
    amount: costs.reduce((sum, cost) => sum + amountOf(cost), 0),
    originalAmount: costs.reduce((sum, cost) => sum + cost.original_amount, 0),
    discountAmount: costs.reduce((sum, cost) => sum + (cost.discount_amount ?? 0), 0),
  };
}

export function expectCents(actual: number, expected: number): void {
  if (Math.abs(actual - expected) >= 0.005) {
    throw new Error(`expected ${actual} to equal ${expected} to the cent`);
  }
}
