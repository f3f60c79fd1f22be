import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import { fieldsOf } from './selected-fields.js';

type Fragments = Record<string, FragmentDefinitionNode>;

function fieldsIn(selectionSet: SelectionSetNode | undefined, fragments: Fragments): FieldNode[] {
  return selectionSet ? [...fieldsOf(selectionSet, (name) => fragments[name])] : [];
}

/**
 * The `fieldName` fields that a connection's nodes (`nodes { … }` or `edges { node { … } }`)
 * select, given the connection's own field nodes.
 */
export function selectedOnNodes(connection: readonly FieldNode[], fragments: Fragments, fieldName: string): FieldNode[] {
  const nodeSelections = connection
    .flatMap((node) => fieldsIn(node.selectionSet, fragments))
    .flatMap((field) => {
      if (field.name.value === 'nodes') return [field.selectionSet];
      if (field.name.value === 'edges')
        return fieldsIn(field.selectionSet, fragments)
          .filter((edge) => edge.name.value === 'node')
          .map((node) => node.selectionSet);
      return [];
    });
  return nodeSelections.flatMap((selectionSet) => fieldsIn(selectionSet, fragments).filter((field) => field.name.value === fieldName));
}

/**
 * Whether a connection field's nodes select `fieldName`, so a resolver can start reads that field
 * will need before it runs.
 */
export function connectionNodesSelect(info: GraphQLResolveInfo, fieldName: string): boolean {
  return selectedOnNodes(info.fieldNodes, info.fragments, fieldName).length > 0;
}

/** Whether a field's own selection (a list of objects, say) selects `fieldName`. */
export function selects(info: GraphQLResolveInfo, fieldName: string): boolean {
  return info.fieldNodes.some((node) => [...fieldsIn(node.selectionSet, info.fragments)].some((field) => field.name.value === fieldName));
}

/** Whether `@skip` and `@include` on the field itself let it run. */
export function isIncluded(field: FieldNode, variables: GraphQLResolveInfo['variableValues']): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, field, variables)?.['if'] === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, field, variables)?.['if'] !== false;
}
