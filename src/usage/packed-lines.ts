// Usage lines in a form that crosses from a worker thread at the cost of a few memory copies:
// every distinct string once in one text, and each line's fields as numbers in typed arrays whose
// buffers are moved, not copied. Cloning tens of thousands of small objects instead costs more
// than parsing them did.
import { byDateThenId, type UsageLine } from './usage-line.js';

export const STRING_FIELDS = [
  'id',
  'startDate',
  'endDate',
  'productId',
  'lineTypeId',
  'workspaceId',
  'resourceId',
  'resourceName',
  'unit',
  'granularity',
  'networkAccessType',
  'description',
] as const;
export const NUMBER_FIELDS = ['originalMicros', 'discountMicros', 'amountMicros', 'quantity', 'price'] as const;
const columnsOf = <F extends string>(fields: readonly F[]) => Object.fromEntries(fields.map((field, column) => [field, column])) as Record<F, number>;
/** Each field's column in a line's row. */
const S = columnsOf(STRING_FIELDS);
const N = columnsOf(NUMBER_FIELDS);

/** A null string field. */
export const NO_STRING = -1;

export interface PackedLines {
  count: number;
  /** Every distinct string, one after another. */
  text: string;
  /** Where each distinct string ends in `text`. */
  ends: Int32Array;
  /** Per line, the index of each of STRING_FIELDS' strings, or NO_STRING. */
  strings: Int32Array;
  /** Per line, each of NUMBER_FIELDS; NaN for null. */
  numbers: Float64Array;
  /** Whether the lines come by day then id, each once: then they need no sorting. */
  ordered: boolean;
  /** The earliest and latest day of a line (null without lines): whether all are in a window. */
  firstDay: string | null;
  lastDay: string | null;
}

/** A line's STRING_FIELDS, in order. */
function stringsOf(line: UsageLine): Array<string | null> {
  return [
    line.id,
    line.startDate,
    line.endDate,
    line.productId,
    line.lineTypeId,
    line.workspaceId,
    line.resource?.id ?? null,
    line.resource?.name ?? null,
    line.unit,
    line.granularity,
    line.networkAccessType,
    line.description,
  ];
}

export function packLines(lines: readonly UsageLine[]): PackedLines {
  const indexOf = new Map<string, number>();
  const parts: string[] = [];
  const ends: number[] = [];
  let length = 0;
  const strings = new Int32Array(lines.length * STRING_FIELDS.length);
  const numbers = new Float64Array(lines.length * NUMBER_FIELDS.length);
  let ordered = true;
  let firstDay: string | null = null;
  let lastDay: string | null = null;
  for (let row = 0; row < lines.length; row++) {
    const line = lines[row]!;
    if (row > 0 && byDateThenId(lines[row - 1]!, line) >= 0) ordered = false;
    if (firstDay === null || line.startDate < firstDay) firstDay = line.startDate;
    if (lastDay === null || line.startDate > lastDay) lastDay = line.startDate;
    const values = stringsOf(line);
    for (let column = 0; column < values.length; column++) {
      // A field Confluent sent as a number or boolean is kept as its text, as JSON would show it.
      const value = values[column] === null ? null : String(values[column]);
      // Ids are each line's own: looking them up would only fill the table.
      let index = value === null ? NO_STRING : column === S.id ? undefined : indexOf.get(value);
      if (index === undefined) {
        index = parts.length;
        if (column !== S.id) indexOf.set(value!, index);
        parts.push(value!);
        length += value!.length;
        ends.push(length);
      }
      strings[row * STRING_FIELDS.length + column] = index;
    }
    const n = row * NUMBER_FIELDS.length;
    numbers[n + N.originalMicros] = line.originalMicros;
    numbers[n + N.discountMicros] = line.discountMicros;
    numbers[n + N.amountMicros] = line.amountMicros;
    numbers[n + N.quantity] = line.quantity ?? Number.NaN;
    numbers[n + N.price] = line.price ?? Number.NaN;
  }
  return { count: lines.length, text: parts.join(''), ends: Int32Array.from(ends), strings, numbers, ordered, firstDay, lastDay };
}

/** The buffers a packed value can hand over to another thread. */
export function transferablesOf(packed: PackedLines): ArrayBuffer[] {
  return [packed.ends.buffer, packed.strings.buffer, packed.numbers.buffer] as ArrayBuffer[];
}
