import type { Resolvers } from '../__generated__/resolvers-types.js';
import { AccessFinding } from './access-finding.js';
import { ApiKey, ApiKeyResource } from './api-key.js';
import { GroupMapping, IdentityPool, IdentityProvider } from './identity.js';
import { KafkaCluster } from './kafka-cluster.js';
import { Money } from './money.js';
import { Node } from './node.js';
import { Organization } from './organization.js';
import { Product } from './product.js';
import { Query } from './query.js';
import { Role } from './role.js';
import { RoleBinding, RoleBindingScope } from './role-binding.js';
import { Date, DateTime, Decimal } from './scalars.js';
import { Usage, UsageGroup, UsageResource } from './usage.js';
import { User } from './user.js';
import { Workspace } from './workspace.js';

export const resolvers = {
  Query,
  Node,
  Organization,
  User,
  Role,
  RoleBinding,
  RoleBindingScope,
  Workspace,
  KafkaCluster,
  Product,
  Usage,
  UsageGroup,
  UsageResource,
  Money,
  ApiKey,
  ApiKeyResource,
  IdentityProvider,
  IdentityPool,
  GroupMapping,
  AccessFinding,
  Date,
  DateTime,
  Decimal,
} satisfies Resolvers;
