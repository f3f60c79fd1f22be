/**
 * The operations GraphiQL opens with, one tab each: the public contract's operations, the flagship
 * first. Kept here, in the project, so the server needs nothing outside it; a test checks that they
 * stay the same as the contract's. A comment above an operation goes into its tab.
 */
export const EXAMPLE_OPERATIONS = /* GraphQL */ `
  # Cost and access of every environment, in one request.
  # The period is last month (end exclusive): change it below.
  query WorkspaceUsageAndAccess($period: DateRangeInput!) {
    workspaces(first: 100) {
      totalCount
      nodes {
        id
        name
        createdAt
        clusters(first: 100) {
          totalCount
          nodes {
            id
            name
            cloud
            region
          }
        }
        usage(period: $period, first: 100) {
          totalCount
          nodes {
            id
            product {
              id
              name
            }
            lineType
            amount
            originalAmount
            discountAmount
            quantity
            unit
            price
            startDate
            endDate
            resource {
              id
              name
            }
            workspace {
              id
            }
          }
        }
        usageSummary(period: $period, groupBy: [PRODUCT]) {
          product {
            id
          }
          amount
          originalAmount
          discountAmount
        }
        roleBindings(first: 100) {
          totalCount
          nodes {
            id
            role {
              name
            }
            principal {
              id
              type
              name
              email
            }
            scope {
              level
              crnPattern
            }
          }
        }
      }
    }
  }

  query Organizations {
    organizations(first: 10) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        id
        name
        createdAt
      }
    }
  }

  query DefaultOrganization {
    organization {
      id
      name
      workspaces(first: 100) {
        totalCount
        nodes {
          id
        }
      }
    }
  }

  # People first, then service accounts.
  # For the next page, put pageInfo.endCursor in "after".
  query Users($first: Int!, $after: String, $type: UserType) {
    users(first: $first, after: $after, filter: { type: $type }) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          id
          type
          name
          email
          status
          createdAt
        }
      }
    }
  }

  # Everything a person or service account may do.
  # Put an id from the Users tab in the variables.
  query UserAccess($id: ID!) {
    user(id: $id) {
      id
      type
      name
      email
      organization {
        id
      }
      roleBindings(first: 100) {
        totalCount
        nodes {
          id
          role {
            id
            name
          }
          scope {
            level
            crnPattern
            workspace {
              id
              name
            }
            cluster {
              id
            }
            resourceType
            resourceName
            patternType
          }
        }
      }
    }
  }

  query Roles {
    roles(first: 100) {
      totalCount
      nodes {
        id
        name
        description
        scopes
        roleBindings(first: 5) {
          totalCount
        }
      }
    }
  }

  query RoleBindings($first: Int!, $after: String, $roleName: String, $principalId: String) {
    roleBindings(first: $first, after: $after, filter: { roleName: $roleName, principalId: $principalId }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          principalId
          principalType
          principal {
            id
            type
            name
          }
          role {
            name
          }
          scope {
            level
            crnPattern
            workspace {
              id
            }
            cluster {
              id
            }
          }
        }
      }
    }
  }

  query Products($period: DateRangeInput!) {
    products(period: $period, first: 50) {
      totalCount
      nodes {
        id
        name
        usageSummary(period: $period, groupBy: [WORKSPACE]) {
          workspace {
            id
          }
          amount
        }
      }
    }
  }

  query UsageBreakdown($period: DateRangeInput!) {
    usageSummary(period: $period, groupBy: [WORKSPACE, PRODUCT]) {
      workspace {
        id
      }
      product {
        id
      }
      amount
      originalAmount
      discountAmount
    }
  }

  # Cost per month and environment, exact (amounts are decimal strings).
  # The period is the last three full months (end exclusive).
  query CostTrend($period: DateRangeInput!) {
    usageSummary(period: $period, groupBy: [MONTH, WORKSPACE]) {
      month
      workspace {
        id
      }
      cost {
        amount
        currencyCode
      }
      listCost {
        amount
      }
      discount {
        amount
      }
      lineItemCount
    }
  }

  query Usage($period: DateRangeInput!, $first: Int!, $after: String, $workspaceId: ID, $productId: ID) {
    usage(period: $period, first: $first, after: $after, filter: { workspaceId: $workspaceId, productId: $productId }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        product {
          id
        }
        lineType
        amount
        startDate
        endDate
        resource {
          id
        }
        workspace {
          id
        }
      }
    }
  }

  # Any id this graph hands out: an org UUID, env-, u-, sa-, rb-,
  # lkc-, a role name or a product code.
  query NodeLookup($id: ID!) {
    node(id: $id) {
      __typename
      id
    }
  }

  # What a router sends to join entities across subgraphs.
  # User is keyed by id and by email.
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on User {
        id
        name
        email
        type
      }
      ... on Workspace {
        id
        name
      }
      ... on Organization {
        id
        name
      }
      ... on Role {
        id
        name
      }
      ... on Product {
        id
        name
      }
    }
  }

  # This subgraph's SDL, as composition tools read it.
  query ServiceSdl {
    _service {
      sdl
    }
  }

  # An access review of the whole organization, most severe first. With an activity
  # period, principals with Kafka access but no Kafka traffic are found too (the
  # Metrics API keeps about the last 7 days).
  query AccessFindings($first: Int!, $after: String, $activityPeriod: DateRangeInput) {
    accessFindings(first: $first, after: $after, maxKeyAgeDays: 90, activityPeriod: $activityPeriod) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        kind
        severity
        summary
        principalId
        user {
          id
        }
        identityPool {
          id
        }
        groupMapping {
          id
        }
        roleBinding {
          id
        }
        apiKey {
          id
        }
      }
    }
  }

  # API keys and their owners (never their secrets); filter by owner or environment.
  query ApiKeys($first: Int!, $after: String, $ownerId: String, $workspaceId: ID) {
    apiKeys(first: $first, after: $after, filter: { ownerId: $ownerId, workspaceId: $workspaceId }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        description
        ownerId
        owner {
          id
          type
          name
        }
        resource {
          id
          kind
          workspace {
            id
          }
          cluster {
            id
          }
        }
        createdAt
      }
    }
  }

  # Identity providers with their pools, and SSO group mappings, with the roles they hold.
  query Identities {
    identityProviders(first: 100) {
      totalCount
      nodes {
        id
        name
        issuer
        state
        identityPools(first: 100) {
          totalCount
          nodes {
            id
            name
            identityClaim
            filter
            state
            roleBindings(first: 100) {
              totalCount
              nodes {
                id
                role {
                  name
                }
              }
            }
          }
        }
      }
    }
    groupMappings(first: 100) {
      totalCount
      nodes {
        id
        name
        filter
        state
        roleBindings(first: 100) {
          totalCount
          nodes {
            id
            role {
              name
            }
            scope {
              level
            }
          }
        }
      }
    }
  }

  # One person's or service account's keys, roles and Kafka traffic: put a u- or sa- id below.
  query PrincipalAccess($id: ID!, $period: DateRangeInput!) {
    user(id: $id) {
      id
      type
      name
      apiKeys(first: 100) {
        totalCount
        nodes {
          id
          resource {
            kind
          }
          createdAt
        }
      }
      roleBindings(first: 100) {
        totalCount
        nodes {
          id
          role {
            name
          }
          scope {
            level
            crnPattern
          }
        }
      }
      activity(period: $period) {
        activeDays
        lastActiveOn
        requestBytes
        responseBytes
      }
    }
  }

  # Who can act on a Kafka cluster (organization, environment and cluster roles) and its keys:
  # put an lkc- id below.
  query ClusterAccess($id: ID!) {
    node(id: $id) {
      ... on KafkaCluster {
        id
        effectiveRoleBindings(first: 100) {
          totalCount
          nodes {
            id
            principalId
            principalType
            role {
              name
            }
            scope {
              level
            }
            identityPool {
              id
            }
            groupMapping {
              id
            }
          }
        }
        apiKeys(first: 100) {
          totalCount
          nodes {
            id
            ownerId
          }
        }
      }
    }
  }

  # Last month's cost by who caused it: each Kafka cluster's daily cost split among the principals
  # by their request and response bytes that day; the rest stays unallocated (principalId null).
  query Chargeback($period: DateRangeInput!) {
    usageSummary(period: $period, groupBy: [PRINCIPAL]) {
      principalId
      user {
        id
        type
        name
      }
      identityPool {
        id
      }
      cost {
        amount
        currencyCode
      }
    }
  }
`;
