import type { ConfluentClient } from './client.js';

/**
 * The reads the graph makes of Confluent: what the loaders depend on. The client implements them,
 * and so does the shared cache in front of it.
 */
export type ConfluentReads = Pick<
  ConfluentClient,
  | 'listOrganizations'
  | 'listEnvironments'
  | 'listUsers'
  | 'getUser'
  | 'listServiceAccounts'
  | 'getServiceAccount'
  | 'listInvitations'
  | 'listRoleBindings'
  | 'getRoleBinding'
  | 'listClusters'
  | 'listCosts'
  | 'listApiKeys'
  | 'getApiKey'
  | 'listIdentityProviders'
  | 'listIdentityPools'
  | 'listGroupMappings'
  | 'queryKafkaTraffic'
>;
