import {
  Kind,
  getArgumentValues,
  getNamedType,
  isInterfaceType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../connections.js';
import { fragmentsOf } from '../selected-fields.js';

/**
 * Connections whose items, over all parents of one list, are distinct items of one
 * organization-wide listing: a pool belongs to one provider, a binding to one principal, a key to one
 * owner. Together they show at most that listing, so their count stops at `PARTITION_CAP` however
 * many parents ask: the listing is read whole anyway.
 */
const PARTITIONED_CONNECTIONS = new Set([
  'IdentityProvider.identityPools',
  'IdentityPool.roleBindings',
  'GroupMapping.roleBindings',
  'User.roleBindings',
  'User.apiKeys',
  'KafkaCluster.apiKeys',
]);
/** Of the order of Confluent's per-organization quotas (service accounts, role bindings, API keys). */
export const PARTITION_CAP = 10_000;

/**
 * How many nodes an operation may ask for, estimated before it runs, as GitHub's API does: each
 * connection counts its `first` (the default page size when absent) times the `first` of every
 * connection above it, and the counts are summed; a partitioned connection (above) counts at most
 * `PARTITION_CAP`. `_entities` counts as a list of its representations. As in execution, a fragment
 * spread twice into one selection counts once; fields repeated under one response key count each
 * time, so the estimate is an upper bound.
 */
export function connectionCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const fragments = fragmentsOf(document);
  // A fragment's cost for a number of parents, worked out once however often it is spread.
  const fragmentCosts = new Map<string, number>();

  const selectionCost = (
    selectionSet: SelectionSetNode,
    parentType: GraphQLNamedType | undefined,
    parents: number,
    spread: Set<string> = new Set(),
  ): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += fieldCost(selection, parentType, parents);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        cost += selectionCost(selection.selectionSet, type ?? undefined, parents, spread);
      } else if (!spread.has(selection.name.value)) {
        spread.add(selection.name.value);
        cost += fragmentCost(selection.name.value, parents);
      }
    }
    return cost;
  };

  const fragmentCost = (name: string, parents: number): number => {
    const key = `${name}:${parents}`;
    const known = fragmentCosts.get(key);
    if (known !== undefined) return known;
    const definition = fragments.get(name);
    if (!definition) return 0;
    fragmentCosts.set(key, 0); // a cycle, which validation refuses anyway, ends here
    const type = schema.getType(definition.typeCondition.name.value) ?? undefined;
    const cost = selectionCost(definition.selectionSet, type, parents, new Set([name]));
    fragmentCosts.set(key, cost);
    return cost;
  };

  /** The nodes a field adds for `parents` objects that select it, with what they select. */
  const fieldCost = (node: FieldNode, parentType: GraphQLNamedType | undefined, parents: number): number => {
    const field = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[node.name.value] : undefined;
    if (!field) return 0;
    const size = listSize(field, node, variables);
    const partitioned = PARTITIONED_CONNECTIONS.has(`${parentType!.name}.${field.name}`);
    const items = size === undefined ? 0 : partitioned ? Math.min(parents * size, PARTITION_CAP) : parents * size;
    const nested = node.selectionSet ? selectionCost(node.selectionSet, getNamedType(field.type), size === undefined ? parents : items) : 0;
    return items + nested;
  };

  return selectionCost(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, 1);
}

/** How many items a field returns at most, for connections and `_entities`; undefined for other fields. */
function listSize(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): number | undefined {
  const isConnection = field.args.some((argument) => argument.name === 'first');
  if (!isConnection && field.name !== '_entities') return undefined;
  const args = getArgumentValues(field, node, variables);
  if (!isConnection) return Array.isArray(args.representations) ? args.representations.length : 1;
  return typeof args.first === 'number' && args.first > 0 ? args.first : DEFAULT_PAGE_SIZE;
}
