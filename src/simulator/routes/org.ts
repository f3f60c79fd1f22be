// org/v2: the organization the API key belongs to, and its environments.
import { notFound } from '../errors.js';
import { pagedList, STANDARD_PAGES } from '../paging.js';
import type { RouteDefinition } from '../router.js';
import { listRoute, ok, param, readRoute } from './define.js';

export const organizationRoutes: RouteDefinition[] = [
  listRoute('/org/v2/organizations', [], (context) =>
    pagedList(context, { apiVersion: 'org/v2', kind: 'OrganizationList', items: [context.data.organization], limits: STANDARD_PAGES }),
  ),
  readRoute('/org/v2/organizations/{id}', [], (context) => {
    if (context.data.organization.id !== param(context, 'id')) throw notFound();
    return ok(context.data.organization);
  }),
  listRoute('/org/v2/environments', [], (context) =>
    pagedList(context, { apiVersion: 'org/v2', kind: 'EnvironmentList', items: context.data.environments, limits: STANDARD_PAGES }),
  ),
  readRoute('/org/v2/environments/{id}', [], (context) => {
    const environment = context.data.environments.find((candidate) => candidate.id === param(context, 'id'));
    if (!environment) throw notFound();
    return ok(environment);
  }),
];
