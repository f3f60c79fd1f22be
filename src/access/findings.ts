// Access findings (DESIGN §12): what a security team should look at, each with a fixed severity and
// a stable id `<KIND>:<id of what it is about>`. Pure: the facts come in, the findings go out, in a
// stable order (severity, then kind as listed below, then id).
import type { ParsedCrn } from '../confluent/crn.js';
import { stripPrincipalPrefix } from '../confluent/crn.js';
import type { ApiKey, RoleBinding } from '../confluent/types.js';
import type { TrafficSummary } from './traffic.js';

export type Severity = 'HIGH' | 'MEDIUM' | 'LOW';

export const FINDING_KINDS = {
  API_KEY_OF_DELETED_OWNER: 'HIGH',
  PRIVILEGED_SERVICE_ACCOUNT: 'HIGH',
  BINDING_OF_DELETED_PRINCIPAL: 'MEDIUM',
  STALE_API_KEY: 'MEDIUM',
  API_KEY_OWNED_BY_PERSON: 'MEDIUM',
  INACTIVE_PRINCIPAL: 'MEDIUM',
  INVITED_USER_WITH_ROLES: 'LOW',
  UNUSED_SERVICE_ACCOUNT: 'LOW',
} as const satisfies Record<string, Severity>;

export type FindingKind = keyof typeof FINDING_KINDS;

const SEVERITY_RANK: Record<Severity, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };
const KIND_RANK = new Map(Object.keys(FINDING_KINDS).map((kind, index) => [kind, index]));
const ADMIN_ROLES = new Set(['OrganizationAdmin', 'AccountAdmin']);
const MS_PER_DAY = 86_400_000;

/** A role binding with its scope and principal decoded, as the role-binding loader keeps it. */
export interface BindingFacts {
  binding: RoleBinding;
  scope: ParsedCrn;
  /** `User:u-…` */
  principal: string;
}

/**
 * What the findings are worked out from; each kind reads only some of it (`FACTS_NEEDED`), so a
 * review of a few kinds costs only their listings. Names in summaries come from `principals` when
 * it was read anyway.
 */
export interface AccessFacts<B extends BindingFacts> {
  now: number;
  maxKeyAgeDays: number;
  bindings?: readonly B[];
  apiKeys?: readonly ApiKey[];
  /** Every principal that exists: people (invited ones too), service accounts, identity pools, group mappings. */
  principals?: {
    ids: ReadonlySet<string>;
    serviceAccountIds: readonly string[];
    invitedPersonIds: ReadonlySet<string>;
    /** A principal's display name, for summaries. */
    nameOf: (id: string) => string | undefined;
  };
  /** Present only when an activity period was asked for. */
  traffic?: TrafficSummary;
}

export type Fact = 'bindings' | 'apiKeys' | 'principals' | 'traffic';

export const FACTS_NEEDED: Record<FindingKind, readonly Fact[]> = {
  API_KEY_OF_DELETED_OWNER: ['apiKeys', 'principals'],
  PRIVILEGED_SERVICE_ACCOUNT: ['bindings'],
  BINDING_OF_DELETED_PRINCIPAL: ['bindings', 'principals'],
  STALE_API_KEY: ['apiKeys'],
  API_KEY_OWNED_BY_PERSON: ['apiKeys'],
  INACTIVE_PRINCIPAL: ['bindings', 'apiKeys', 'principals', 'traffic'],
  INVITED_USER_WITH_ROLES: ['bindings', 'principals'],
  UNUSED_SERVICE_ACCOUNT: ['bindings', 'apiKeys', 'principals'],
};

export interface Finding<B extends BindingFacts> {
  id: string;
  kind: FindingKind;
  severity: Severity;
  summary: string;
  /** Bare: `u-…`, `sa-…`, `pool-…`, `group-…`. */
  principalId: string | null;
  roleBinding: B | null;
  apiKey: ApiKey | null;
}

/** A principal id with its name, when it has one: `ci-deployer (sa-123)`. */
function named(facts: AccessFacts<BindingFacts>, id: string): string {
  const name = facts.principals?.nameOf(id);
  return name && name !== id ? `${name} (${id})` : id;
}

function keyLabel(key: ApiKey): string {
  const name = key.spec?.display_name;
  return name ? `API key ${key.id} (${name})` : `API key ${key.id}`;
}

const ownerOf = (key: ApiKey) => key.spec?.owner?.id ?? '';
const isKafkaKey = (key: ApiKey) =>
  [key.spec?.resource, ...(key.spec?.resources ?? [])].some((resource) => resource?.kind === 'Cluster' || resource?.id.startsWith('lkc-'));

