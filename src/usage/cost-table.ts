// A window's usage lines kept as the workers packed them (packed-lines.ts), page by page: columns
// of numbers and one text of strings, read field by field. A month of a large organization is some
// 35,000 lines, of which an answer shows a few thousand: objects are made only for the lines shown,
// so the event loop neither builds nor garbage-collects megabytes of objects that sums and filters
// never need. Pages are kept as they came, not copied into one: joining them costs nothing.
import { NO_STRING, NUMBER_FIELDS, STRING_FIELDS, packLines, type PackedLines } from './packed-lines.js';
import type { UsageLine, UsageResourceRecord } from './usage-line.js';

const S = STRING_FIELDS.length;
const N = NUMBER_FIELDS.length;
const column = <F extends string>(fields: readonly F[], field: F) => fields.indexOf(field);
const ID = column(STRING_FIELDS, 'id');
const START_DATE = column(STRING_FIELDS, 'startDate');
const END_DATE = column(STRING_FIELDS, 'endDate');
const PRODUCT = column(STRING_FIELDS, 'productId');
const LINE_TYPE = column(STRING_FIELDS, 'lineTypeId');
const WORKSPACE = column(STRING_FIELDS, 'workspaceId');
const RESOURCE_ID = column(STRING_FIELDS, 'resourceId');
const RESOURCE_NAME = column(STRING_FIELDS, 'resourceName');
const UNIT = column(STRING_FIELDS, 'unit');
const GRANULARITY = column(STRING_FIELDS, 'granularity');
const NETWORK_ACCESS = column(STRING_FIELDS, 'networkAccessType');
const DESCRIPTION = column(STRING_FIELDS, 'description');
const ORIGINAL = column(NUMBER_FIELDS, 'originalMicros');
const DISCOUNT = column(NUMBER_FIELDS, 'discountMicros');
const AMOUNT = column(NUMBER_FIELDS, 'amountMicros');
const QUANTITY = column(NUMBER_FIELDS, 'quantity');
const PRICE = column(NUMBER_FIELDS, 'price');

const numberOrNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** A page as JSON holds it (a shared cache in Redis): typed arrays as arrays, NaN as null. */
type PackedJson = Omit<PackedLines, 'ends' | 'strings' | 'numbers'> & { ends: number[]; strings: number[]; numbers: Array<number | null> };
export interface CostTableJson {
  pages: PackedJson[];
}

/**
 * A page's lines, in an object of this class's own shape. The objects a worker's message brings
 * have a shape that dies with them, and with it the optimized code that reads them: every request
 * would then read its lines through code compiled anew. This shape lives on in the page of the
 * table that NO_USAGE_LINES (usage-lines.ts) keeps for the life of the process.
 */
class Page implements PackedLines {
  readonly count: number;
  readonly text: string;
  readonly ends: Int32Array;
  readonly strings: Int32Array;
  readonly numbers: Float64Array;
  readonly ordered: boolean;
  readonly firstDay: string | null;
  readonly lastDay: string | null;

  constructor(packed: PackedLines) {
    this.count = packed.count;
    this.text = packed.text;
    this.ends = packed.ends;
    this.strings = packed.strings;
    this.numbers = packed.numbers;
    this.ordered = packed.ordered;
    this.firstDay = packed.firstDay;
    this.lastDay = packed.lastDay;
  }
}

/**
 * Usage lines, by row: rows are numbered across the pages in the order Confluent sent them. A
 * string is numbered across the pages too (a page's own number plus the strings of the pages
 * before it), so each is read out of its page's text once, and only when asked for.
 */
export class CostTable {
  readonly count: number;
  readonly #pages: readonly Page[];
  /** Each page's first row, and after the last page the count. */
  readonly #firstRows: Int32Array;
  /** Each page's first string number. */
  readonly #firstStrings: Int32Array;
  /** Each row's page. */
  readonly #pageOfRow: Uint32Array;
  readonly #decoded: Array<string | undefined>;
  /** Lines made so far, by row, so a line shown by several fields or requests is made once. */
  #lines: Array<UsageLine | undefined> | undefined;
  /** Lines of one resource share its record, as they share its id and name. */
  readonly #resources = new Map<number, UsageResourceRecord>();

  constructor(packed: readonly PackedLines[]) {
    const pages = packed.map((page) => (page instanceof Page ? page : new Page(page)));
    this.#pages = pages;
    this.#firstRows = new Int32Array(pages.length + 1);
    this.#firstStrings = new Int32Array(pages.length + 1);
    pages.forEach((page, index) => {
      this.#firstRows[index + 1] = this.#firstRows[index]! + page.count;
      this.#firstStrings[index + 1] = this.#firstStrings[index]! + page.ends.length;
    });
    this.count = this.#firstRows[pages.length]!;
    this.#pageOfRow = new Uint32Array(this.count);
    pages.forEach((_, index) => this.#pageOfRow.fill(index, this.#firstRows[index], this.#firstRows[index + 1]));
    this.#decoded = new Array<string | undefined>(this.#firstStrings[pages.length]!);
  }

  /** Lines read on this thread (no worker to hand them over), in the same form. */
  static of(lines: readonly UsageLine[]): CostTable {
    return new CostTable([packLines(lines)]);
  }

  /** The lines of several tables, one table after another. */
  static join(tables: readonly CostTable[]): CostTable {
    return tables.length === 1 ? tables[0]! : new CostTable(tables.flatMap((table) => table.#pages));
  }

  static fromJSON(json: CostTableJson): CostTable {
    return new CostTable(
      json.pages.map((page) => ({
        ...page,
        ends: Int32Array.from(page.ends),
        strings: Int32Array.from(page.strings),
        numbers: Float64Array.from(page.numbers, (value) => value ?? Number.NaN),
      })),
    );
  }

  toJSON(): CostTableJson {
    return {
      pages: this.#pages.map((page) => ({
        ...page,
        ends: Array.from(page.ends),
        strings: Array.from(page.strings),
        numbers: Array.from(page.numbers, numberOrNull),
      })),
    };
  }

