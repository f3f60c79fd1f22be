// What each GraphQL type's resolvers receive as their parent: the upstream model as Confluent sent
// it (or a thin wrapper naming which model it is). Codegen's `mappers` point here (codegen.ts).
import type { ProductRecord } from '../catalog/products.js';
import type { RoleDefinition } from '../catalog/roles.js';
import type { AccessFindingRecord } from '../loaders/access-facts.js';
import type { PrincipalActivity } from '../access/traffic.js';
import type {
  ApiKey,
  EnvScopedObjectReference,
  Environment,
  GroupMapping,
  IdentityProvider,
  KafkaCluster,
  Organization,
} from '../confluent/types.js';
import type { IdentityPoolRecord } from '../loaders/identities.js';
import type { Connection, Edge } from '../graphql/connections.js';
import type { RoleBindingRecord } from '../loaders/role-bindings.js';
import type { DirectoryUser } from '../loaders/users.js';
import type { UsageGroupRecord } from '../usage/summary.js';
import type { UsageLine } from '../usage/usage-line.js';

export type OrganizationMapper = Organization;
export type OrganizationConnectionMapper = Connection<OrganizationMapper>;
export type OrganizationEdgeMapper = Edge<OrganizationMapper>;

export type UserMapper = DirectoryUser;
export type UserConnectionMapper = Connection<UserMapper>;
export type UserEdgeMapper = Edge<UserMapper>;

export type RoleMapper = RoleDefinition;
export type RoleConnectionMapper = Connection<RoleMapper>;
export type RoleEdgeMapper = Edge<RoleMapper>;

export type RoleBindingMapper = RoleBindingRecord;
export type RoleBindingConnectionMapper = Connection<RoleBindingMapper>;
export type RoleBindingEdgeMapper = Edge<RoleBindingMapper>;
export type RoleBindingScopeMapper = RoleBindingRecord;

export type WorkspaceMapper = Environment;
export type WorkspaceConnectionMapper = Connection<WorkspaceMapper>;
export type WorkspaceEdgeMapper = Edge<WorkspaceMapper>;

export type KafkaClusterMapper = KafkaCluster;
export type KafkaClusterConnectionMapper = Connection<KafkaClusterMapper>;
export type KafkaClusterEdgeMapper = Edge<KafkaClusterMapper>;

export type ProductMapper = ProductRecord;
export type ProductConnectionMapper = Connection<ProductMapper>;
export type ProductEdgeMapper = Edge<ProductMapper>;

export type UsageMapper = UsageLine;
export type UsageConnectionMapper = Connection<UsageMapper>;
export type UsageEdgeMapper = Edge<UsageMapper>;
export type UsageGroupMapper = UsageGroupRecord;
/** A billed resource as a cost line or a summary group names it. */
export interface UsageResourceMapper {
  id: string;
  name: string | null;
}
/** An amount in integer micro-dollars: turned into a Decimal only if a client asks for it. */
export type MoneyMapper = number;

export type ApiKeyMapper = ApiKey;
export type ApiKeyConnectionMapper = Connection<ApiKeyMapper>;
export type ApiKeyEdgeMapper = Edge<ApiKeyMapper>;
export type ApiKeyResourceMapper = EnvScopedObjectReference;

export type IdentityProviderMapper = IdentityProvider;
export type IdentityProviderConnectionMapper = Connection<IdentityProviderMapper>;
export type IdentityProviderEdgeMapper = Edge<IdentityProviderMapper>;

export type IdentityPoolMapper = IdentityPoolRecord;
export type IdentityPoolConnectionMapper = Connection<IdentityPoolMapper>;
export type IdentityPoolEdgeMapper = Edge<IdentityPoolMapper>;

export type GroupMappingMapper = GroupMapping;
export type GroupMappingConnectionMapper = Connection<GroupMappingMapper>;
export type GroupMappingEdgeMapper = Edge<GroupMappingMapper>;

export type AccessFindingMapper = AccessFindingRecord;
export type AccessFindingConnectionMapper = Connection<AccessFindingMapper>;
export type AccessFindingEdgeMapper = Edge<AccessFindingMapper>;

export type PrincipalActivityMapper = PrincipalActivity;
