import {
  Kind,
  TypeInfo,
  getArgumentValues,
  getVariableValues,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/**
 * Calls `each` with the argument values of every field of the operation that takes arguments,
 * nested ones and those in fragments included (validation has made sure each fragment is used).
 * Nothing is called when the variables do not coerce: execution reports that itself.
 */
export function forEachFieldArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown>,
  each: (field: GraphQLField<unknown, unknown>, values: Record<string, unknown>) => void,
): void {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (coerced.errors) return;
  const typeInfo = new TypeInfo(schema);
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const field = typeInfo.getFieldDef();
      if (field && field.args.length > 0) each(field, getArgumentValues(field, node, coerced.coerced));
    },
  });
  for (const definition of [operation, ...fragments]) visit(definition, visitor);
}
