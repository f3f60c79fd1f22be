import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** The fields selected directly in a selection set, through inline fragments and named ones. */
function fieldsOf(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo): FieldNode[] {
  if (!selectionSet) return [];
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet, info);
    return fieldsOf(info.fragments[selection.name.value]?.selectionSet, info);
  });
}

/**
 * Whether a connection field's nodes (`nodes { … }` or `edges { node { … } }`) select `fieldName`,
 * so a resolver can start reads that field will need before it runs.
 */
export function connectionNodesSelect(info: GraphQLResolveInfo, fieldName: string): boolean {
  const connectionFields = info.fieldNodes.flatMap((node) => fieldsOf(node.selectionSet, info));
  const nodeSelections = connectionFields.flatMap((field) => {
    if (field.name.value === 'nodes') return [field.selectionSet];
    if (field.name.value === 'edges') {
      return fieldsOf(field.selectionSet, info).filter((edgeField) => edgeField.name.value === 'node').map((node) => node.selectionSet);
    }
    return [];
  });
  return nodeSelections.some((selectionSet) => fieldsOf(selectionSet, info).some((field) => field.name.value === fieldName));
}
