// iam/v2: users, service accounts and invitations.
import type { Invitation } from '../../confluent/types.js';
import { notFound } from '../errors.js';
import { pagedList, STANDARD_PAGES } from '../paging.js';
import type { RouteDefinition } from '../router.js';
import { listRoute, ok, optionalFilter, param, readRoute, whereEquals } from './define.js';

export const iamRoutes: RouteDefinition[] = [
  listRoute('/iam/v2/users', [], (context) =>
    pagedList(context, { apiVersion: 'iam/v2', kind: 'UserList', items: context.data.users, limits: STANDARD_PAGES }),
  ),
  readRoute('/iam/v2/users/{id}', [], (context) => {
    const user = context.data.users.find((candidate) => candidate.id === param(context, 'id'));
    if (!user) throw notFound();
    return ok(user);
  }),
  listRoute('/iam/v2/service-accounts', ['display_name'], (context) => {
    // display_name is a multiple search filter: exact matches, repeated to OR values.
    const names = new Set(context.query.getAll('display_name'));
    const accounts = context.data.serviceAccounts;
    const items = names.size === 0 ? accounts : accounts.filter((account) => names.has(account.display_name ?? ''));
    return pagedList(context, { apiVersion: 'iam/v2', kind: 'ServiceAccountList', items, limits: STANDARD_PAGES });
  }),
  readRoute('/iam/v2/service-accounts/{id}', [], (context) => {
    const account = context.data.serviceAccounts.find((candidate) => candidate.id === param(context, 'id'));
    if (!account) throw notFound('service_account_not_found', 'Service Account Not Found');
    return ok(account);
  }),
  listRoute('/iam/v2/invitations', ['email', 'status', 'user', 'creator'], (context) => {
    let items: readonly Invitation[] = context.data.invitations;
    items = whereEquals(items, optionalFilter(context, 'email'), (invitation) => invitation.email);
    items = whereEquals(items, optionalFilter(context, 'status'), (invitation) => invitation.status);
    items = whereEquals(items, optionalFilter(context, 'user'), (invitation) => invitation.user?.id);
    items = whereEquals(items, optionalFilter(context, 'creator'), (invitation) => invitation.creator?.id);
    return pagedList(context, { apiVersion: 'iam/v2', kind: 'InvitationList', items, limits: STANDARD_PAGES });
  }),
  readRoute('/iam/v2/invitations/{id}', [], (context) => {
    const invitation = context.data.invitations.find((candidate) => candidate.id === param(context, 'id'));
    if (!invitation) throw notFound();
    return ok(invitation);
  }),
];
