import type { Context } from '../context.js';
import { stripPrincipalPrefix } from '../confluent/crn.js';

/**
 * The person or service account a principal id names, without waiting once their listing is in;
 * null for identity pools, group mappings and principals that no longer exist.
 */
export function directoryUserOf(principal: string, { loaders }: Context) {
  const id = stripPrincipalPrefix(principal);
  if (!id.startsWith('u-') && !id.startsWith('sa-')) return null;
  const listed = loaders.users.peek(id);
  return listed !== undefined ? listed : loaders.users.byId.load(id);
}

/** The identity pool a principal id names, or null. */
export function identityPoolOf(principal: string, { loaders }: Context) {
  const id = stripPrincipalPrefix(principal);
  return id.startsWith('pool-') ? loaders.identities.poolById(id) : null;
}

/** The SSO group mapping a principal id names, or null. */
export function groupMappingOf(principal: string, { loaders }: Context) {
  const id = stripPrincipalPrefix(principal);
  return id.startsWith('group-') ? loaders.identities.groupMappings.byId.load(id) : null;
}
