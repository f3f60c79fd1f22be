// The queries the benchmark sends. The flagship is the contract's WorkspaceUsageAndAccess.
export const FLAGSHIP = `query WorkspaceUsageAndAccess($period: DateRangeInput!) {
  workspaces(first: 100) {
    totalCount
    nodes {
      id name createdAt
      clusters(first: 100) { totalCount nodes { id name cloud region } }
      usage(period: $period, first: 100) {
        totalCount
        nodes {
          id product { id name } lineType amount originalAmount discountAmount quantity unit price
          startDate endDate resource { id name } workspace { id }
        }
      }
      usageSummary(period: $period, groupBy: [PRODUCT]) { product { id } amount originalAmount discountAmount }
      roleBindings(first: 100) {
        totalCount
        nodes { id role { name } principal { id type name email } scope { level crnPattern } }
      }
    }
  }
}`;

/** The contract's AccessFindings, every finding on one page (the benchmark organization has fewer than 100). */
export const ACCESS_FINDINGS = `query AccessFindings($first: Int!, $after: String, $activityPeriod: DateRangeInput) {
  accessFindings(first: $first, after: $after, maxKeyAgeDays: 90, activityPeriod: $activityPeriod) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id kind severity summary principalId user { id } identityPool { id } groupMapping { id } roleBinding { id } apiKey { id } }
  }
}`;

/** The inactive principals alone. */
export const INACTIVE_FINDINGS = `query Inactive($activityPeriod: DateRangeInput) {
  accessFindings(filter: { kinds: [INACTIVE_PRINCIPAL] }, activityPeriod: $activityPeriod) { totalCount }
}`;

/** The contract's Chargeback: a period's cost by the principal that caused it. */
export const CHARGEBACK = `query Chargeback($period: DateRangeInput!) {
  usageSummary(period: $period, groupBy: [PRINCIPAL]) { principalId user { id type name } identityPool { id } cost { amount currencyCode } }
}`;

export const SMALL = `query Small { organization { id name } }`;

export const USERS_PAGE = `query UsersPage($after: String) {
  users(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id name email type } }
}`;

export const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on User { id name email type } }
}`;

/** A year of the organization's cost by workspace, with the workspaces' names: twelve 31-day windows of cost lines. */
export const YEAR_BY_WORKSPACE = `query YearByWorkspace($period: DateRangeInput!) {
  usageSummary(period: $period, groupBy: [WORKSPACE]) { workspace { id name } amount lineItemCount }
}`;
