// Upstream models the subgraph itself does not read, spelled as identity-provider-v2.yaml and
// sso-v2.yaml spell them. The simulator serves them so principals `User:pool-…` and
// `User:group-…` in role bindings point at objects that exist.
import type { ObjectMeta } from '../confluent/types.js';

export interface IdentityProvider {
  api_version: 'iam/v2';
  kind: 'IdentityProvider';
  id: string;
  metadata: ObjectMeta;
  display_name: string;
  description: string;
  identity_claim: string;
  /** ENABLED (open set) */
  state: string;
  issuer: string;
  jwks_uri: string;
}

export interface IdentityPool {
  api_version: 'iam/v2';
  kind: 'IdentityPool';
  id: string;
  metadata: ObjectMeta;
  display_name: string;
  description: string;
  identity_claim: string;
  /** A CEL expression over the token's claims. */
  filter: string;
  principal: string;
  state: string;
}

export interface GroupMapping {
  /** The SDK spec's enum spells it this way. */
  api_version: 'iam.v2/sso';
  kind: 'GroupMapping';
  id: string;
  metadata: ObjectMeta;
  display_name: string;
  description: string;
  /** A CEL expression over `claims.group`. */
  filter: string;
  principal: string;
  state: string;
}
