import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import type { RequestLimits } from './request-limits.js';
import { queryTooComplex, type LimitName } from './too-complex.js';

/** Reports a graphql-armor rejection as QUERY_TOO_COMPLEX instead of throwing out of validation. */
function reportAs(limit: LimitName) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        // Armor starts every rejection with "Syntax Error: ", which these are not.
        context?.reportError(queryTooComplex(error.message.replace(/^Syntax Error: /, ''), limit)),
    ],
  };
}

/** Depth, alias and directive limits: graphql-armor's validation rules. */
export function armorRules(limits: Pick<RequestLimits, 'maxDepth' | 'maxAliases' | 'maxDirectives'>): ValidationRule[] {
  return new ApolloArmor({
    // Fragments add no depth of their own: depth is how far the fields nest.
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ...reportAs('depth') },
    maxAliases: { n: limits.maxAliases, ...reportAs('aliases') },
    maxDirectives: { n: limits.maxDirectives, ...reportAs('directives') },
    // Apollo's own parser counts tokens (parseOptions.maxTokens); armor's plugin re-parses the
    // document and turns a syntax error into a 500.
    maxTokens: { enabled: false },
    // Cost is estimated from connection sizes instead (connection-cost.ts).
    costLimit: { enabled: false },
    // Apollo hides field suggestions itself in production (hideSchemaDetailsFromClientErrors).
    blockFieldSuggestion: { enabled: false },
  }).protect().validationRules;
}
