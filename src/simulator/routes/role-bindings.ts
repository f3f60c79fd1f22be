// iam/v2 role bindings (the MDS service). Listing needs `crn_pattern`; reading an id that does
// not exist answers 403 in the service's own error shape, not 404.
import { crnQueryMatches, normalizeCrn } from '../crn-match.js';
import { invalidFilter } from '../errors.js';
import { pagedList, ROLE_BINDING_PAGES } from '../paging.js';
import type { RouteDefinition } from '../router.js';
import { listRoute, ok, optionalFilter, param, readRoute, requiredFilter, whereEquals } from './define.js';

const ROLE_BINDING_NOT_VISIBLE = {
  error_code: 40301,
  message: 'Either unauthorized to access role binding or role binding does not exist',
};

export const roleBindingRoutes: RouteDefinition[] = [
  listRoute('/iam/v2/role-bindings', ['crn_pattern', 'principal', 'role_name'], (context) => {
    const pattern = requiredFilter(context, 'crn_pattern');
    if (!normalizeCrn(pattern).startsWith('crn://')) {
      throw invalidFilter('crn_pattern', `crn_pattern must be a CRN starting with crn://, got '${pattern}'`);
    }
    const inScope = context.data.roleBindings.filter((binding) => crnQueryMatches(pattern, binding.crn_pattern ?? ''));
    const ofPrincipal = whereEquals(inScope, optionalFilter(context, 'principal'), (binding) => binding.principal);
    const items = whereEquals(ofPrincipal, optionalFilter(context, 'role_name'), (binding) => binding.role_name);
    return pagedList(context, { apiVersion: 'iam/v2', kind: 'RoleBindingList', items, limits: ROLE_BINDING_PAGES });
  }),
  readRoute('/iam/v2/role-bindings/{id}', [], (context) => {
    const binding = context.data.roleBindings.find((candidate) => candidate.id === param(context, 'id'));
    return binding ? ok(binding) : { status: 403, body: ROLE_BINDING_NOT_VISIBLE };
  }),
];
