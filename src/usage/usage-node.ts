// A usage line as the graph shows it. An answer may show thousands of lines: the fields the graph
// works out (dollars, the product, a missing line type) are worked out once per line shown and read
// by GraphQL as plain properties, not through a resolver call per field and line.
import { productOf, type ProductRecord } from '../catalog/products.js';
import { toDollars } from './money.js';
import type { UsageLine } from './usage-line.js';

export interface UsageNode extends UsageLine {
  product: ProductRecord;
  lineType: string;
  amount: number;
  originalAmount: number;
  discountAmount: number;
}

// Confluent marks product and line type optional; a line without one still has to be shown.
const UNSPECIFIED = 'UNSPECIFIED';

export function usageNodeOf(line: UsageLine): UsageNode {
  return {
    ...line,
    product: productOf(line.productId ?? UNSPECIFIED),
    lineType: line.lineTypeId ?? UNSPECIFIED,
    amount: toDollars(line.amountMicros),
    originalAmount: toDollars(line.originalMicros),
    discountAmount: toDollars(line.discountMicros),
  };
}