function findingsOfKind<B extends BindingFacts>(
  kind: FindingKind,
  facts: AccessFacts<B>,
): Array<Omit<Finding<B>, 'id' | 'kind' | 'severity'> & { about: string }> {
  const bindings = facts.bindings ?? [];
  const keys = facts.apiKeys ?? [];
  const principals = facts.principals;
  const exists = (id: string) => principals?.ids.has(id) ?? true;
  const aboutKey = (key: ApiKey, summary: string) => ({
    about: key.id,
    summary,
    principalId: ownerOf(key) || null,
    roleBinding: null,
    apiKey: key,
  });
  const aboutBinding = (record: B, summary: string) => ({
    about: record.binding.id,
    summary,
    principalId: stripPrincipalPrefix(record.principal),
    roleBinding: record,
    apiKey: null,
  });
  const aboutPrincipal = (id: string, summary: string) => ({ about: id, summary, principalId: id, roleBinding: null, apiKey: null });
  const bindingHolders = () => new Set(bindings.map((record) => stripPrincipalPrefix(record.principal)));

  switch (kind) {
    case 'API_KEY_OF_DELETED_OWNER':
      return keys
        .filter((key) => !exists(ownerOf(key)))
        .map((key) => aboutKey(key, `${keyLabel(key)} still works, but its owner ${ownerOf(key) || '(none)'} no longer exists`));
    case 'PRIVILEGED_SERVICE_ACCOUNT':
      return bindings
        .filter((record) => stripPrincipalPrefix(record.principal).startsWith('sa-') && ADMIN_ROLES.has(record.binding.role_name ?? ''))
        .map((record) =>
          aboutBinding(record, `Service account ${named(facts, stripPrincipalPrefix(record.principal))} holds ${record.binding.role_name}`),
        );
    case 'BINDING_OF_DELETED_PRINCIPAL':
      return bindings
        .filter((record) => {
          const id = stripPrincipalPrefix(record.principal);
          return /^(u|sa|pool|group)-/.test(id) && !exists(id);
        })
        .map((record) =>
          aboutBinding(
            record,
            `Role binding ${record.binding.id} grants ${record.binding.role_name} to ${stripPrincipalPrefix(record.principal)}, which no longer exists`,
          ),
        );
    case 'STALE_API_KEY':
      return keys
        .filter((key) => {
          const created = Date.parse(key.metadata?.created_at ?? '');
          return Number.isFinite(created) && facts.now - created > facts.maxKeyAgeDays * MS_PER_DAY;
        })
        .map((key) => {
          const days = Math.floor((facts.now - Date.parse(key.metadata?.created_at ?? '')) / MS_PER_DAY);
          return aboutKey(
            key,
            `${keyLabel(key)} of ${named(facts, ownerOf(key))} was created ${days} days ago (limit ${facts.maxKeyAgeDays})`,
          );
        });
    case 'API_KEY_OWNED_BY_PERSON':
      return keys
        .filter((key) => ownerOf(key).startsWith('u-'))
        .map((key) => aboutKey(key, `${keyLabel(key)} is owned by the person ${named(facts, ownerOf(key))}, not a service account`));
    case 'INACTIVE_PRINCIPAL': {
      const traffic = facts.traffic;
      if (!traffic) return [];
      const kafkaPrincipals = new Set([
        ...bindings.filter((record) => record.scope.clusterId).map((record) => stripPrincipalPrefix(record.principal)),
        ...keys.filter(isKafkaKey).map(ownerOf),
      ]);
      return [...kafkaPrincipals]
        .filter((id) => /^(u|sa|pool)-/.test(id) && exists(id) && (traffic.byPrincipal.get(id)?.activeDays.size ?? 0) === 0)
        .map((id) =>
          aboutPrincipal(
            id,
            `${named(facts, id)} has Kafka access but sent no Kafka traffic on the ${traffic.daysWithData.size} days with data of the period`,
          ),
        );
    }
    case 'INVITED_USER_WITH_ROLES': {
      const invited = principals?.invitedPersonIds ?? new Set<string>();
      return [...bindingHolders()]
        .filter((id) => invited.has(id))
        .map((id) => aboutPrincipal(id, `${named(facts, id)} has not accepted the invitation yet but already holds role bindings`));
    }
    case 'UNUSED_SERVICE_ACCOUNT': {
      const holders = bindingHolders();
      const owners = new Set(keys.map(ownerOf));
      return (principals?.serviceAccountIds ?? [])
        .filter((id) => !holders.has(id) && !owners.has(id))
        .map((id) => aboutPrincipal(id, `Service account ${named(facts, id)} holds no role binding and owns no API key`));
    }
  }
}

/** The findings of the given kinds, ordered by severity, then kind, then id. */
export function accessFindings<B extends BindingFacts>(kinds: readonly FindingKind[], facts: AccessFacts<B>): Finding<B>[] {
  const findings = kinds.flatMap((kind) =>
    findingsOfKind(kind, facts).map(({ about, ...rest }) => ({ id: `${kind}:${about}`, kind, severity: FINDING_KINDS[kind], ...rest })),
  );
  return findings.sort(
    (left, right) =>
      SEVERITY_RANK[left.severity] - SEVERITY_RANK[right.severity] ||
      KIND_RANK.get(left.kind)! - KIND_RANK.get(right.kind)! ||
      (left.id < right.id ? -1 : left.id > right.id ? 1 : 0),
  );
}

/** The kinds a filter asks for: all, or those listed, at or above a severity. */
export function kindsMatching(filter: { kinds?: readonly FindingKind[] | null; minSeverity?: Severity | null }): FindingKind[] {
  const wanted = filter.kinds && filter.kinds.length > 0 ? new Set(filter.kinds) : undefined;
  const floor = filter.minSeverity ? SEVERITY_RANK[filter.minSeverity] : Infinity;
  return (Object.keys(FINDING_KINDS) as FindingKind[]).filter(
    (kind) => (!wanted || wanted.has(kind)) && SEVERITY_RANK[FINDING_KINDS[kind]] <= floor,
  );
}
