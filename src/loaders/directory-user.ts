// A GraphQL User: a person or a service account as Confluent sent it, with the fields the graph
// shows worked out once per Confluent object. An answer may show the principals of thousands of role
// bindings; GraphQL then reads these as plain properties, not through a resolver call per field.
import type { ServiceAccount, User } from '../confluent/types.js';

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

/** Kept per Confluent object: the shared cache hands every request the same listings. */
const shown = new WeakMap<User | ServiceAccount, DirectoryUser>();

export function asPerson(person: User): DirectoryUser {
  let user = shown.get(person);
  if (!user) {
    user = {
      type: 'HUMAN',
      person,
      id: person.id,
      name: person.full_name || person.email || person.id,
      email: person.email ?? null,
      description: null,
      authType: person.auth_type ?? null,
      createdAt: person.metadata?.created_at ?? null,
      updatedAt: person.metadata?.updated_at ?? null,
    };
    shown.set(person, user);
  }
  return user;
}

export function asServiceAccount(account: ServiceAccount): DirectoryUser {
  let user = shown.get(account);
  if (!user) {
    user = {
      type: 'SERVICE_ACCOUNT',
      account,
      id: account.id,
      name: account.display_name || account.id,
      email: null,
      description: account.description ?? null,
      authType: null,
      createdAt: account.metadata?.created_at ?? null,
      updatedAt: account.metadata?.updated_at ?? null,
    };
    shown.set(account, user);
  }
  return user;
}
