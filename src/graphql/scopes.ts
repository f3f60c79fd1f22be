// The subgraph enforces the `@requiresScopes` of its own SDL, as a router does at the edge: a field
// the caller's scopes do not cover is null with a FORBIDDEN error at its path, before its resolver
// (and so any upstream call) runs. Callers without token scopes (only the router's secret, or no
// authentication) are not checked: the router, or nobody, decides for them.
import {
  defaultFieldResolver,
  GraphQLError,
  Kind,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type ConstDirectiveNode,
  type TypeNode,
} from 'graphql';
import type { Context } from '../context.js';
import { ErrorCode } from './errors.js';

/** Alternatives, each a set of scopes that must all be held (Federation's `[[A, B], [C]]`). */
export type ScopeRequirement = readonly (readonly string[])[];

const NONE: ScopeRequirement = [[]];

function scopesOf(directives: readonly ConstDirectiveNode[] | undefined): ScopeRequirement {
  const directive = directives?.find((candidate) => candidate.name.value === 'requiresScopes');
  const argument = directive?.arguments?.find((candidate) => candidate.name.value === 'scopes');
  if (argument?.value.kind !== Kind.LIST) return NONE;
  return argument.value.values.map((alternative) =>
    alternative.kind === Kind.LIST ? alternative.values.flatMap((scope) => (scope.kind === Kind.STRING ? [scope.value] : [])) : [],
  );
}

/** Both requirements: every alternative of one joined with every alternative of the other. */
function both(left: ScopeRequirement, right: ScopeRequirement): ScopeRequirement {
  return left.flatMap((some) => right.map((other) => [...new Set([...some, ...other])]));
}

export function allows(scopes: readonly string[], requirement: ScopeRequirement): boolean {
  return requirement.some((alternative) => alternative.every((scope) => scopes.includes(scope)));
}

const namedTypeOf = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type));

/** What the SDL requires: of each type as a whole, and of each field (its own, its type's and its result's). */
function scopeRequirements(typeDefs: DocumentNode): { types: Map<string, ScopeRequirement>; fields: Map<string, ScopeRequirement> } {
  const types = new Map<string, ScopeRequirement>();
  const definitions = typeDefs.definitions.filter(
    (definition) => definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION,
  );
  for (const definition of definitions) {
    types.set(definition.name.value, both(types.get(definition.name.value) ?? NONE, scopesOf(definition.directives)));
  }
  const fields = new Map<string, ScopeRequirement>();
  for (const definition of definitions) {
    for (const field of definition.fields ?? []) {
      const ofType = types.get(definition.name.value) ?? NONE;
      const ofResult = types.get(namedTypeOf(field.type)) ?? NONE;
      const requirement = both(both(ofType, ofResult), scopesOf(field.directives));
      if (requirement.some((alternative) => alternative.length > 0))
        fields.set(`${definition.name.value}.${field.name.value}`, requirement);
    }
  }
  return { types, fields };
}

/** Whether a caller may read `Type.field`: for work started ahead of the field's own resolver. */
export function fieldAccess(typeDefs: DocumentNode): (scopes: readonly string[] | undefined, path: string) => boolean {
  const { fields } = scopeRequirements(typeDefs);
  return (scopes, path) => scopes === undefined || allows(scopes, fields.get(path) ?? NONE);
}

export function forbidden(requirement: ScopeRequirement): GraphQLError {
  const needed = requirement.map((alternative) => alternative.join(' and ')).join(', or ');
  return new GraphQLError(`The caller's token lacks the scopes this needs: ${needed}`, { extensions: { code: ErrorCode.FORBIDDEN } });
}

type Resolvers = Record<string, Record<string, unknown>>;

/**
 * The resolvers with every scoped field, and every scoped entity's reference resolver, checking the
 * caller's scopes first; fields without a resolver of their own get the default one behind the check.
 */
export function scopedResolvers<R extends object>(
  typeDefs: DocumentNode,
  resolvers: R,
  typeOfNodeId: (id: string) => string | undefined,
): R {
  const { types, fields } = scopeRequirements(typeDefs);
  const scoped: Resolvers = Object.fromEntries(Object.entries(resolvers).map(([type, map]) => [type, { ...map }]));
  const assertAllowed = ({ caller }: Context, requirement: ScopeRequirement): void => {
    if (caller.scopes !== undefined && !allows(caller.scopes, requirement)) throw forbidden(requirement);
  };
  const check =
    <A extends unknown[], T>(requirement: ScopeRequirement, resolve: (...args: A) => T, contextAt: number) =>
    (...args: A): T => {
      assertAllowed(args[contextAt] as Context, requirement);
      return resolve(...args);
    };
  for (const [path, requirement] of fields) {
    const [type = '', field = ''] = path.split('.');
    const ofType = (scoped[type] ??= {});
    const resolve = (ofType[field] as GraphQLFieldResolver<unknown, Context> | undefined) ?? defaultFieldResolver;
    ofType[field] = check(requirement, resolve, 2);
  }
  // What reading an entity of a type needs: its own scopes, or those of its id (User's are on its fields).
  const entityRequirement = (type: string) => both(types.get(type) ?? NONE, fields.get(`${type}.id`) ?? NONE);
  for (const type of types.keys()) {
    const reference = scoped[type]?.__resolveReference as ((reference: unknown, context: Context) => unknown) | undefined;
    const requirement = entityRequirement(type);
    if (!reference || !requirement.some((alternative) => alternative.length > 0)) continue;
    // Refused as a rejection, so one representation fails alone, not every other of `_entities`.
    const guarded = check(requirement, reference, 1);
    scoped[type]!.__resolveReference = async (representation: unknown, context: Context) => guarded(representation, context);
  }
  // `node(id:)` answers whatever type the id names: that type's scopes are checked from the id
  // alone, before anything is read.
  const node = scoped.Query?.node as GraphQLFieldResolver<unknown, Context, { id: string }> | undefined;
  if (node) {
    scoped.Query!.node = (parent: unknown, args: { id: string }, context: Context, info: GraphQLResolveInfo) => {
      assertAllowed(context, entityRequirement(typeOfNodeId(args.id) ?? ''));
      return node(parent, args, context, info);
    };
  }
  return scoped as R;
}
