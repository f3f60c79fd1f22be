// The contract's flagship operation, read from ../shared when that folder is present, so tests that
// measure a realistic request run without it too.
import { contractOperations } from './contract.js';

export const FLAGSHIP_OPERATION = 'WorkspaceUsageAndAccess';

export const FLAGSHIP_DOCUMENT =
  contractOperations.get(FLAGSHIP_OPERATION) ??
  `query WorkspaceUsageAndAccess($period: DateRangeInput!) { workspaces(first: 100) { totalCount nodes { id name
      clusters(first: 100) { totalCount nodes { id name cloud region } }
      usage(period: $period, first: 100) { totalCount nodes { id amount product { id name } resource { id name } workspace { id } } }
      usageSummary(period: $period, groupBy: [PRODUCT]) { product { id } amount originalAmount discountAmount }
      roleBindings(first: 100) { totalCount nodes { id role { name } principal { id type name email } scope { level crnPattern } } } } } }`;
