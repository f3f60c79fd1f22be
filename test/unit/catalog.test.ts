import { describe, expect, it } from 'vitest';
import { PRODUCT_CATALOG, productOf } from '../../src/catalog/products.js';
import { ROLE_CATALOG, findRole, roleFromUnknownName } from '../../src/catalog/roles.js';

const SCOPE_LEVELS = ['ORGANIZATION', 'WORKSPACE', 'CLUSTER', 'RESOURCE'];
const isSorted = (values: string[]): boolean => values.every((value, i) => i === 0 || (values[i - 1] as string) < value);

describe('role catalog', () => {
  const names = ROLE_CATALOG.map((role) => role.name);

  it('is sorted by name with no duplicates', () => {
    expect(isSorted(names)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
  });

  it('holds the documented roles', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'AccountAdmin',
        'Assigner',
        'BillingAdmin',
        'CloudClusterAdmin',
        'ConnectManager',
        'DataDiscovery',
        'DataSteward',
        'DeveloperManage',
        'DeveloperRead',
        'DeveloperWrite',
        'EnvironmentAdmin',
        'FlinkAdmin',
        'FlinkDeveloper',
        'FlinkFunctionDeveloper',
        'KsqlAdmin',
        'MetricsViewer',
        'NetworkAdmin',
        'Operator',
        'OrganizationAdmin',
        'ResourceKeyAdmin',
        'ResourceOwner',
      ]),
    );
  });

  it('describes every role and gives it valid, distinct scopes', () => {
    for (const role of ROLE_CATALOG) {
      expect(role.description.trim().length, role.name).toBeGreaterThan(20);
      expect(role.scopes.length, role.name).toBeGreaterThan(0);
      expect(new Set(role.scopes).size, role.name).toBe(role.scopes.length);
      for (const scope of role.scopes) expect(SCOPE_LEVELS, role.name).toContain(scope);
    }
  });

  it('places the roles at the levels their CRNs sit at', () => {
    expect(findRole('OrganizationAdmin')?.scopes).toEqual(['ORGANIZATION']);
    expect(findRole('EnvironmentAdmin')?.scopes).toEqual(['WORKSPACE']);
    expect(findRole('CloudClusterAdmin')?.scopes).toEqual(['CLUSTER']);
    expect(findRole('Assigner')?.scopes).toEqual(['RESOURCE']);
    expect(findRole('DeveloperRead')?.scopes).toEqual(['RESOURCE']);
  });

  it('finds a role by exact name, then case-insensitively', () => {
    expect(findRole('CloudClusterAdmin')?.name).toBe('CloudClusterAdmin');
    expect(findRole('cloudclusteradmin')?.name).toBe('CloudClusterAdmin');
    expect(findRole('USMAgent')?.name).toBe('UsmAgent');
    expect(findRole('NoSuchRole')).toBeUndefined();
    expect(findRole('')).toBeUndefined();
  });

  it('represents a role it does not know', () => {
    expect(roleFromUnknownName('CCloudRoleBindingAdmin')).toEqual({
      name: 'CCloudRoleBindingAdmin',
      description: 'A role this catalog does not describe yet.',
      scopes: [],
    });
  });
});

describe('product catalog', () => {
  const codes = PRODUCT_CATALOG.map((product) => product.code);

  it('is sorted by code with no duplicates and names every product', () => {
    expect(isSorted(codes)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    for (const product of PRODUCT_CATALOG) expect(product.name.trim(), product.code).not.toBe('');
  });

  it('holds both published product lists and the support code seen in CLI data', () => {
    expect(codes).toEqual(
      expect.arrayContaining([
        'KAFKA',
        'CONNECT',
        'KSQL',
        'AUDIT_LOG',
        'STREAM_GOVERNANCE',
        'CLUSTER_LINK',
        'SUPPORT_CLOUD_BASIC',
        'SUPPORT_CLOUD_DEVELOPER',
        'SUPPORT_CLOUD_BUSINESS',
        'SUPPORT_CLOUD_PREMIER',
        'CUSTOM_CONNECT',
        'FLINK',
        'TABLEFLOW',
        'USM',
        'SUPPORT_PREMIER',
      ]),
    );
  });

  it.each([
    ['KAFKA', 'Kafka'],
    ['STREAM_GOVERNANCE', 'Stream Governance'],
    ['SUPPORT_CLOUD_BUSINESS', 'Support (Business)'],
    ['CLUSTER_LINK', 'Cluster Linking'],
    ['KSQL', 'ksqlDB'],
    ['FLINK', 'Flink'],
    ['TABLEFLOW', 'Tableflow'],
    ['USM', 'Unified Stream Manager'],
    ['AUDIT_LOG', 'Audit Logs'],
    ['CUSTOM_CONNECT', 'Custom Connectors'],
    ['CONNECT', 'Connect'],
  ])('names %s as %s', (code, name) => {
    expect(productOf(code)).toEqual({ code, id: code, name });
  });

  it('passes an unknown code through as its own name', () => {
    expect(productOf('QUANTUM_STREAMS')).toEqual({ code: 'QUANTUM_STREAMS', id: 'QUANTUM_STREAMS', name: 'QUANTUM_STREAMS' });
    expect(productOf('constructor').name).toBe('constructor');
    expect(productOf('').name).toBe('');
  });

  it('shares one object per catalog product, and keeps none for codes it does not know', () => {
    expect(productOf('KAFKA')).toBe(productOf('KAFKA'));
    expect(productOf('QUANTUM_STREAMS')).not.toBe(productOf('QUANTUM_STREAMS'));
  });
});
