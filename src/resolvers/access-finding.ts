import type { AccessFindingFilter, AccessFindingResolvers } from '../__generated__/resolvers-types.js';
import { accessFindings, FACTS_NEEDED, kindsMatching } from '../access/findings.js';
import { requireTrafficData } from '../access/traffic.js';
import type { Context } from '../context.js';
import { paginate, type ConnectionArgs } from '../graphql/connections.js';
import { badUserInput } from '../graphql/errors.js';
import { checkPeriod } from '../usage/period.js';
import { LISTS } from './lists.js';
import { directoryUserOf, groupMappingOf, identityPoolOf } from './principal-lookup.js';
import type { PeriodInput } from './usage-fields.js';

/** `Query.accessFindings`: the arguments are checked before any read, then the kinds asked for read what they need. */
export function accessFindingConnection(
  args: ConnectionArgs & { filter?: AccessFindingFilter | null; maxKeyAgeDays?: number | null; activityPeriod?: PeriodInput | null },
  { loaders }: Context,
) {
  const maxKeyAgeDays = args.maxKeyAgeDays ?? 90;
  if (!Number.isInteger(maxKeyAgeDays) || maxKeyAgeDays < 0) {
    throw badUserInput(`maxKeyAgeDays must be 0 or more, got ${maxKeyAgeDays}`, { argument: 'maxKeyAgeDays' });
  }
  const period = args.activityPeriod ? checkPeriod(args.activityPeriod) : undefined;
  // Inactivity is only looked for over a period's traffic.
  const kinds = kindsMatching(args.filter ?? {}).filter((kind) => kind !== 'INACTIVE_PRINCIPAL' || period);
  const needed = new Set(kinds.flatMap((kind) => FACTS_NEEDED[kind]));
  const traffic = period && (async () => requireTrafficData(await loaders.traffic.inPeriod(period), period));
  return paginate(args, LISTS.accessFindings, async () =>
    accessFindings(kinds, await loaders.accessFacts.read(needed, { maxKeyAgeDays, traffic })),
  );
}

export const AccessFinding: AccessFindingResolvers = {
  user: ({ principalId }, _, context) => (principalId ? directoryUserOf(principalId, context) : null),
  identityPool: ({ principalId }, _, context) => (principalId ? identityPoolOf(principalId, context) : null),
  groupMapping: ({ principalId }, _, context) => (principalId ? groupMappingOf(principalId, context) : null),
};
