// Federated identities: identity providers and their pools (identity-provider-v2), and SSO group
// mappings (sso-v2). A missing provider or pool answers 404 in the older `error_code` shape.
import { notFound, type Reply } from '../errors.js';
import { pagedList, STANDARD_PAGES } from '../paging.js';
import type { RequestContext, RouteDefinition } from '../router.js';
import { listRoute, ok, param, readRoute } from './define.js';

function identityNotFound(context: RequestContext, what: string): Reply {
  return {
    status: 404,
    body: { error_code: 404, message: `${what} not found or disabled for Organization ${context.data.organization.id}` },
  };
}

export const identityRoutes: RouteDefinition[] = [
  listRoute('/iam/v2/identity-providers', [], (context) => {
    const items = context.data.identityProviders;
    return pagedList(context, { apiVersion: 'iam/v2', kind: 'IdentityProviderList', items, limits: STANDARD_PAGES });
  }),
  readRoute('/iam/v2/identity-providers/{id}', [], (context) => {
    const id = param(context, 'id');
    const provider = context.data.identityProviders.find((candidate) => candidate.id === id);
    return provider ? ok(provider) : identityNotFound(context, `Identity Provider ${id}`);
  }),
  listRoute('/iam/v2/identity-providers/{provider_id}/identity-pools', [], (context) => {
    const providerId = param(context, 'provider_id');
    const pools = context.data.identityPools[providerId];
    if (!pools) return identityNotFound(context, `Identity Provider ${providerId}`);
    return pagedList(context, { apiVersion: 'iam/v2', kind: 'IdentityPoolList', items: pools, limits: STANDARD_PAGES });
  }),
  readRoute('/iam/v2/identity-providers/{provider_id}/identity-pools/{id}', [], (context) => {
    const providerId = param(context, 'provider_id');
    const pools = context.data.identityPools[providerId];
    if (!pools) return identityNotFound(context, `Identity Provider ${providerId}`);
    const id = param(context, 'id');
    const pool = pools.find((candidate) => candidate.id === id);
    return pool ? ok(pool) : identityNotFound(context, `Identity Pool ${id}`);
  }),
  listRoute('/iam/v2/sso/group-mappings', [], (context) =>
    pagedList(context, { apiVersion: 'iam.v2/sso', kind: 'GroupMappingList', items: context.data.groupMappings, limits: STANDARD_PAGES }),
  ),
  readRoute('/iam/v2/sso/group-mappings/{id}', [], (context) => {
    const mapping = context.data.groupMappings.find((candidate) => candidate.id === param(context, 'id'));
    if (!mapping) throw notFound();
    return ok(mapping);
  }),
];
