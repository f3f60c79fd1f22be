// People and service accounts, and the invitations that brought people in. Confluent creates a
// user when it sends an invitation, so a pending invitation points at a user that exists.
import type { GlobalObjectReference, Invitation, ServiceAccount, User } from '../../confluent/types.js';
import { apiUrl, crn } from '../urls.js';
import { randomMoment, sortByCreation, type SeedContext } from './context.js';
import type { IdFactory } from './ids.js';
import { COMPANY, DEPLOYMENT_TIERS, DOMAINS, FIRST_NAMES, LAST_NAMES, PLATFORM_ACCOUNTS, WORKLOADS } from './names.js';
import type { Prng } from './prng.js';

export interface People {
  users: User[];
  serviceAccounts: ServiceAccount[];
  invitations: Invitation[];
  /** Users whose invitation is still SENT or STAGED: not signed in yet, they hold at most the roles granted with it. */
  pendingUserIds: Set<string>;
  /** The first users of the organization, its administrators. */
  founderIds: string[];
}

const INVITATION_STATUSES = [
  'INVITE_STATUS_ACCEPTED',
  'INVITE_STATUS_SENT',
  'INVITE_STATUS_ACCEPTED',
  'INVITE_STATUS_STAGED',
  'INVITE_STATUS_EXPIRED',
  'INVITE_STATUS_ACCEPTED',
  'INVITE_STATUS_SENT',
  'INVITE_STATUS_DEACTIVATED',
  'INVITE_STATUS_ACCEPTED',
  'INVITE_STATUS_SENT',
] as const;
const PENDING_STATUSES: ReadonlySet<string> = new Set(['INVITE_STATUS_SENT', 'INVITE_STATUS_STAGED']);
const INVITATION_LIFETIME_MS = 30 * 86_400_000;
const FOUNDER_COUNT = 3;

interface Person {
  fullName: string;
  email: string;
}

/** Distinct people: every first and last name pairing once, then the same with a number. */
function peopleNamed(prng: Prng, count: number): Person[] {
  const pairings = prng.shuffle(FIRST_NAMES.flatMap((first) => LAST_NAMES.map((last) => [first, last] as const)));
  return Array.from({ length: count }, (_, index) => {
    const [first, last] = pairings[index % pairings.length] ?? ['Alex', 'Doe'];
    const round = Math.floor(index / pairings.length);
    const local = `${first}.${last}${round > 0 ? round + 1 : ''}`.toLowerCase();
    return { fullName: `${first} ${last}`, email: `${local}@${COMPANY.emailDomain}` };
  });
}

function userReference(organizationId: string, userId: string): GlobalObjectReference {
  return {
    id: userId,
    related: apiUrl(`/iam/v2/users/${userId}`),
    resource_name: crn.user(organizationId, userId),
    api_version: 'iam/v2',
    kind: 'User',
  };
}

function buildUser(organizationId: string, id: string, person: Person, authType: string, createdAt: string, updatedAt: string): User {
  return {
    api_version: 'iam/v2',
    kind: 'User',
    id,
    metadata: {
      self: apiUrl(`/iam/v2/users/${id}`),
      resource_name: crn.user(organizationId, id),
      created_at: createdAt,
      updated_at: updatedAt,
    },
    email: person.email,
    full_name: person.fullName,
    auth_type: authType,
  };
}

function buildServiceAccounts(
  prng: Prng,
  ids: IdFactory,
  context: SeedContext,
  organizationId: string,
  organizationCreatedDay: number,
  count: number,
): ServiceAccount[] {
  const workloadAccounts = prng.shuffle(
    DEPLOYMENT_TIERS.flatMap((tier) =>
      DOMAINS.flatMap((domain) =>
        WORKLOADS.map((workload) => ({
          name: `${domain}-${workload.suffix}${tier}`,
          description: workload.describe(domain) + (tier ? ` (${tier.slice(1)})` : ''),
        })),
      ),
    ),
  );
  const candidates = [...PLATFORM_ACCOUNTS, ...workloadAccounts];
  const accounts = Array.from({ length: count }, (_, index): ServiceAccount => {
    const candidate = candidates[index % candidates.length] ?? { name: 'service', description: '' };
    const round = Math.floor(index / candidates.length);
    const id = ids.lower('sa-', 6, 6);
    // Platform automation came first; workloads followed as teams moved onto Kafka.
    const created = randomMoment(prng, context, organizationCreatedDay + (index < PLATFORM_ACCOUNTS.length ? 1 : 30), context.today - 1);
    return {
      api_version: 'iam/v2',
      kind: 'ServiceAccount',
      id,
      metadata: {
        self: apiUrl(`/iam/v2/service-accounts/${id}`),
        resource_name: crn.serviceAccount(organizationId, id),
        created_at: created.at,
        updated_at: randomMoment(prng, context, created.day, context.today - 1).at,
      },
      display_name: candidate.name + (round > 0 ? `-${round + 1}` : ''),
      description: candidate.description,
    };
  });
  return sortByCreation(accounts);
}

