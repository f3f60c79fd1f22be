// Some of a table's lines, in an order: a period's lines, a workspace's, a filter's. Rows, not
// objects: a line becomes an object only when a page of a connection shows it.
import { groupBy } from '../loaders/grouping.js';
import { CostTable } from './cost-table.js';
import type { UsageLine } from './usage-line.js';

export class UsageLines {
  readonly table: CostTable;
  readonly rows: Int32Array;

  constructor(table: CostTable, rows: Int32Array) {
    this.table = table;
    this.rows = rows;
  }

  /** Every line of the table, in its rows' order. */
  static all(table: CostTable): UsageLines {
    const rows = new Int32Array(table.count);
    for (let row = 0; row < rows.length; row++) rows[row] = row;
    return new UsageLines(table, rows);
  }

  get length(): number {
    return this.rows.length;
  }

  /** The line at a position, as the graph shows it. */
  at(index: number): UsageLine | undefined {
    const row = this.rows[index];
    return row === undefined ? undefined : this.table.line(row);
  }

  filter(keep: (row: number) => boolean): UsageLines {
    return new UsageLines(this.table, this.rows.filter(keep));
  }

  /** The lines by a key of each (lines without one left out), each group in this order. */
  groupBy(keyOf: (row: number) => string | null): Map<string, UsageLines> {
    const groups = groupBy(this.rows, keyOf);
    return new Map([...groups].map(([key, rows]) => [key, new UsageLines(this.table, Int32Array.from(rows))]));
  }
}

/**
 * No lines. Kept for the life of the process, it also keeps alive the shapes of a table, a page
 * and a selection: V8 drops the code it optimized for a shape once the last object of that shape
 * is collected, and a cold request, whose lines are then the only ones, would read them through
 * code compiled anew (every accessor of a table was, each request, before this was kept).
 */
export const NO_USAGE_LINES = new UsageLines(CostTable.of([]), new Int32Array(0));
