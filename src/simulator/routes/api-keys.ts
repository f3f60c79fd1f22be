// iam/v2 API keys, filtered by owner and by the resource they open.
import { notFound } from '../errors.js';
import { pagedList, STANDARD_PAGES } from '../paging.js';
import type { RouteDefinition } from '../router.js';
import { listRoute, ok, optionalFilter, param, readRoute, whereEquals } from './define.js';

export const apiKeyRoutes: RouteDefinition[] = [
  listRoute('/iam/v2/api-keys', ['spec.owner', 'spec.resource'], (context) => {
    const owned = whereEquals(context.data.apiKeys, optionalFilter(context, 'spec.owner'), (key) => key.spec?.owner?.id);
    const items = whereEquals(owned, optionalFilter(context, 'spec.resource'), (key) => key.spec?.resource?.id);
    return pagedList(context, { apiVersion: 'iam/v2', kind: 'ApiKeyList', items, limits: STANDARD_PAGES });
  }),
  readRoute('/iam/v2/api-keys/{id}', [], (context) => {
    const id = param(context, 'id');
    const key = context.data.apiKeys.find((candidate) => candidate.id === id);
    if (!key) throw notFound('api_key_not_found', `The API Key (id=${id}) does not exist`);
    return ok(key);
  }),
];
