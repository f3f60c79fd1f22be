// Usage lines in a form that crosses from a worker thread at the cost of a few memory copies:
// every distinct string once in one text, and each line's fields as numbers in typed arrays whose
// buffers are moved, not copied. Cloning tens of thousands of small objects instead costs more
// than parsing them did.
import { nextTurn } from '../loaders/turns.js';
import type { UsageLine, UsageResourceRecord } from './usage-line.js';

const STRING_FIELDS = [
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
const NUMBER_FIELDS = ['originalMicros', 'discountMicros', 'amountMicros', 'quantity', 'price'] as const;
const columnsOf = <F extends string>(fields: readonly F[]) => Object.fromEntries(fields.map((field, column) => [field, column])) as Record<F, number>;
/** Each field's column in a line's row. */
const S = columnsOf(STRING_FIELDS);
const N = columnsOf(NUMBER_FIELDS);

/** A null string field. */
const NO_STRING = -1;

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
  for (let row = 0; row < lines.length; row++) {
    const line = lines[row]!;
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
  return { count: lines.length, text: parts.join(''), ends: Int32Array.from(ends), strings, numbers };
}

/** The buffers a packed value can hand over to another thread. */
export function transferablesOf(packed: PackedLines): ArrayBuffer[] {
  return [packed.ends.buffer, packed.strings.buffer, packed.numbers.buffer] as ArrayBuffer[];
}

/**
 * Lines unpacked per event-loop turn: a page of 10,000 would hold up the answers to other upstream
 * calls (and so the next calls) for tens of milliseconds.
 */
const LINES_PER_TURN = 2_000;

export async function unpackLines(packed: PackedLines): Promise<UsageLine[]> {
  const { count, text, ends, strings, numbers } = packed;
  const distinct = new Array<string | null>(ends.length);
  for (let index = 0, start = 0; index < ends.length; index++) {
    distinct[index] = text.slice(start, ends[index]);
    start = ends[index]!;
  }
  const stringAt = (at: number): string | null => (strings[at] === NO_STRING ? null : distinct[strings[at]!]!);
  const numberOrNull = (value: number): number | null => (Number.isNaN(value) ? null : value);
  // Lines of one resource share its record, as they share its id and name strings.
  const resources = new Map<number, UsageResourceRecord>();
  const lines = new Array<UsageLine>(count);
  for (let row = 0; row < count; row++) {
    if (row > 0 && row % LINES_PER_TURN === 0) await nextTurn();
    const at = row * STRING_FIELDS.length;
    const n = row * NUMBER_FIELDS.length;
    const resourceId = stringAt(at + S.resourceId);
    let resource: UsageResourceRecord | null = null;
    if (resourceId !== null) {
      const key = strings[at + S.resourceId]! * (ends.length + 1) + strings[at + S.resourceName]! + 1;
      resource = resources.get(key) ?? { id: resourceId, name: stringAt(at + S.resourceName) };
      resources.set(key, resource);
    }
    lines[row] = {
      id: stringAt(at + S.id)!,
      startDate: stringAt(at + S.startDate)!,
      endDate: stringAt(at + S.endDate)!,
      productId: stringAt(at + S.productId),
      lineTypeId: stringAt(at + S.lineTypeId),
      workspaceId: stringAt(at + S.workspaceId),
      resource,
      originalMicros: numbers[n + N.originalMicros]!,
      discountMicros: numbers[n + N.discountMicros]!,
      amountMicros: numbers[n + N.amountMicros]!,
      quantity: numberOrNull(numbers[n + N.quantity]!),
      unit: stringAt(at + S.unit),
      price: numberOrNull(numbers[n + N.price]!),
      granularity: stringAt(at + S.granularity),
      networkAccessType: stringAt(at + S.networkAccessType),
      description: stringAt(at + S.description),
    };
  }
  return lines;
}
