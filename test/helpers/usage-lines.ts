// Usage lines in and out of the form the subgraph keeps them in (a table of columns).
import { CostTable } from '../../src/usage/cost-table.js';
import type { UsageLine } from '../../src/usage/usage-line.js';
import { UsageLines } from '../../src/usage/usage-lines.js';

/** Every line of a table, in its rows' order, as objects. */
export const linesOfTable = (table: CostTable): UsageLine[] => Array.from({ length: table.count }, (_, row) => table.line(row));

/** Lines made into a table, each selected in the order given. */
export const usageLinesOf = (lines: readonly UsageLine[]): UsageLines => UsageLines.all(CostTable.of(lines));

/** The ids of selected lines, in their order. */
export const idsOf = (lines: UsageLines): string[] => Array.from(lines.rows, (row) => lines.table.id(row));
