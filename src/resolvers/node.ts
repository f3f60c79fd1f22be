import type { NodeResolvers, ResolversInterfaceTypes } from '../__generated__/resolvers-types.js';
import { productOf } from '../catalog/products.js';
import type { Context } from '../context.js';
import { PRODUCT_CODE } from './product.js';
import { roleByName } from './role.js';

type NodeParent = ResolversInterfaceTypes<Record<string, unknown>>['Node'];
type NodeTypeName =
  | 'Organization'
  | 'Workspace'
  | 'KafkaCluster'
  | 'User'
  | 'RoleBinding'
  | 'Role'
  | 'Product'
  | 'ApiKey'
  | 'IdentityProvider'
  | 'IdentityPool'
  | 'GroupMapping';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An API key's id has no prefix: 16 upper-case letters and digits, which no product code of Confluent's is. */
export const API_KEY_ID = /^[A-Z0-9]{16}$/;

// Confluent's id prefixes name the entity. A role's id is its name (`CloudClusterAdmin`) and a
// product's its code (`KAFKA`), which have none.
const TYPE_OF_ID_PREFIX: ReadonlyArray<readonly [string, NodeTypeName]> = [
  ['env-', 'Workspace'],
  ['lkc-', 'KafkaCluster'],
  ['u-', 'User'],
  ['sa-', 'User'],
  ['rb-', 'RoleBinding'],
  ['op-', 'IdentityProvider'],
  ['pool-', 'IdentityPool'],
  ['group-', 'GroupMapping'],
];

/** The type an id names, from its form alone: a role name and a product code look alike, so a role's is Role's. */
export function typeOfNodeId(id: string): NodeTypeName {
  if (UUID.test(id)) return 'Organization';
  if (API_KEY_ID.test(id)) return 'ApiKey';
  return TYPE_OF_ID_PREFIX.find(([prefix]) => id.startsWith(prefix))?.[1] ?? (PRODUCT_CODE.test(id) ? 'Product' : 'Role');
}

/** `node(id:)`: every id this graph hands out resolves through the same loaders as everything else. */
export async function resolveNode(id: string, context: Context): Promise<NodeParent | null> {
  const { loaders } = context;
  switch (typeOfNodeId(id)) {
    case 'Organization':
      return loaders.organizations.byId.load(id);
    case 'Workspace':
      return loaders.workspaces.byId.load(id);
    case 'KafkaCluster':
      return loaders.clusters.byId.load(id);
    case 'User':
      return loaders.users.byId.load(id);
    case 'RoleBinding':
      return loaders.roleBindings.byId.load(id);
    case 'Product':
      return productOf(id);
    case 'Role':
      return roleByName(id, context);
    case 'ApiKey':
      return loaders.apiKeys.byId.load(id);
    case 'IdentityProvider':
      return loaders.identities.providers.byId.load(id);
    case 'IdentityPool':
      return loaders.identities.poolById(id);
    case 'GroupMapping':
      return loaders.identities.groupMappings.byId.load(id);
  }
}

/** Which GraphQL type a Node parent is, told by the shape of the model the loaders returned. */
function typeOfParent(parent: NodeParent): NodeTypeName {
  if ('binding' in parent) return 'RoleBinding';
  if ('pool' in parent) return 'IdentityPool';
  if ('person' in parent || 'account' in parent) return 'User';
  if ('scopes' in parent) return 'Role';
  if ('code' in parent) return 'Product';
  // The rest are told apart by their ids' forms; an organization whose id is not a UUID is still one.
  const type = typeOfNodeId(parent.id);
  return type === 'Role' || type === 'Product' ? 'Organization' : type;
}

export const Node: NodeResolvers = {
  __resolveType: typeOfParent,
};
