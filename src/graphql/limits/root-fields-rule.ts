import type { ValidationRule } from 'graphql';
import { fieldsOf } from '../selected-fields.js';
import { queryTooComplex } from './too-complex.js';

/**
 * At most `max` root fields per operation: each is a separate entry point into the upstream lists.
 * Fields are counted by response key, since repeats of one key merge into one field; meta fields
 * (`__typename`, introspection) read no upstream data and are not counted.
 */
export function maxRootFieldsRule(max: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const keys = new Set<string>();
      for (const field of fieldsOf(operation.selectionSet, (name) => context.getFragment(name))) {
        if (!field.name.value.startsWith('__')) keys.add(field.alias?.value ?? field.name.value);
      }
      if (keys.size > max) {
        context.reportError(queryTooComplex(`Root fields limit of ${max} exceeded, found ${keys.size}.`, 'rootFields', [operation]));
      }
    },
  });
}
