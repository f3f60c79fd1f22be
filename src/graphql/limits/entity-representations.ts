import { getArgumentValues, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { fieldsOf, fragmentsOf } from '../selected-fields.js';

/** How many entity representations an operation asks the subgraph to resolve, over all its `_entities` fields. */
export function entityRepresentationCount(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const entities = schema.getQueryType()?.getFields()._entities;
  if (operation.operation !== 'query' || !entities) return 0;
  const fragments = fragmentsOf(document);
  let count = 0;
  for (const field of fieldsOf(operation.selectionSet, (name) => fragments.get(name))) {
    if (field.name.value !== '_entities') continue;
    const { representations } = getArgumentValues(entities, field, variables);
    count += Array.isArray(representations) ? representations.length : 1;
  }
  return count;
}
