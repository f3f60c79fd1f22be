// Confluent Resource Names (CRNs) and role-binding principals, decoded leniently.
// Confluent returns CRNs with or without `organization=`, sometimes URL-encoded, and role names
// and scopes are open sets, so nothing here throws: it reads what it can and leaves the rest out.

export type ScopeLevel = 'ORGANIZATION' | 'WORKSPACE' | 'CLUSTER' | 'RESOURCE';
export type PatternType = 'LITERAL' | 'PREFIXED';
export type PrincipalType = 'HUMAN' | 'SERVICE_ACCOUNT' | 'IDENTITY_POOL' | 'GROUP_MAPPING' | 'OTHER';

export interface CrnSegment {
  key: string;
  value: string;
}

export interface ParsedCrn {
  /** Host after `crn://` (`confluent.cloud`, `api.confluent.cloud`); empty when absent. */
  authority: string;
  /** `key=value` pairs from the parent down, decoded; keys lower-cased. */
  segments: CrnSegment[];
  organizationId?: string;
  environmentId?: string;
  /** The Kafka cluster: `cloud-cluster=`, or `kafka=` when there is no `cloud-cluster=`. */
  clusterId?: string;
  /** ksqlDB clusters are addressed by display name, not by `lksqlc-` id. */
  ksqlClusterName?: string;
  schemaRegistryId?: string;
  flinkRegion?: string;
  computePoolId?: string;
  serviceAccountId?: string;
  identityProviderId?: string;
  /** Key of the last segment when the CRN names something below a container (`topic`, `subject`, …). */
  resourceType?: string;
  /** Value of that segment, without the trailing `*` of a prefix pattern. */
  resourceName?: string;
  /** PREFIXED when the last value ends in `*` (`topic=clicks-*`, `subject=*`). */
  patternType: PatternType;
  scopeLevel: ScopeLevel;
  /** A trailing `/*` segment: the pattern covers the scope and everything nested in it. */
  includesDescendants: boolean;
}

const SCHEME = 'crn://';
const DESCENDANTS_MARKER = '*';
const PREFIX_WILDCARD = '*';
const CONFLUENT_CLOUD_AUTHORITY = 'confluent.cloud';

// Levels named by the last segment's key; any other key names something inside a container.
// `kafka=` as the last segment is the Kafka cluster object itself (`…/cloud-cluster=lkc/kafka=lkc`).
// A Schema Registry is the environment's schema cluster and Confluent binds roles to it as a
// cluster scope, so `…/schema-registry=lsrc-x` is CLUSTER; subjects and keks under it are RESOURCE.
const LEVEL_OF_LAST_KEY: ReadonlyMap<string, ScopeLevel> = new Map([
  ['organization', 'ORGANIZATION'],
  ['environment', 'WORKSPACE'],
  ['cloud-cluster', 'CLUSTER'],
  ['kafka', 'CLUSTER'],
  ['schema-registry', 'CLUSTER'],
]);

type IdField =
  | 'organizationId'
  | 'environmentId'
  | 'ksqlClusterName'
  | 'schemaRegistryId'
  | 'flinkRegion'
  | 'computePoolId'
  | 'serviceAccountId'
  | 'identityProviderId';

const ID_FIELD_OF_KEY: ReadonlyMap<string, IdField> = new Map([
  ['organization', 'organizationId'],
  ['environment', 'environmentId'],
  ['ksql', 'ksqlClusterName'],
  ['schema-registry', 'schemaRegistryId'],
  ['flink-region', 'flinkRegion'],
  ['compute-pool', 'computePoolId'],
  ['service-account', 'serviceAccountId'],
  ['identity-provider', 'identityProviderId'],
]);

/** Decodes `%XX` escapes; a malformed escape or invalid UTF-8 run stays as written. */
function decodeLeniently(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (escapes) => {
    try {
      return decodeURIComponent(escapes);
    } catch {
      return escapes;
    }
  });
}

function splitAuthority(crn: string): { authority: string; path: string[] } {
  const trimmed = crn.trim();
  const hasScheme = trimmed.slice(0, SCHEME.length).toLowerCase() === SCHEME;
  const parts = (hasScheme ? trimmed.slice(SCHEME.length) : trimmed).split('/');
  const first = parts[0] ?? '';
  // Without the scheme there is no way to tell a host from a stray word, so none is read.
  if (hasScheme && !first.includes('=')) {
    return { authority: decodeLeniently(first), path: parts.slice(1) };
  }
  return { authority: '', path: parts };
}

function segmentOf(key: string, value: string): CrnSegment | undefined {
  const normalizedKey = key.trim().toLowerCase();
  return normalizedKey === '' ? undefined : { key: normalizedKey, value };
}

// Split at a literal `=` before decoding, so an encoded `%3D` inside a value stays in the value;
// only a part with no literal `=` is taken to be a whole segment that arrived encoded.
function readSegment(part: string): CrnSegment | undefined {
  const equals = part.indexOf('=');
  if (equals >= 0) return segmentOf(decodeLeniently(part.slice(0, equals)), decodeLeniently(part.slice(equals + 1)));
  const decoded = decodeLeniently(part);
  const decodedEquals = decoded.indexOf('=');
  return decodedEquals >= 0 ? segmentOf(decoded.slice(0, decodedEquals), decoded.slice(decodedEquals + 1)) : undefined;
}

