// Billing product codes of the Costs API (`billing/v1` Cost.product) with the names people use.
// The codes are an open enum: both published specs' lists are here, plus SUPPORT_PREMIER seen in
// Confluent's CLI data, and a code not listed is shown as itself.

export interface ProductDefinition {
  code: string;
  name: string;
}

const NAME_BY_CODE: Readonly<Record<string, string>> = {
  AUDIT_LOG: 'Audit Logs',
  CLUSTER_LINK: 'Cluster Linking',
  CONNECT: 'Connect',
  CUSTOM_CONNECT: 'Custom Connectors',
  FLINK: 'Flink',
  KAFKA: 'Kafka',
  KSQL: 'ksqlDB',
  STREAM_GOVERNANCE: 'Stream Governance',
  SUPPORT_CLOUD_BASIC: 'Support (Basic)',
  SUPPORT_CLOUD_BUSINESS: 'Support (Business)',
  SUPPORT_CLOUD_DEVELOPER: 'Support (Developer)',
  SUPPORT_CLOUD_PREMIER: 'Support (Premier)',
  SUPPORT_PREMIER: 'Support (Premier)',
  TABLEFLOW: 'Tableflow',
  USM: 'Unified Stream Manager',
};

export const PRODUCT_CATALOG: readonly ProductDefinition[] = Object.entries(NAME_BY_CODE)
  .map(([code, name]) => ({ code, name }))
  .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

/** A product as the graph shows it: its code is its id, and the catalog or the code itself gives its name. */
export interface ProductRecord {
  code: string;
  id: string;
  name: string;
}

// A Map, not the record: a code such as `constructor` must not reach Object.prototype.
const CATALOG_PRODUCTS = new Map<string, ProductRecord>(PRODUCT_CATALOG.map(({ code, name }) => [code, { code, id: code, name }]));

/**
 * The product of a code. A catalog product is one shared object (a response may show it on
 * thousands of cost lines); a code the catalog does not know gets an object of its own, so codes
 * that clients make up are never kept.
 */
export function productOf(code: string): ProductRecord {
  return CATALOG_PRODUCTS.get(code) ?? { code, id: code, name: code };
}
