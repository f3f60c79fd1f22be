import { Kind, isUnionType, parse, type GraphQLSchema } from 'graphql';
import { badUserInput } from './errors.js';
import { isIdOfThisApi } from './ids.js';

/** Each entity type's keys, a key being the field names of one `@key(fields: …)`. */
type EntityKeys = Map<string, string[][]>;

const keysBySchema = new WeakMap<GraphQLSchema, EntityKeys>();

function entityKeys(schema: GraphQLSchema): EntityKeys {
  const known = keysBySchema.get(schema);
  if (known) return known;
  const keys: EntityKeys = new Map();
  const entity = schema.getType('_Entity');
  for (const type of isUnionType(entity) ? entity.getTypes() : []) {
    const fieldSets = (type.astNode?.directives ?? [])
      .filter((directive) => directive.name.value === 'key')
      .map((directive) => directive.arguments?.find((argument) => argument.name.value === 'fields')?.value)
      .flatMap((value) => (value?.kind === Kind.STRING ? [value.value] : []));
    keys.set(type.name, fieldSets.map(topLevelFields));
  }
  keysBySchema.set(schema, keys);
  return keys;
}

/** `"id"` → ['id']; a nested key (`"org { id } name"`) needs its top-level fields. */
function topLevelFields(fieldSet: string): string[] {
  const [selection] = parse(`{ ${fieldSet} }`).definitions;
  if (selection?.kind !== Kind.OPERATION_DEFINITION) return [];
  return selection.selectionSet.selections.flatMap((field) => (field.kind === Kind.FIELD ? [field.name.value] : []));
}

/**
 * Every representation names an entity type of this subgraph in `__typename` and carries all the
 * fields of one of its keys, as a router's always do; anything else is refused before any upstream
 * call instead of failing inside the federation library.
 */
export function checkRepresentations(schema: GraphQLSchema, representations: readonly unknown[]): void {
  const keys = entityKeys(schema);
  representations.forEach((representation, index) => {
    const fields = typeof representation === 'object' && representation !== null ? (representation as Record<string, unknown>) : {};
    const typeKeys = typeof fields.__typename === 'string' ? keys.get(fields.__typename) : undefined;
    if (!typeKeys) {
      throw badUserInput(`representations[${index}] has no __typename of an entity of this subgraph`, { argument: 'representations' });
    }
    if (!typeKeys.some((key) => key.every((field) => fields[field] !== undefined && fields[field] !== null))) {
      const wanted = typeKeys.map((key) => key.join(' ')).join('" or "');
      throw badUserInput(`representations[${index}] lacks the key of ${String(fields.__typename)} ("${wanted}")`, {
        argument: 'representations',
      });
    }
    // Key values reach Confluent URLs as an id argument's do, so they get the same checks.
    if (fields.id !== undefined && fields.id !== null && !(typeof fields.id === 'string' && isIdOfThisApi(fields.id))) {
      throw badUserInput(`representations[${index}].id is not an id this API hands out`, { argument: 'representations' });
    }
    if (fields.email !== undefined && fields.email !== null && typeof fields.email !== 'string') {
      throw badUserInput(`representations[${index}].email is not a string`, { argument: 'representations' });
    }
  });
}
