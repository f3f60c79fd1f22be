// A query's `filter`: field comparisons (EQ, GT, GTE; labels compare lexicographically), AND/OR
// of filters and NOT of one. Also which Kafka clusters a filter confines a query to, since the
// `cloud` dataset answers only queries confined to resources the caller may see.
import { badRequest } from './errors.js';
import { isLabel, KAFKA_ID, type Label, type Labels } from './labels.js';

export type Filter =
  { op: 'EQ' | 'GT' | 'GTE'; field: Label; value: string } | { op: 'AND' | 'OR'; filters: Filter[] } | { op: 'NOT'; filter: Filter };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseFilter(json: unknown): Filter {
  if (!isObject(json)) throw badRequest('filter must be an object');
  const { op } = json;
  if (op === 'EQ' || op === 'GT' || op === 'GTE') {
    const { field, value } = json;
    if (!isLabel(field)) throw badRequest(`Invalid filter field '${String(field)}'`);
    if (typeof value !== 'string' && !Number.isInteger(value))
      throw badRequest(`Invalid filter value for '${field}': a string or an integer`);
    return { op, field, value: String(value) };
  }
  if (op === 'AND' || op === 'OR') {
    if (!Array.isArray(json.filters)) throw badRequest(`filter ${op} needs a list of filters`);
    return { op, filters: json.filters.map(parseFilter) };
  }
  if (op === 'NOT') return { op, filter: parseFilter(json.filter) };
  throw badRequest(`Invalid filter op '${String(op)}': one of EQ, GT, GTE, AND, OR, NOT`);
}

export function matches(filter: Filter, labels: Labels): boolean {
  switch (filter.op) {
    case 'EQ':
      return labels[filter.field] === filter.value;
    case 'GT':
      return labels[filter.field] > filter.value;
    case 'GTE':
      return labels[filter.field] >= filter.value;
    case 'AND':
      return filter.filters.every((part) => matches(part, labels));
    case 'OR':
      return filter.filters.some((part) => matches(part, labels));
    case 'NOT':
      return !matches(filter.filter, labels);
  }
}

/**
 * The Kafka cluster ids a filter confines matches to with `resource.kafka.id` EQ, or undefined
 * when it lets any cluster through (no such comparison, a range, a NOT, an OR with a free branch).
 */
export function confinedKafkaIds(filter: Filter): Set<string> | undefined {
  switch (filter.op) {
    case 'EQ':
      return filter.field === KAFKA_ID ? new Set([filter.value]) : undefined;
    case 'AND': {
      const confined = filter.filters.map(confinedKafkaIds).filter((ids) => ids !== undefined);
      if (confined.length === 0) return undefined;
      return confined.reduce((common, ids) => new Set([...common].filter((id) => ids.has(id))));
    }
    case 'OR': {
      const confined = filter.filters.map(confinedKafkaIds);
      if (confined.length === 0 || confined.some((ids) => ids === undefined)) return undefined;
      return new Set(confined.flatMap((ids) => [...ids!]));
    }
    default:
      return undefined;
  }
}
