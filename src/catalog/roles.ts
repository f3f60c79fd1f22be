// Confluent Cloud's predefined RBAC roles. No public API lists roles to a Cloud API key, so the
// catalog is kept by hand from Confluent's documentation: "Predefined RBAC Roles in Confluent
// Cloud" (docs.confluent.io/cloud/current/security/access-control/rbac/predefined-rbac-roles.html),
// with the Flink, connector, Unified Stream Manager and SSO pages it links to.
// Scopes are the levels a binding can sit at, as parseCrn reads its crn_pattern: ksqlDB clusters,
// compute pools, connectors and service accounts sit below a container, so they are RESOURCE.

import type { ScopeLevel } from '../confluent/crn.js';

export interface RoleDefinition {
  name: string;
  description: string;
  scopes: ScopeLevel[];
}

const DEFINITIONS: RoleDefinition[] = [
  {
    name: 'AccountAdmin',
    description: 'Manages the identities of the organization: user accounts and invitations, service accounts and identity pools.',
    scopes: ['ORGANIZATION'],
  },
  {
    name: 'Assigner',
    description:
      'Bound to one service account, it lets the principal hand work to that account, such as running Flink statements as it, ' +
      'without owning or administering the account.',
    scopes: ['RESOURCE'],
  },
  {
    name: 'BillingAdmin',
    description: 'Views and manages billing for the organization: payment details, invoices, costs and promotional credits.',
    scopes: ['ORGANIZATION'],
  },
  {
    name: 'CloudClusterAdmin',
    description:
      'Full control of one Kafka cluster and what runs in it: topics, consumer groups, ACLs, connectors, ksqlDB and cluster links, ' +
      'including granting roles inside the cluster.',
    scopes: ['CLUSTER'],
  },
  {
    name: 'ConnectManager',
    description: 'Monitors fully managed connectors and pauses or resumes them, without creating or deleting them.',
    scopes: ['RESOURCE'],
  },
  {
    name: 'DataDiscovery',
    description:
      'Uses the Stream Governance tools (Data Portal, Schema Registry, Stream Catalog and Stream Lineage) ' +
      'to find and understand data; SSO users receive it by default.',
    scopes: ['ORGANIZATION', 'WORKSPACE'],
  },
  {
    name: 'DataSteward',
    description:
      'Governs the data of an environment: manages schemas and Schema Registry settings, data contracts and rules, ' +
      'and the tags and business metadata of the Stream Catalog.',
    scopes: ['WORKSPACE'],
  },
  {
    name: 'DeveloperManage',
    description:
      'Creates, configures and deletes the resources it is bound to (topics, consumer groups, subjects, connectors) ' +
      'without reading or writing their data.',
    scopes: ['RESOURCE'],
  },
  {
    name: 'DeveloperRead',
    description:
      'Reads the resources it is bound to: consumes from topics, commits offsets for consumer groups and reads schemas of subjects.',
    scopes: ['RESOURCE'],
  },
  {
    name: 'DeveloperWrite',
    description: 'Writes to the resources it is bound to: produces to topics, uses transactional ids and registers schemas under subjects.',
    scopes: ['RESOURCE'],
  },
  {
    name: 'EnvironmentAdmin',
    description:
      'Full control of one environment: its Kafka clusters, Schema Registry, connectors, ksqlDB and Flink, ' +
      'including granting roles inside the environment.',
    scopes: ['WORKSPACE'],
  },
  {
    name: 'FlinkAdmin',
    description: 'Everything FlinkDeveloper can do, plus creating, resizing and deleting Flink compute pools.',
    scopes: ['WORKSPACE'],
  },
  {
    name: 'FlinkDeveloper',
    description:
      'Creates, runs and deletes Flink SQL statements in existing compute pools and manages its own workspaces; ' +
      'bound to one compute pool it is limited to that pool. SSO users receive it by default.',
    scopes: ['ORGANIZATION', 'WORKSPACE', 'RESOURCE'],
  },
  {
    name: 'FlinkFunctionDeveloper',
    description:
      'Manages the artifacts of Flink user-defined functions and the connections to outside systems they use, ' +
      'with no access to statements or compute pools.',
    scopes: ['WORKSPACE'],
  },
  {
    name: 'KsqlAdmin',
    description: 'Full control of one ksqlDB cluster: its queries, streams and tables, and the API keys that reach it.',
    scopes: ['RESOURCE'],
  },
  {
    name: 'MetricsViewer',
    description: 'Reads the Metrics API for the clusters in its scope and lets monitoring tools import those metrics; no other access.',
    scopes: ['ORGANIZATION', 'WORKSPACE', 'CLUSTER'],
  },
  {
    name: 'NetworkAdmin',
    description: 'Manages networking: networks, peering, private links, transit gateways, access points and DNS records.',
    scopes: ['ORGANIZATION', 'WORKSPACE'],
  },
  {
    name: 'Operator',
    description:
      'Read-only operations access: describes resources and their metadata, views metrics, lineage and who has access, ' +
      'but reads no messages and changes nothing.',
    scopes: ['ORGANIZATION', 'WORKSPACE', 'CLUSTER'],
  },
  {
    name: 'OrganizationAdmin',
    description:
      'Full control of the organization: every environment, cluster and resource in it, its identities, billing and role bindings.',
    scopes: ['ORGANIZATION'],
  },
  {
    name: 'ResourceKeyAdmin',
    description:
      'Manages the resource-scoped API keys of the clusters (Kafka, ksqlDB, Schema Registry) and Flink regions of the organization, ' +
      'though not keys for itself.',
    scopes: ['ORGANIZATION'],
  },
  {
    name: 'ResourceOwner',
    description:
      'Full control of the resources it is bound to (topics, consumer groups, transactional ids, subjects, connectors, service accounts), ' +
      'including their data and granting others access to them.',
    scopes: ['RESOURCE'],
  },
  {
    name: 'UsmAgent',
    description:
      'Lets the Unified Stream Manager agent register Confluent Platform clusters in an environment and report their metadata and metrics.',
    scopes: ['WORKSPACE'],
  },
  {
    name: 'UsmClusterAdmin',
    description: 'Full administrative access to one Confluent Platform Kafka or Connect cluster registered with Unified Stream Manager.',
    scopes: ['CLUSTER'],
  },
  {
    name: 'UsmOperator',
    description:
      'Read-only view of Confluent Platform clusters registered with Unified Stream Manager, for one cluster or a whole environment.',
    scopes: ['WORKSPACE', 'CLUSTER'],
  },
];

const byName = (a: RoleDefinition, b: RoleDefinition): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export const ROLE_CATALOG: readonly RoleDefinition[] = [...DEFINITIONS].sort(byName);

const ROLE_BY_NAME = new Map(ROLE_CATALOG.map((role) => [role.name, role]));
const ROLE_BY_LOWER_CASE_NAME = new Map(ROLE_CATALOG.map((role) => [role.name.toLowerCase(), role]));

/** The exact role name first; Confluent's own pages spell a few names differently in case (USMAgent). */
export function findRole(name: string): RoleDefinition | undefined {
  return ROLE_BY_NAME.get(name) ?? ROLE_BY_LOWER_CASE_NAME.get(name.toLowerCase());
}

/** Role names are an open set: a binding may name a role this catalog has not met. */
export function roleFromUnknownName(name: string): RoleDefinition {
  return { name, description: 'A role this catalog does not describe yet.', scopes: [] };
}
