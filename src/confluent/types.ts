// Upstream models, spelled as Confluent's OpenAPI specs spell them (../shared/confluent-api).
// Confluent's enums are open (x-extensible-enum), so they are plain strings here.
// Fields the specs mark optional stay optional: clients must not assume they are present.

export interface ObjectMeta {
  self?: string;
  resource_name?: string;
  created_at?: string;
  updated_at?: string;
  deleted_at?: string;
}

export interface ListMeta {
  first?: string | null;
  last?: string | null;
  prev?: string | null;
  next?: string | null;
  total_size?: number;
}

export interface ListEnvelope<T> {
  api_version: string;
  kind: string;
  metadata: ListMeta;
  data: T[];
}

export interface GlobalObjectReference {
  id: string;
  related?: string;
  resource_name?: string;
  api_version?: string;
  kind?: string;
}

export interface EnvScopedObjectReference extends GlobalObjectReference {
  environment?: string;
}

export interface Organization {
  api_version?: string;
  kind?: string;
  id: string;
  metadata?: ObjectMeta;
  display_name?: string;
  jit_enabled?: boolean;
}

export interface Environment {
  api_version?: string;
  kind?: string;
  id: string;
  metadata?: ObjectMeta;
  display_name?: string;
  stream_governance_config?: { package: string };
}

export interface User {
  api_version?: string;
  kind?: string;
  id: string;
  metadata?: ObjectMeta;
  email?: string;
  full_name?: string;
  /** AUTH_TYPE_LOCAL | AUTH_TYPE_SSO (open set) */
  auth_type?: string;
}

export interface ServiceAccount {
  api_version?: string;
  kind?: string;
  id: string;
  metadata?: ObjectMeta;
  display_name?: string;
  description?: string;
}

export interface Invitation {
  api_version?: string;
  kind?: string;
  id: string;
  metadata?: ObjectMeta;
  email?: string;
  auth_type?: string;
  /** INVITE_STATUS_SENT | _STAGED | _ACCEPTED | _EXPIRED | _DEACTIVATED (open set) */
  status?: string;
  accepted_at?: string | null;
  expires_at?: string;
  user?: GlobalObjectReference;
  creator?: GlobalObjectReference;
}

export interface RoleBinding {
  api_version?: string;
  kind?: string;
  id: string;
  metadata?: ObjectMeta;
  /** `User:u-…`, `User:sa-…`, `User:pool-…`, `User:group-…` */
  principal?: string;
  role_name?: string;
  crn_pattern?: string;
}

export interface KafkaClusterConfig {
  kind: string;
  max_ecku?: number;
  cku?: number;
  zones?: string[];
  encryption_key?: string;
}

export interface KafkaCluster {
  api_version?: string;
  kind?: string;
  id: string;
  metadata?: ObjectMeta;
  spec?: {
    display_name?: string;
    availability?: string;
    cloud?: string;
    region?: string;
    config?: KafkaClusterConfig;
    kafka_bootstrap_endpoint?: string;
    http_endpoint?: string;
    api_endpoint?: string;
    environment?: EnvScopedObjectReference;
    network?: EnvScopedObjectReference;
    deletion_protection?: boolean;
  };
  status?: { phase: string; cku?: number };
}

export interface ApiKey {
  api_version?: string;
  kind?: string;
  id: string;
  metadata?: ObjectMeta;
  spec?: {
    display_name?: string;
    description?: string;
    /** A user, service account or identity pool. */
    owner?: GlobalObjectReference;
    resource?: EnvScopedObjectReference | null;
    /** Multi-cluster keys name every resource here. */
    resources?: EnvScopedObjectReference[];
  };
}

/** identity-provider-v2.yaml: an OAuth identity provider (`op-…`). */
export interface IdentityProvider {
  api_version?: string;
  kind?: string;
  id: string;
  metadata?: ObjectMeta;
  display_name?: string;
  description?: string;
  identity_claim?: string;
  /** ENABLED (open set) */
  state?: string;
  issuer?: string;
  jwks_uri?: string;
}

/** An identity pool (`pool-…`) of an identity provider. */
export interface IdentityPool {
  api_version?: string;
  kind?: string;
  id: string;
  metadata?: ObjectMeta;
  display_name?: string;
  description?: string;
  identity_claim?: string;
  /** A CEL expression over the token's claims. */
  filter?: string;
  principal?: string;
  state?: string;
}

/** sso-v2.yaml: an SSO group mapping (`group-…`). */
export interface GroupMapping {
  api_version?: string;
  kind?: string;
  id: string;
  metadata?: ObjectMeta;
  display_name?: string;
  description?: string;
  /** A CEL expression over `claims.group`. */
  filter?: string;
  principal?: string;
  state?: string;
}

export interface Cost {
  api_version?: string;
  kind?: string;
  id: string;
  /** yyyy-mm-dd; some servers send `yyyy-mm-dd 00:00:00` */
  start_date: string;
  end_date: string;
  granularity?: string;
  network_access_type?: string;
  product?: string;
  line_type?: string;
  price?: number;
  unit: string;
  quantity?: number;
  original_amount: number;
  discount_amount?: number;
  amount?: number;
  description?: string;
  tier_dimensions?: Record<string, string>;
  resource?: {
    id?: string;
    display_name?: string;
    environment?: { id?: string } | null;
  } | null;
}
