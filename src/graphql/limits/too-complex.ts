import { GraphQLError, type ASTNode } from 'graphql';
import { ErrorCode } from '../errors.js';

/** Which limit a request went over, named in `extensions.limit`. */
export type LimitName =
  'depth' | 'aliases' | 'directives' | 'rootFields' | 'connectionCost' | 'entityRepresentations' | 'costWindows' | 'summaryGroups';

/** The error of a request over a limit: refused as a whole with 400, before anything runs. */
export function queryTooComplex(message: string, limit: LimitName, nodes?: readonly ASTNode[]): GraphQLError {
  return new GraphQLError(message, {
    nodes,
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit, http: { status: 400 } },
  });
}
