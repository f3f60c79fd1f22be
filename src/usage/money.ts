// Money is summed in integer micro-dollars (confluent/cost-lines.ts reads amounts so), so a sum of
// thousands of lines is exact: a Decimal shows it as it is, and the deprecated Floats round it once.
//
// Plain numbers hold the sums: they are exact up to 2^53 micro-dollars, about nine billion dollars
// in one group, far beyond a year of one organization's Confluent bill (the most a summary covers).

const MICROS_PER_DOLLAR = 1_000_000;

/** Dollars as the nearest float, for the deprecated Float fields. */
export function toDollars(micros: number): number {
  return micros / MICROS_PER_DOLLAR;
}

/**
 * Micro-dollars as a Decimal (schema/usage.graphql): at least two decimals, and the others up to
 * the sixth only while not zero (`"12.50"`, `"-0.000001"`, `"1234.567891"`). The integer's digits
 * are moved around as text, never through a float. A number past 2^53 is refused rather than shown
 * as an amount that may be off.
 */
export function formatMicros(micros: number): string {
  if (!Number.isSafeInteger(micros)) throw new RangeError(`not an exact whole number of micro-dollars: ${micros}`);
  const text = String(micros);
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).padStart(7, '0');
  const fraction = digits.slice(-6).replace(/0{1,4}$/, '');
  return `${negative ? '-' : ''}${digits.slice(0, -6)}.${fraction}`;
}
