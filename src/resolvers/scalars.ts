import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';

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