  /** Memory the table holds, give or take: its texts as UTF-16 and its columns. */
  get approximateBytes(): number {
    const bytes = (page: PackedLines) => page.text.length * 2 + page.ends.byteLength + page.strings.byteLength + page.numbers.byteLength;
    return this.#pages.reduce((sum, page) => sum + bytes(page), this.#pageOfRow.byteLength);
  }

  /** Whether every line's day is in [first, last), known from each page's earliest and latest day. */
  allDaysWithin(first: string, last: string): boolean {
    return this.#pages.every((page) => page.count === 0 || (page.firstDay! >= first && page.lastDay! < last));
  }

  /**
   * Up to which row the lines from `row` on are known to come by day then id, each once, without
   * comparing them: the end of its page if the page is so ordered, else `row` itself.
   */
  orderedUntil(row: number): number {
    const page = this.#pageOfRow[row]!;
    return this.#pages[page]!.ordered ? this.#firstRows[page + 1]! : row;
  }

  /** The number of a row's string field across pages, or NO_STRING. */
  #stringNumber(row: number, field: number): number {
    const page = this.#pageOfRow[row]!;
    const index = this.#pages[page]!.strings[(row - this.#firstRows[page]!) * S + field]!;
    return index === NO_STRING ? NO_STRING : this.#firstStrings[page]! + index;
  }

  /** Where a string lies in its page's text. */
  #span(number: number): { text: string; start: number; end: number } {
    const page = this.#pageOfString(number);
    const { text, ends } = this.#pages[page]!;
    const index = number - this.#firstStrings[page]!;
    return { text, start: index === 0 ? 0 : ends[index - 1]!, end: ends[index]! };
  }

  /** The page a string number belongs to. */
  #pageOfString(number: number): number {
    let page = 0;
    while (this.#firstStrings[page + 1]! <= number) page++;
    return page;
  }

  #string(row: number, field: number): string | null {
    const number = this.#stringNumber(row, field);
    if (number === NO_STRING) return null;
    let string = this.#decoded[number];
    if (string === undefined) {
      const { text, start, end } = this.#span(number);
      string = text.slice(start, end);
      this.#decoded[number] = string;
    }
    return string;
  }

  #number(row: number, field: number): number {
    const page = this.#pageOfRow[row]!;
    return this.#pages[page]!.numbers[(row - this.#firstRows[page]!) * N + field]!;
  }

  id(row: number): string {
    return this.#string(row, ID)!;
  }
  startDate(row: number): string {
    return this.#string(row, START_DATE)!;
  }
  productId(row: number): string | null {
    return this.#string(row, PRODUCT);
  }
  lineTypeId(row: number): string | null {
    return this.#string(row, LINE_TYPE);
  }
  workspaceId(row: number): string | null {
    return this.#string(row, WORKSPACE);
  }
  resourceId(row: number): string | null {
    return this.#string(row, RESOURCE_ID);
  }
  originalMicros(row: number): number {
    return this.#number(row, ORIGINAL);
  }
  discountMicros(row: number): number {
    return this.#number(row, DISCOUNT);
  }
  amountMicros(row: number): number {
    return this.#number(row, AMOUNT);
  }

  resource(row: number): UsageResourceRecord | null {
    const id = this.#stringNumber(row, RESOURCE_ID);
    if (id === NO_STRING) return null;
    const name = this.#stringNumber(row, RESOURCE_NAME);
    const key = id * (this.#decoded.length + 1) + name + 1;
    let resource = this.#resources.get(key);
    if (!resource) {
      resource = { id: this.resourceId(row)!, name: this.#string(row, RESOURCE_NAME) };
      this.#resources.set(key, resource);
    }
    return resource;
  }

  /** By day, then by id (as `<` compares strings, without reading the ids out of the text). */
  compareRows = (a: number, b: number): number => {
    const dayA = this.startDate(a);
    const dayB = this.startDate(b);
    if (dayA !== dayB) return dayA < dayB ? -1 : 1;
    const idA = this.#span(this.#stringNumber(a, ID));
    const idB = this.#span(this.#stringNumber(b, ID));
    let at = idA.start;
    let bt = idB.start;
    for (; at < idA.end && bt < idB.end; at++, bt++) {
      const difference = idA.text.charCodeAt(at) - idB.text.charCodeAt(bt);
      if (difference !== 0) return difference;
    }
    return idA.end - at - (idB.end - bt);
  };

  line(row: number): UsageLine {
    this.#lines ??= new Array<UsageLine | undefined>(this.count);
    let line = this.#lines[row];
    if (!line) {
      line = {
        id: this.id(row),
        startDate: this.startDate(row),
        endDate: this.#string(row, END_DATE)!,
        productId: this.productId(row),
        lineTypeId: this.lineTypeId(row),
        workspaceId: this.workspaceId(row),
        resource: this.resource(row),
        originalMicros: this.originalMicros(row),
        discountMicros: this.discountMicros(row),
        amountMicros: this.amountMicros(row),
        quantity: numberOrNull(this.#number(row, QUANTITY)),
        unit: this.#string(row, UNIT),
        price: numberOrNull(this.#number(row, PRICE)),
        granularity: this.#string(row, GRANULARITY),
        networkAccessType: this.#string(row, NETWORK_ACCESS),
        description: this.#string(row, DESCRIPTION),
      };
      this.#lines[row] = line;
    }
    return line;
  }
}