export function buildPeople(
  context: SeedContext,
  organizationId: string,
  organizationCreatedDay: number,
  size: { users: number; serviceAccounts: number; invitations: number },
): People {
  const { prng, ids } = context.stream('people');
  const statuses = Array.from(
    { length: size.invitations },
    (_, index) => INVITATION_STATUSES[index % INVITATION_STATUSES.length] as string,
  );
  const pendingCount = Math.min(statuses.filter((status) => PENDING_STATUSES.has(status)).length, size.users);
  const ghostCount = statuses.filter((status) => status === 'INVITE_STATUS_EXPIRED' || status === 'INVITE_STATUS_DEACTIVATED').length;
  const people = peopleNamed(prng, size.users + ghostCount);
  const authType = () => (prng.chance(0.75) ? 'AUTH_TYPE_SSO' : 'AUTH_TYPE_LOCAL');

  const settled = Array.from({ length: size.users - pendingCount }, (_, index) => {
    const founder = index < FOUNDER_COUNT;
    const created = founder
      ? randomMoment(prng, context, organizationCreatedDay, organizationCreatedDay + 2)
      : randomMoment(prng, context, organizationCreatedDay + 3, context.today - 15);
    const updated = randomMoment(prng, context, created.day, context.today - 1);
    return buildUser(organizationId, ids.lower('u-', 6, 6), people[index] as Person, authType(), created.at, updated.at);
  });
  const founderIds = settled.slice(0, FOUNDER_COUNT).map((user) => user.id);
  sortByCreation(settled);
  // Invited in the last days: their users exist already, though they have not signed in.
  const pending = Array.from({ length: pendingCount }, (_, index) => {
    const created = randomMoment(prng, context, context.today - 10, context.today - 1);
    const person = people[size.users - pendingCount + index] as Person;
    return buildUser(organizationId, ids.lower('u-', 6, 6), person, authType(), created.at, created.at);
  });
  const users = [...settled, ...sortByCreation(pending)];

  const creator = users[0];
  const acceptedPool = prng.shuffle(settled.slice(FOUNDER_COUNT));
  const pendingPool = [...pending];
  const ghostPeople = people.slice(size.users);
  const invitations: Invitation[] = [];
  for (const status of statuses) {
    const invitationId = ids.lower('i-', 5, 5);
    let user: User;
    let createdAt: string;
    let acceptedAt: string | null = null;
    if (status === 'INVITE_STATUS_ACCEPTED' || PENDING_STATUSES.has(status)) {
      const candidate = status === 'INVITE_STATUS_ACCEPTED' ? acceptedPool.pop() : pendingPool.shift();
      if (!candidate) continue;
      user = candidate;
      createdAt = user.metadata?.created_at ?? '';
      if (status === 'INVITE_STATUS_ACCEPTED') acceptedAt = new Date(Date.parse(createdAt) + prng.int(600, 172_800) * 1000).toISOString();
    } else {
      // The user of an expired or withdrawn invitation was deactivated: it is no longer listed.
      const person = ghostPeople.pop() as Person;
      createdAt = randomMoment(prng, context, context.today - 300, context.today - 45).at;
      user = buildUser(organizationId, ids.lower('u-', 6, 6), person, authType(), createdAt, createdAt);
    }
    const expiresAt = new Date(Date.parse(createdAt) + INVITATION_LIFETIME_MS).toISOString();
    invitations.push({
      api_version: 'iam/v2',
      kind: 'Invitation',
      id: invitationId,
      metadata: {
        self: apiUrl(`/iam/v2/invitations/${invitationId}`),
        resource_name: `${crn.organization(organizationId)}/invitation=${invitationId}`,
        created_at: createdAt,
        updated_at: acceptedAt ?? createdAt,
      },
      email: user.email,
      auth_type: user.auth_type,
      status,
      accepted_at: acceptedAt,
      expires_at: expiresAt,
      user: userReference(organizationId, user.id),
      ...(creator && { creator: userReference(organizationId, creator.id) }),
    });
  }

  return {
    users,
    serviceAccounts: buildServiceAccounts(prng, ids, context, organizationId, organizationCreatedDay, size.serviceAccounts),
    invitations: sortByCreation(invitations),
    pendingUserIds: new Set(pending.map((user) => user.id)),
    founderIds,
  };
}
