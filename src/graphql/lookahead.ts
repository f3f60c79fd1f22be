import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { fieldsOf } from './selected-fields.js';

/**
 * Whether a connection field's nodes (`nodes { … }` or `edges { node { … } }`) select `fieldName`,
 * so a resolver can start reads that field will need before it runs.
 */
export function connectionNodesSelect(info: GraphQLResolveInfo, fieldName: string): boolean {
  const fragment = (name: string) => info.fragments[name];
  const fields = (selectionSet: SelectionSetNode | undefined) => (selectionSet ? [...fieldsOf(selectionSet, fragment)] : []);
  const nodeSelections = info.fieldNodes.flatMap((node) => fields(node.selectionSet)).flatMap((field) => {
    if (field.name.value === 'nodes') return [field.selectionSet];
    if (field.name.value === 'edges') return fields(field.selectionSet).filter((edge) => edge.name.value === 'node').map((node) => node.selectionSet);
    return [];
  });
  return nodeSelections.some((selectionSet) => fields(selectionSet).some((field) => field.name.value === fieldName));
}
