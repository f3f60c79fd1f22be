import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import type { ValidationRule } from 'graphql';
import type { Context } from '../../context.js';
import { armorRules } from './armor-rules.js';
import { operationLimitsPlugin } from './operation-limits-plugin.js';
import { maxRootFieldsRule } from './root-fields-rule.js';

/** How large one GraphQL request may be; every limit is checked before any upstream call. */
export interface RequestLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
  /** Parser tokens per document. */
  maxTokens: number;
  /** The connection cost estimate (see connection-cost.ts). */
  maxConnectionCost: number;
  /** `_entities` representations per request. */
  maxEntityRepresentations: number;
  /** Distinct Costs API windows (≤31 days, each a billing call or more) per request. */
  maxCostWindows: number;
}

/** The Apollo Server options that enforce the limits. */
export function requestLimitOptions(limits: RequestLimits): {
  parseOptions: NonNullable<ApolloServerOptions<Context>['parseOptions']>;
  validationRules: ValidationRule[];
  plugin: ApolloServerPlugin<Context>;
} {
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [...armorRules(limits), maxRootFieldsRule(limits.maxRootFields)],
    plugin: operationLimitsPlugin(limits),
  };
}
