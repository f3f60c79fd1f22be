// Vocabulary of the demo organization: a logistics company running its event streaming on
// Confluent Cloud.

export const COMPANY = { name: 'Orbit Freight', emailDomain: 'orbitfreight.example' };

export const FIRST_NAMES = [
  'Ada', 'Aisha', 'Alejandro', 'Amara', 'Anders', 'Anika', 'Arjun', 'Beatriz', 'Benjamin', 'Carmen',
  'Chen', 'Chidi', 'Clara', 'Daniel', 'Daria', 'David', 'Elena', 'Emeka', 'Emma', 'Farah',
  'Felix', 'Fatima', 'Gabriel', 'Grace', 'Hana', 'Hassan', 'Ines', 'Isaac', 'Ivan', 'Jamal',
  'Jana', 'Javier', 'Jin', 'Julia', 'Kai', 'Kenji', 'Laila', 'Lars', 'Leila', 'Liam',
  'Lucia', 'Maya', 'Mateo', 'Mei', 'Miguel', 'Mira', 'Nadia', 'Naveen', 'Nia', 'Noah',
  'Olga', 'Omar', 'Priya', 'Rafael', 'Rania', 'Ravi', 'Rosa', 'Samuel', 'Sara', 'Sean',
  'Sofia', 'Sven', 'Tariq', 'Tomas', 'Uma', 'Valentina', 'Victor', 'Wei', 'Yara', 'Yusuf',
  'Zara', 'Zoe', 'Marek', 'Ingrid', 'Kofi', 'Lena', 'Pablo', 'Keiko', 'Oscar', 'Helga',
] as const;

export const LAST_NAMES = [
  'Abbott', 'Adeyemi', 'Alvarez', 'Andersen', 'Bakker', 'Banerjee', 'Becker', 'Bianchi', 'Brennan', 'Castillo',
  'Chen', 'Costa', 'Dubois', 'Eriksson', 'Fernandes', 'Fischer', 'Garcia', 'Gupta', 'Haddad', 'Hansen',
  'Hoffmann', 'Ibrahim', 'Ito', 'Jansen', 'Johansson', 'Kaur', 'Keller', 'Kim', 'Kowalski', 'Kumar',
  'Larsen', 'Lee', 'Lindqvist', 'Lopez', 'Moreau', 'Mbeki', 'Mendes', 'Meyer', 'Moreno', 'Murphy',
  'Nakamura', 'Nguyen', 'Novak', 'Nwosu', 'Okafor', 'Olsen', 'Ortiz', 'Park', 'Patel', 'Petrov',
  'Quinn', 'Rahman', 'Reyes', 'Rossi', 'Santos', 'Schmidt', 'Schulz', 'Silva', 'Singh', 'Sato',
  'Suzuki', 'Tanaka', 'Torres', 'Tran', 'Varga', 'Vogel', 'Wagner', 'Walsh', 'Wang', 'Weber',
  'Wojcik', 'Yamamoto', 'Yilmaz', 'Zhang', 'Zimmermann', 'Dimitrov', 'Haugen', 'Mensah', 'Romano', 'Sokolov',
] as const;

/** Business domains that own event streams. */
export const DOMAINS = [
  'orders', 'payments', 'inventory', 'shipments', 'billing', 'fraud', 'clickstream', 'search',
  'recommendations', 'notifications', 'customer-360', 'ledger', 'pricing', 'catalog', 'identity',
  'loyalty', 'returns', 'warehouse', 'telemetry', 'routing', 'fleet', 'customs', 'invoicing', 'tracking',
] as const;

/** Kinds of workload a service account runs, with how its description reads. */
export const WORKLOADS = [
  { suffix: 'service', describe: (domain: string) => `Backend of the ${domain} domain; produces and consumes its events` },
  { suffix: 'producer', describe: (domain: string) => `Publishes ${domain} events from the operational database` },
  { suffix: 'consumer', describe: (domain: string) => `Reads ${domain} events for downstream processing` },
  { suffix: 'connector', describe: (domain: string) => `Runs the managed connectors that move ${domain} data` },
  { suffix: 'stream-processor', describe: (domain: string) => `Kafka Streams application enriching ${domain} events` },
  { suffix: 'etl', describe: (domain: string) => `Nightly batch export of ${domain} topics to the warehouse` },
  { suffix: 'flink-job', describe: (domain: string) => `Flink SQL statements computing ${domain} aggregates` },
  { suffix: 'sink', describe: (domain: string) => `Sinks ${domain} topics into the data lake` },
] as const;

/** Service accounts every platform team ends up with. */
export const PLATFORM_ACCOUNTS = [
  { name: 'ci-deployer', description: 'CI pipeline that applies topic and schema changes' },
  { name: 'terraform-runner', description: 'Terraform automation for environments, clusters and role bindings' },
  { name: 'monitoring-exporter', description: 'Exports Confluent Cloud metrics to Prometheus' },
  { name: 'datadog-integration', description: 'Datadog integration reading the Metrics API' },
  { name: 'schema-registry-admin', description: 'Manages schema compatibility settings' },
  { name: 'backup-agent', description: 'Replicates critical topics for disaster recovery' },
  { name: 'audit-log-reader', description: 'Ships audit log events to the SIEM' },
  { name: 'cost-reporter', description: 'Pulls the Costs API for the FinOps dashboard' },
] as const;

export const DEPLOYMENT_TIERS = ['', '-staging', '-dev', '-eu', '-us'] as const;

/** The first environments, in order; later ones are named team-tier. */
export const BASE_ENVIRONMENTS = [
  { name: 'production', tier: 'prod' },
  { name: 'staging', tier: 'staging' },
  { name: 'development', tier: 'dev' },
  { name: 'analytics', tier: 'analytics' },
  { name: 'sandbox', tier: 'sandbox' },
] as const;

export const TEAMS = [
  'payments', 'logistics', 'marketing', 'data-platform', 'ml', 'risk', 'search', 'mobile', 'iot', 'finance',
] as const;

export const CLUSTER_PURPOSES = ['core', 'events', 'ingest', 'cdc', 'streams', 'logs', 'edge'] as const;

export const REGIONS: Record<string, readonly string[]> = {
  AWS: ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1'],
  GCP: ['us-central1', 'europe-west1', 'asia-northeast1'],
  AZURE: ['eastus', 'westeurope', 'westus2'],
};

export const CONNECTOR_NAMES = [
  's3-sink-orders', 'postgres-cdc-customers', 'snowflake-sink-analytics', 'mongodb-source-catalog',
  'elasticsearch-sink-search', 'bigquery-sink-events', 'salesforce-source-crm', 'http-sink-webhooks',
  'datagen-clickstream', 'mysql-cdc-inventory',
] as const;

export const KSQL_NAMES = ['ksql-fraud-detection', 'ksql-order-enrichment', 'ksql-clickstream', 'ksql-inventory'] as const;

export const COMPUTE_POOL_NAMES = ['fraud-scoring', 'eta-prediction', 'sessionization', 'revenue-rollups'] as const;

export const TOPICS = [
  'orders', 'payments', 'shipments', 'inventory-updates', 'customer-profiles', 'fraud-alerts',
  'audit-events', 'tracking-pings', 'invoices', 'price-changes', 'returns', 'notifications',
] as const;

export const TOPIC_PREFIXES = ['clicks-', 'orders-', 'telemetry-', 'cdc.', 'fleet-'] as const;

export const PROMO_CODES = ['KAFKA101', 'CONFLUENTDEV1', 'FLINKFIRST', 'CLOUDSTART400'] as const;
