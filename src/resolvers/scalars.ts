import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';

export const DateTime = DateTimeResolver;

/** `Date` in the contract is a plain calendar date, so it keeps graphql-scalars' LocalDate rules. */
export const Date = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  name: 'Date',
  description: 'A calendar date in UTC, `YYYY-MM-DD`.',
});
