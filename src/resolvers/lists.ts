// The lists this graph pages through: a name that cursors carry (so a cursor of one list is refused
// by another) and the id that a cursor remembers.
import type { UsageLine } from '../usage/usage-line.js';
import type {
  AccessFindingMapper,
  ApiKeyMapper,
  GroupMappingMapper,
  IdentityPoolMapper,
  IdentityProviderMapper,
  KafkaClusterMapper,
  OrganizationMapper,
  ProductMapper,
  RoleBindingMapper,
  RoleMapper,
  UserMapper,
  WorkspaceMapper,
} from './mappers.js';

export const LISTS = {
  organizations: { kind: 'organizations', idOf: (org: OrganizationMapper) => org.id },
  users: { kind: 'users', idOf: (user: UserMapper) => user.id },
  roles: { kind: 'roles', idOf: (role: RoleMapper) => role.name },
  roleBindings: { kind: 'role-bindings', idOf: (record: RoleBindingMapper) => record.binding.id },
  workspaces: { kind: 'workspaces', idOf: (workspace: WorkspaceMapper) => workspace.id },
  clusters: { kind: 'clusters', idOf: (cluster: KafkaClusterMapper) => cluster.id },
  products: { kind: 'products', idOf: (product: ProductMapper) => product.code },
  usage: { kind: 'usage', idOf: (line: UsageLine) => line.id },
  apiKeys: { kind: 'api-keys', idOf: (key: ApiKeyMapper) => key.id },
  identityProviders: { kind: 'identity-providers', idOf: (provider: IdentityProviderMapper) => provider.id },
  identityPools: { kind: 'identity-pools', idOf: (record: IdentityPoolMapper) => record.pool.id },
  groupMappings: { kind: 'group-mappings', idOf: (mapping: GroupMappingMapper) => mapping.id },
  accessFindings: { kind: 'access-findings', idOf: (finding: AccessFindingMapper) => finding.id },
} as const;
