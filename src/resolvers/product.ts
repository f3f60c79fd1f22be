import type { ProductResolvers } from '../__generated__/resolvers-types.js';
import { productOf } from '../catalog/products.js';
import { usageConnection, usageSummary } from './usage-fields.js';

/** Confluent's product codes are upper-case words joined by underscores (`STREAM_GOVERNANCE`). */
export const PRODUCT_CODE = /^[A-Z][A-Z0-9_]*$/;

export const Product: ProductResolvers = {
  __resolveReference: (reference) => (PRODUCT_CODE.test(reference.id) ? productOf(reference.id) : null),
  usage: (product, args, context) => usageConnection(args, { productId: product.code }, context),
  usageSummary: (product, args, context, info) => usageSummary(args, { productId: product.code }, context, info),
};
