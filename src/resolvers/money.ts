import type { MoneyResolvers } from '../__generated__/resolvers-types.js';
import { formatMicros } from '../usage/money.js';

// A Money is an amount in micro-dollars (mappers.ts). The Costs API names no currency: Confluent
// Cloud bills in US dollars.
export const Money: MoneyResolvers = {
  amount: (micros) => formatMicros(micros),
  currencyCode: () => 'USD',
};
