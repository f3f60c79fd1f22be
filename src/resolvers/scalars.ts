import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { badUserInput } from '../graphql/errors.js';

export const DateTime = DateTimeResolver;

const localDate = LocalDateResolver.toConfig();
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `Date` in the contract is a plain calendar date: graphql-scalars' LocalDate rules check what
 * clients send. Dates going out are Confluent's, already `YYYY-MM-DD` (thousands per response), so
 * only ones of another shape go through the full check.
 */
export const Date = new GraphQLScalarType({
  ...localDate,
  name: 'Date',
  description: 'A calendar date in UTC, `YYYY-MM-DD`.',
  serialize: (value) => (typeof value === 'string' && PLAIN_DATE.test(value) ? value : localDate.serialize(value)),
});

/** A Decimal as clients may send it: digits without leading zeros, an optional `-` and fraction, no exponent. */
const DECIMAL_INPUT = /^-?(0|[1-9]\d*)(\.\d+)?$/;
/** A Decimal as this graph writes it (usage/money.ts): always at least two decimals. */
const DECIMAL_OUTPUT = /^-?(0|[1-9]\d*)\.\d{2,}$/;

function decimalInput(value: unknown): string {
  if (typeof value === 'string' && DECIMAL_INPUT.test(value)) return value;
  // A JSON or GraphQL number is refused too: the client's float may already have lost digits.
  throw badUserInput('A Decimal is a string of digits with an optional "-" and fraction, such as "-1234.567891"');
}

/** Exact decimal numbers as strings. Its description is left to the SDL's, which says the form. */
export const Decimal = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  serialize: (value) => {
    if (typeof value === 'string' && DECIMAL_OUTPUT.test(value)) return value;
    throw new GraphQLError(`Decimal cannot represent ${typeof value} value: a resolver must give a formatted amount`);
  },
  parseValue: decimalInput,
  parseLiteral: (node) => decimalInput(node.kind === Kind.STRING ? node.value : undefined),
});
