// Money is summed in integer micro-dollars (confluent/cost-lines.ts reads amounts so), so a sum of
// thousands of lines is exact and is rounded only once, when it is turned back into dollars.

const MICROS_PER_DOLLAR = 1_000_000;

export function toDollars(micros: number): number {
  return micros / MICROS_PER_DOLLAR;
}
