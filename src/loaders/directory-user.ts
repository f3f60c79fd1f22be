// A GraphQL User: a person or a service account as Confluent sent it, with the fields the graph
// shows worked out once per Confluent object. An answer may show the principals of thousands of role
// bindings; GraphQL then reads these as plain properties, not through a resolver call per field.
import type { ServiceAccount, User } from '../confluent/types.js';
import { perObject } from './once.js';

interface ShownFields {
  /** Confluent's `u-…` or `sa-…`. */
  id: string;
  name: string;
  email: string | null;
  description: string | null;
  authType: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export type DirectoryUser = ShownFields &
  ({ type: 'HUMAN'; person: User } | { type: 'SERVICE_ACCOUNT'; account: ServiceAccount });

/** Made once per Confluent object: the shared cache hands every request the same listings. */
export const asPerson = perObject(
  (person: User): DirectoryUser => ({
    type: 'HUMAN',
    person,
    id: person.id,
    name: person.full_name || person.email || person.id,
    email: person.email ?? null,
    description: null,
    authType: person.auth_type ?? null,
    createdAt: person.metadata?.created_at ?? null,
    updatedAt: person.metadata?.updated_at ?? null,
  }),
);

export const asServiceAccount = perObject(
  (account: ServiceAccount): DirectoryUser => ({
    type: 'SERVICE_ACCOUNT',
    account,
    id: account.id,
    name: account.display_name || account.id,
    email: null,
    description: account.description ?? null,
    authType: null,
    createdAt: account.metadata?.created_at ?? null,
    updatedAt: account.metadata?.updated_at ?? null,
  }),
);
