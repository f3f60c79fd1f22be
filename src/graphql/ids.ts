import { badUserInput } from './errors.js';

/**
 * The shape of every id this graph hands out: Confluent's ids (`env-…`, `u-…`, organization UUIDs),
 * role names and product codes. Anything else cannot name an entity, so it is refused before it
 * reaches a Confluent URL.
 */
const ID_FORMAT = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export function isIdOfThisApi(id: string): boolean {
  return ID_FORMAT.test(id);
}

export function checkIdFormat(id: string): void {
  if (!isIdOfThisApi(id)) throw badUserInput('`id` is not an id this API hands out', { argument: 'id' });
}
