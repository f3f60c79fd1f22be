import DataLoader from 'dataloader';
import type { RequestOptions } from '../confluent/client.js';
import type { ConfluentReads } from '../confluent/reads.js';
import { loaderOptions, measured, shared, type LoaderPolicy } from './policy.js';
import type { Invitation, ServiceAccount, User } from '../confluent/types.js';
import { listBacked, SINGLE_GET_LIMIT } from './list-backed.js';

/** A GraphQL User: a person or a service account, as Confluent sent it. */
export type DirectoryUser = { type: 'HUMAN'; id: string; person: User } | { type: 'SERVICE_ACCOUNT'; id: string; account: ServiceAccount };

/** Narrows the directory; the fields set combine with AND. */
export interface DirectoryFilter {
  type?: 'HUMAN' | 'SERVICE_ACCOUNT' | null;
  email?: string | null;
  status?: 'ACTIVE' | 'INVITED' | null;
}

const asPerson = (person: User): DirectoryUser => ({ type: 'HUMAN', id: person.id, person });
const asServiceAccount = (account: ServiceAccount): DirectoryUser => ({ type: 'SERVICE_ACCOUNT', id: account.id, account });

const PENDING_INVITATION_STATUSES = new Set(['INVITE_STATUS_SENT', 'INVITE_STATUS_STAGED']);

function resultOf<T>(loaded: T | Error | null | undefined, wrap: (item: T) => DirectoryUser): DirectoryUser | Error | null {
  if (loaded instanceof Error) return loaded;
  return loaded ? wrap(loaded) : null;
}

/** An invitation Confluent has not (yet) listed as a user still names the person it created. */
function personFromInvitation(invitation: Invitation): User {
  return {
    id: invitation.user?.id ?? invitation.id,
    email: invitation.email,
    auth_type: invitation.auth_type,
    metadata: invitation.metadata,
  };
}

export function createUserLoaders(client: ConfluentReads, request: RequestOptions, policy: LoaderPolicy) {
  const people = listBacked<User>(policy, {
    name: 'people',
    list: () => client.listUsers(request),
    getOne: (id) => client.getUser(id, request),
    idOf: (user) => user.id,
  });
  const serviceAccounts = listBacked<ServiceAccount>(policy, {
    name: 'service-accounts',
    list: () => client.listServiceAccounts(request),
    getOne: (id) => client.getServiceAccount(id, request),
    idOf: (account) => account.id,
  });
  const pendingInvitations = shared(policy, async () =>
    (await client.listInvitations({}, request)).filter((invitation) => PENDING_INVITATION_STATUSES.has(invitation.status ?? '')),
  );
  const invitedUserIds = shared(
    policy,
    async () => new Set((await pendingInvitations()).map((invitation) => personFromInvitation(invitation).id)),
  );
  // Confluent has no email filter on users, so emails are answered from the one listing.
  const byEmail = new DataLoader<string, DirectoryUser | null, string>(
    measured(policy, 'users-by-email', async (emails) => {
      const index = new Map((await people.all()).map((person) => [person.email?.toLowerCase(), person]));
      return emails.map((email) => {
        const person = index.get(email.toLowerCase());
        return person ? asPerson(person) : null;
      });
    }),
    loaderOptions(policy, { cacheKeyFn: (email) => email.toLowerCase() }),
  );

  /**
   * People and service accounts by id, batched together: a large batch (the principals of many role
   * bindings) reads both lists once, a small one (a single `user(id:)`) gets each id on its own.
   */
  const byId = new DataLoader<string, DirectoryUser | null>(
    measured(policy, 'users', async (ids) => {
      const personIds = ids.filter((id) => id.startsWith('u-'));
      const accountIds = ids.filter((id) => id.startsWith('sa-'));
      if (policy.batching && ids.length > SINGLE_GET_LIMIT) {
        // Starting the listings first makes the per-type loaders answer from them.
        if (personIds.length > 0) void people.all();
        if (accountIds.length > 0) void serviceAccounts.all();
      }
      const [persons, accounts] = await Promise.all([people.byId.loadMany(personIds), serviceAccounts.byId.loadMany(accountIds)]);
      const found = new Map<string, DirectoryUser | Error | null>();
      personIds.forEach((id, i) => found.set(id, resultOf(persons[i], asPerson)));
      accountIds.forEach((id, i) => found.set(id, resultOf(accounts[i], asServiceAccount)));
      return ids.map((id) => found.get(id) ?? null);
    }),
    loaderOptions(policy),
  );

  /** People with a pending invitation, listed or not yet listed by Confluent. */
  async function invitedPeople(): Promise<User[]> {
    const [invitations, listed] = await Promise.all([pendingInvitations(), people.all()]);
    const listedById = new Map(listed.map((person) => [person.id, person]));
    return invitations.map((invitation) => listedById.get(invitation.user?.id ?? '') ?? personFromInvitation(invitation));
  }

  /** The `users` list: people first, then service accounts, each in Confluent's order. */
  async function list(filter: DirectoryFilter = {}): Promise<DirectoryUser[]> {
    const wantsPeople = filter.type !== 'SERVICE_ACCOUNT';
    // Service accounts have no email and are never invited, so those filters leave them out unread.
    const wantsServiceAccounts = filter.type !== 'HUMAN' && !filter.email && filter.status !== 'INVITED';
    const [peopleList, accounts, invited] = await Promise.all([
      !wantsPeople ? [] : filter.status === 'INVITED' ? invitedPeople() : people.all(),
      wantsServiceAccounts ? serviceAccounts.all() : [],
      filter.status === 'ACTIVE' && wantsPeople ? invitedUserIds() : new Set<string>(),
    ]);
    const email = filter.email ? filter.email.toLowerCase() : undefined;
    const matchingPeople = peopleList.filter(
      (person) => (email === undefined || person.email?.toLowerCase() === email) && !invited.has(person.id),
    );
    return [...matchingPeople.map(asPerson), ...accounts.map(asServiceAccount)];
  }

  return {
    people,
    serviceAccounts,
    /**
     * Starts both listings ahead of a page of role bindings that shows principals. Failures are
     * reported by the principal fields that await the same listings, not here.
     */
    prefetchPrincipals: () => {
      if (!policy.batching) return;
      people.all().catch(() => {});
      serviceAccounts.all().catch(() => {});
    },
    byId,
    byEmail,
    list,
    /** A person or service account without waiting, once their listing has arrived; undefined before. */
    peek: (id: string): DirectoryUser | null | undefined => {
      if (id.startsWith('sa-')) {
        const account = serviceAccounts.peek(id);
        return account ? asServiceAccount(account) : account;
      }
      if (id.startsWith('u-')) {
        const person = people.peek(id);
        return person ? asPerson(person) : person;
      }
      // Identity pools and group mappings are principals but never Users.
      return null;
    },
    /** The ids of people whose invitation is pending. */
    invitedIds: invitedUserIds,
    /** Whether a person's invitation is still pending; read only when a query asks for status. */
    isInvited: async (userId: string) => (await invitedUserIds()).has(userId),
  };
}
