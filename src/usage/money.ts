// Money is summed in integer micro-dollars, so a sum of thousands of rows is exact and is rounded
// only once, when it is turned back into dollars. Confluent reports amounts to at most 6 decimals.
import type { Cost } from '../confluent/types.js';

const MICROS_PER_DOLLAR = 1_000_000;

/** Dollars to micro-dollars; an absent amount counts as zero, never NaN. */
export function toMicros(dollars: number | null | undefined): number {
  return typeof dollars === 'number' && Number.isFinite(dollars) ? Math.round(dollars * MICROS_PER_DOLLAR) : 0;
}

export function toDollars(micros: number): number {
  return micros / MICROS_PER_DOLLAR;
}

export interface CostAmounts {
  original: number;
  discount: number;
  amount: number;
}

/**
 * A cost line's amounts in micro-dollars. SUPPORT and PROMO_CREDIT lines may leave out
 * `discount_amount` and `amount`: no discount is zero, and the amount is then original − discount.
 */
export function amountsOf(cost: Cost): CostAmounts {
  const original = toMicros(cost.original_amount);
  const discount = toMicros(cost.discount_amount);
  const amount = typeof cost.amount === 'number' ? toMicros(cost.amount) : original - discount;
  return { original, discount, amount };
}
