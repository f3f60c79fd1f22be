// Money is summed in integer micro-dollars, so a sum of thousands of rows is exact and is rounded
// only once, when it is turned back into dollars. Confluent reports amounts to at most 6 decimals.

const MICROS_PER_DOLLAR = 1_000_000;

/** Dollars to micro-dollars; an absent amount counts as zero, never NaN. */
export function toMicros(dollars: number | null | undefined): number {
  return typeof dollars === 'number' && Number.isFinite(dollars) ? Math.round(dollars * MICROS_PER_DOLLAR) : 0;
}

export function toDollars(micros: number): number {
  return micros / MICROS_PER_DOLLAR;
}