// The path is split at literal `/` before decoding, so an encoded `%2F` never cuts a value.
function readSegments(path: string[]): { segments: CrnSegment[]; includesDescendants: boolean } {
  const parts: string[] = [];
  for (const part of path) {
    const trimmed = part.trim();
    if (trimmed !== '') parts.push(trimmed);
  }
  const lastPart = parts.at(-1);
  const includesDescendants = lastPart !== undefined && decodeLeniently(lastPart) === DESCENDANTS_MARKER;
  const segmentCount = includesDescendants ? parts.length - 1 : parts.length;
  const segments: CrnSegment[] = [];
  for (let index = 0; index < segmentCount; index++) {
    const segment = readSegment(parts[index]!);
    if (segment) segments.push(segment);
  }
  return { segments, includesDescendants };
}

export function parseCrn(crn: string): ParsedCrn {
  const { authority, path } = splitAuthority(typeof crn === 'string' ? crn : '');
  const { segments, includesDescendants } = readSegments(path);
  const last = segments.at(-1);
  const patternType: PatternType = last?.value.endsWith(PREFIX_WILDCARD) ? 'PREFIXED' : 'LITERAL';
  // With no readable segment nothing narrows the pattern; reporting the broadest level keeps
  // an unreadable grant visible in an access review instead of understating it.
  const scopeLevel: ScopeLevel = last ? (LEVEL_OF_LAST_KEY.get(last.key) ?? 'RESOURCE') : 'ORGANIZATION';

  // Every field present from the start: a role binding listing decodes thousands of CRNs, and
  // objects of one shape are faster to make and to read than objects that grow a field at a time.
  const parsed: ParsedCrn = {
    authority,
    segments,
    organizationId: undefined,
    environmentId: undefined,
    clusterId: undefined,
    ksqlClusterName: undefined,
    schemaRegistryId: undefined,
    flinkRegion: undefined,
    computePoolId: undefined,
    serviceAccountId: undefined,
    identityProviderId: undefined,
    resourceType: undefined,
    resourceName: undefined,
    patternType,
    scopeLevel,
    includesDescendants,
  };
  let kafkaClusterId: string | undefined;
  for (const { key, value } of segments) {
    if (key === 'cloud-cluster') parsed.clusterId ??= value;
    if (key === 'kafka') kafkaClusterId ??= value;
    const field = ID_FIELD_OF_KEY.get(key);
    if (field) parsed[field] ??= value;
  }
  parsed.clusterId ??= kafkaClusterId;

  if (last && scopeLevel === 'RESOURCE') {
    parsed.resourceType = last.key;
    parsed.resourceName = patternType === 'PREFIXED' ? last.value.slice(0, -PREFIX_WILDCARD.length) : last.value;
  }
  return parsed;
}

/** A binding at the environment's own CRN or nested in it; organization-level ones are not. */
export function isAtOrBelowEnvironment(parsed: ParsedCrn, environmentId: string): boolean {
  return parsed.environmentId !== undefined && parsed.environmentId === environmentId;
}

/** A binding at the Kafka cluster's scope or on a resource in it (topics, groups, connectors, ksqlDB). */
export function isAtOrBelowCluster(parsed: ParsedCrn, clusterId: string): boolean {
  return parsed.clusterId !== undefined && parsed.clusterId === clusterId;
}

/** Whether a binding's `crn_pattern` falls inside every scope given; no scope given matches all. */
export function crnBelongsTo(crnPattern: string, scope: { environmentId?: string; clusterId?: string }): boolean {
  const parsed = parseCrn(crnPattern);
  if (scope.environmentId !== undefined && !isAtOrBelowEnvironment(parsed, scope.environmentId)) return false;
  if (scope.clusterId !== undefined && !isAtOrBelowCluster(parsed, scope.clusterId)) return false;
  return true;
}

export function organizationCrn(organizationId: string): string {
  return `${SCHEME}${CONFLUENT_CLOUD_AUTHORITY}/organization=${organizationId}`;
}

/** The `crn_pattern` that lists every binding in the organization, at any depth. */
export function orgWideBindingPattern(organizationId: string): string {
  return `${organizationCrn(organizationId)}/${DESCENDANTS_MARKER}`;
}

const USER_PRINCIPAL_TYPE = 'User';
const PRINCIPAL_TYPE_PREFIX = /^[A-Za-z]+:/;

// Confluent writes every Cloud principal as `User:<id>`; the id's prefix tells what it is.
const PRINCIPAL_TYPE_OF_ID_PREFIX: ReadonlyArray<readonly [string, PrincipalType]> = [
  ['u-', 'HUMAN'],
  ['sa-', 'SERVICE_ACCOUNT'],
  ['pool-', 'IDENTITY_POOL'],
  ['group-', 'GROUP_MAPPING'],
];

/** `User:u-abc` → `u-abc`; a bare id is returned as is. */
export function stripPrincipalPrefix(principal: string): string {
  return principal.trim().replace(PRINCIPAL_TYPE_PREFIX, '');
}

export function principalTypeOf(principal: string): PrincipalType {
  const id = stripPrincipalPrefix(principal);
  const match = PRINCIPAL_TYPE_OF_ID_PREFIX.find(([prefix]) => id.startsWith(prefix));
  return match ? match[1] : 'OTHER';
}

/** Accepts `u-abc`, `User:u-abc` or `user:u-abc` and writes it as Confluent does: `User:u-abc`. */
export function normalizePrincipal(input: string): string {
  const trimmed = input.trim();
  if (trimmed === '') return '';
  const typePrefix = PRINCIPAL_TYPE_PREFIX.exec(trimmed)?.[0];
  if (typePrefix === undefined) return `${USER_PRINCIPAL_TYPE}:${trimmed}`;
  const isUserType = typePrefix.slice(0, -1).toLowerCase() === USER_PRINCIPAL_TYPE.toLowerCase();
  return isUserType ? `${USER_PRINCIPAL_TYPE}:${trimmed.slice(typePrefix.length)}` : trimmed;
}
