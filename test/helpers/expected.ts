// Expected answers computed straight from the simulator's store, independently of the server's
// code: plain string matching on CRNs, plain float sums compared to the cent, and exact BigInt sums
// of micro-dollars compared digit for digit.
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

export { lastFullMonth, lastFullMonths } from '../../src/calendar.js';

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

/** A Decimal of this graph's form (schema/usage.graphql) as micro-units, read from its digits. */
export function decimalMicros(decimal: string): bigint {
  // At least two decimals, and at most six, the last of those past the second not zero.
  const match = /^(-?)(0|[1-9]\d*)\.(\d\d(?:\d{0,3}[1-9])?)$/.exec(decimal);
  if (!match) throw new Error(`not a Decimal of this graph's form: ${JSON.stringify(decimal)}`);
  const micros = BigInt(match[2]!) * 1_000_000n + BigInt(match[3]!.padEnd(6, '0'));
  return match[1] ? -micros : micros;
}

/** Dollars with at most six decimals, as Confluent reports them, in micro-dollars. */
const microsOf = (dollars: number | undefined): bigint => BigInt(Math.round((dollars ?? 0) * 1_000_000));

interface Money {
  amount: string;
}

export interface MicroSums {
  cost: bigint;
  listCost: bigint;
  discount: bigint;
  lineItemCount: number;
}

/** Exact sums of the lines' amounts in micro-dollars, by the key each line is given. */
export function microSums(costs: readonly Cost[], keyOf: (cost: Cost) => string): Map<string, MicroSums> {
  const sums = new Map<string, MicroSums>();
  for (const cost of costs) {
    const key = keyOf(cost);
    const sum = sums.get(key) ?? { cost: 0n, listCost: 0n, discount: 0n, lineItemCount: 0 };
    const [listCost, discount] = [microsOf(cost.original_amount), microsOf(cost.discount_amount)];
    sum.cost += typeof cost.amount === 'number' ? microsOf(cost.amount) : listCost - discount;
    sum.listCost += listCost;
    sum.discount += discount;
    sum.lineItemCount += 1;
    sums.set(key, sum);
  }
  return sums;
}

/** A summary group's Money fields as micro-dollars. */
export function groupMicros(group: { cost: Money; listCost: Money; discount: Money; lineItemCount: number }): MicroSums {
  return {
    cost: decimalMicros(group.cost.amount),
    listCost: decimalMicros(group.listCost.amount),
    discount: decimalMicros(group.discount.amount),
    lineItemCount: group.lineItemCount,
  };
}

/** The month a `YYYY-MM-DD…` date is in, by its first day. */
export const monthOf = (date: string): string => `${date.slice(0, 7)}-01`;

/** The Monday starting the ISO week a `YYYY-MM-DD…` date is in. */
export function isoWeekOf(date: string): string {
  const day = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}
