import { describe, expect, it } from 'vitest';
import {
  crnBelongsTo,
  isAtOrBelowCluster,
  isAtOrBelowEnvironment,
  normalizePrincipal,
  organizationCrn,
  orgWideBindingPattern,
  parseCrn,
  principalTypeOf,
  stripPrincipalPrefix,
} from '../../src/confluent/crn.js';

const ORG = 'crn://confluent.cloud/organization=0d9c4a1e-1111-2222-3333-444455556666';
const ENV = `${ORG}/environment=env-ym2y0k`;
const CLUSTER = `${ENV}/cloud-cluster=lkc-xrk0ng`;
const KAFKA = `${CLUSTER}/kafka=lkc-xrk0ng`;
const SR = `${ENV}/schema-registry=lsrc-8wmqx`;

describe('parseCrn: containers', () => {
  it('reads an organization', () => {
    expect(parseCrn(ORG)).toEqual({
      authority: 'confluent.cloud',
      segments: [{ key: 'organization', value: '0d9c4a1e-1111-2222-3333-444455556666' }],
      organizationId: '0d9c4a1e-1111-2222-3333-444455556666',
      patternType: 'LITERAL',
      scopeLevel: 'ORGANIZATION',
      includesDescendants: false,
    });
  });

  it('reads an environment as a workspace scope', () => {
    const parsed = parseCrn(ENV);
    expect(parsed.scopeLevel).toBe('WORKSPACE');
    expect(parsed.environmentId).toBe('env-ym2y0k');
    expect(parsed.organizationId).toBe('0d9c4a1e-1111-2222-3333-444455556666');
    expect(parsed.resourceType).toBeUndefined();
  });

  it('reads the RBAC cluster scope (cloud-cluster, no kafka suffix)', () => {
    const parsed = parseCrn(CLUSTER);
    expect(parsed.scopeLevel).toBe('CLUSTER');
    expect(parsed.clusterId).toBe('lkc-xrk0ng');
    expect(parsed.resourceType).toBeUndefined();
    expect(parsed.resourceName).toBeUndefined();
  });

  it('reads the Kafka cluster object name (…/cloud-cluster=lkc/kafka=lkc) as the cluster itself', () => {
    const parsed = parseCrn(KAFKA);
    expect(parsed.scopeLevel).toBe('CLUSTER');
    expect(parsed.clusterId).toBe('lkc-xrk0ng');
    expect(parsed.resourceType).toBeUndefined();
  });

  it('takes the cluster from kafka= when there is no cloud-cluster=', () => {
    const parsed = parseCrn(`${ENV}/kafka=lkc-abc/topic=orders`);
    expect(parsed.clusterId).toBe('lkc-abc');
    expect(parsed.scopeLevel).toBe('RESOURCE');
  });

  it('prefers cloud-cluster= over kafka= for the cluster id', () => {
    expect(parseCrn(`${ENV}/cloud-cluster=lkc-a/kafka=lkc-b/topic=t`).clusterId).toBe('lkc-a');
  });

  it('reads a Schema Registry scope as a cluster scope with no Kafka cluster', () => {
    const parsed = parseCrn(SR);
    expect(parsed.scopeLevel).toBe('CLUSTER');
    expect(parsed.schemaRegistryId).toBe('lsrc-8wmqx');
    expect(parsed.clusterId).toBeUndefined();
    expect(parsed.resourceType).toBeUndefined();
  });
});

describe('parseCrn: resources', () => {
  it('reads a literal topic', () => {
    const parsed = parseCrn(`${KAFKA}/topic=orders`);
    expect(parsed).toMatchObject({
      scopeLevel: 'RESOURCE',
      resourceType: 'topic',
      resourceName: 'orders',
      patternType: 'LITERAL',
      clusterId: 'lkc-xrk0ng',
      environmentId: 'env-ym2y0k',
    });
  });

  it('reads a prefixed topic and drops the star from the name', () => {
    const parsed = parseCrn(`${KAFKA}/topic=clicks-*`);
    expect(parsed).toMatchObject({ resourceType: 'topic', resourceName: 'clicks-', patternType: 'PREFIXED' });
    expect(parsed.segments.at(-1)).toEqual({ key: 'topic', value: 'clicks-*' });
  });

  it.each([
    ['group', `${KAFKA}/group=billing-consumers`, 'billing-consumers'],
    ['transactional-id', `${KAFKA}/transactional-id=tx-1`, 'tx-1'],
    ['kek', `${SR}/kek=payments-kek`, 'payments-kek'],
    ['connector', `${CLUSTER}/connector=S3 Sink (orders)`, 'S3 Sink (orders)'],
    ['provider-integration', `${ENV}/provider-integration=cspi-42`, 'cspi-42'],
    ['network', `${ENV}/network=n-abc123`, 'n-abc123'],
    ['peering', `${ENV}/network=n-abc123/peering=peer-1`, 'peer-1'],
  ])('reads a %s', (resourceType, crn, resourceName) => {
    expect(parseCrn(crn)).toMatchObject({ scopeLevel: 'RESOURCE', resourceType, resourceName, patternType: 'LITERAL' });
  });

  it('reads every subject of a Schema Registry (subject=*) as a prefix with an empty name', () => {
    const parsed = parseCrn(`${SR}/subject=*`);
    expect(parsed).toMatchObject({
      scopeLevel: 'RESOURCE',
      resourceType: 'subject',
      resourceName: '',
      patternType: 'PREFIXED',
      schemaRegistryId: 'lsrc-8wmqx',
    });
  });

  it('reads a ksqlDB cluster by display name', () => {
    const parsed = parseCrn(`${CLUSTER}/ksql=orders ksql`);
    expect(parsed).toMatchObject({
      scopeLevel: 'RESOURCE',
      resourceType: 'ksql',
      resourceName: 'orders ksql',
      ksqlClusterName: 'orders ksql',
      clusterId: 'lkc-xrk0ng',
    });
  });

  it('reads a Flink compute pool in its region', () => {
    const parsed = parseCrn(`${ENV}/flink-region=aws.us-east-1/compute-pool=lfcp-8m03rm`);
    expect(parsed).toMatchObject({
      scopeLevel: 'RESOURCE',
      resourceType: 'compute-pool',
      resourceName: 'lfcp-8m03rm',
      flinkRegion: 'aws.us-east-1',
      computePoolId: 'lfcp-8m03rm',
      environmentId: 'env-ym2y0k',
    });
  });

  it('reads a service account scope (Assigner) as a resource of the organization', () => {
    const parsed = parseCrn(`${ORG}/service-account=sa-3p7k0q`);
    expect(parsed).toMatchObject({
      scopeLevel: 'RESOURCE',
      resourceType: 'service-account',
      resourceName: 'sa-3p7k0q',
      serviceAccountId: 'sa-3p7k0q',
    });
    expect(parsed.environmentId).toBeUndefined();
  });

  it('reads an identity provider as a resource, with or without organization', () => {
    expect(parseCrn('crn://confluent.cloud/identity-provider=op-abc')).toMatchObject({
      scopeLevel: 'RESOURCE',
      resourceType: 'identity-provider',
      resourceName: 'op-abc',
      identityProviderId: 'op-abc',
    });
    expect(parseCrn(`${ORG}/identity-provider=op-abc`).identityProviderId).toBe('op-abc');
  });

  it('reads a user without an organization', () => {
    const parsed = parseCrn('crn://confluent.cloud/user=u-1jjv21');
    expect(parsed).toMatchObject({ authority: 'confluent.cloud', scopeLevel: 'RESOURCE', resourceType: 'user', resourceName: 'u-1jjv21' });
    expect(parsed.organizationId).toBeUndefined();
  });

  it('reads an API key under another authority', () => {
    const parsed = parseCrn('crn://api.confluent.cloud/organization=foo/user=u-x/api-key=KEY');
    expect(parsed).toMatchObject({
      authority: 'api.confluent.cloud',
      organizationId: 'foo',
      scopeLevel: 'RESOURCE',
      resourceType: 'api-key',
      resourceName: 'KEY',
    });
  });

  it('keeps unknown segment keys as resource types', () => {
    const parsed = parseCrn(`${ENV}/cloud-cluster=lkc-1/cluster-link=link-a`);
    expect(parsed).toMatchObject({ scopeLevel: 'RESOURCE', resourceType: 'cluster-link', resourceName: 'link-a', clusterId: 'lkc-1' });
    expect(parseCrn(`${ORG}/role-binding=rb-OOXL7`).resourceType).toBe('role-binding');
    expect(parseCrn(`${ORG}/rolebinding=rb-OOXL7`).resourceType).toBe('rolebinding');
  });
});

describe('parseCrn: encoding, descendants and garbage', () => {
  it('decodes URL-encoded keys and values after splitting', () => {
    const parsed = parseCrn(`${KAFKA}/topic=a%3Ab%2Fc%2A`);
    expect(parsed.segments.at(-1)).toEqual({ key: 'topic', value: 'a:b/c*' });
    expect(parsed).toMatchObject({ resourceName: 'a:b/c', patternType: 'PREFIXED' });
  });

  it('decodes an encoded organization CRN and multi-byte characters', () => {
    const parsed = parseCrn('crn://confluent.cloud/organization%3Dorg-1/environment=env-1/cloud-cluster=lkc-1/connector=caf%C3%A9');
    expect(parsed.organizationId).toBe('org-1');
    expect(parsed.resourceName).toBe('café');
  });

  it('keeps malformed escapes as written', () => {
    expect(parseCrn(`${KAFKA}/topic=100%-sure%2`).resourceName).toBe('100%-sure%2');
    expect(parseCrn(`${KAFKA}/topic=bad%E0%A4%A`).resourceName).toBe('bad%E0%A4%A');
    expect(parseCrn(`${KAFKA}/topic=x%3Ay%ZZ`).resourceName).toBe('x:y%ZZ');
  });

  it('strips a trailing /* and records that nested scopes are included', () => {
    const parsed = parseCrn(`${ORG}/*`);
    expect(parsed).toMatchObject({ scopeLevel: 'ORGANIZATION', includesDescendants: true, patternType: 'LITERAL' });
    expect(parsed.segments).toHaveLength(1);
    expect(parseCrn(`${ENV}/%2A`)).toMatchObject({ scopeLevel: 'WORKSPACE', includesDescendants: true });
  });

  it('accepts a scheme in any case, stray slashes and surrounding space', () => {
    const parsed = parseCrn('  CRN://confluent.cloud//organization=o-1//environment=env-1/  ');
    expect(parsed).toMatchObject({ authority: 'confluent.cloud', organizationId: 'o-1', environmentId: 'env-1', scopeLevel: 'WORKSPACE' });
  });

  it('reads segments without the crn:// scheme', () => {
    expect(parseCrn('organization=o-1/environment=env-1')).toMatchObject({
      authority: '',
      organizationId: 'o-1',
      environmentId: 'env-1',
      scopeLevel: 'WORKSPACE',
    });
  });

  it('keeps an = inside a value, literal or encoded', () => {
    expect(parseCrn(`${KAFKA}/topic=a=b`).resourceName).toBe('a=b');
    expect(parseCrn(`${KAFKA}/topic=a%3Db`).segments.at(-1)).toEqual({ key: 'topic', value: 'a=b' });
  });

  it('skips parts that are not key=value', () => {
    const parsed = parseCrn(`${ENV}/garbage/=no-key`);
    expect(parsed.segments.map((segment) => segment.key)).toEqual(['organization', 'environment']);
    expect(parsed.scopeLevel).toBe('WORKSPACE');
  });

  it.each(['', 'not a crn', 'crn://', 'crn://confluent.cloud', 'crn://confluent.cloud/', '///', '*'])(
    'never throws on %j and reports the broadest level',
    (garbage) => {
      const parsed = parseCrn(garbage);
      expect(parsed.segments).toEqual([]);
      expect(parsed.scopeLevel).toBe('ORGANIZATION');
      expect(parsed.patternType).toBe('LITERAL');
      expect(parsed.resourceType).toBeUndefined();
    },
  );

  it('survives a non-string from untyped callers', () => {
    expect(parseCrn(undefined as unknown as string).segments).toEqual([]);
  });
});

describe('scope membership', () => {
  it('puts environment, cluster and resource bindings in their environment, not organization ones', () => {
    for (const crn of [
      ENV,
      `${ENV}/*`,
      CLUSTER,
      `${KAFKA}/topic=t`,
      `${SR}/subject=s`,
      `${ENV}/flink-region=aws.us-east-1/compute-pool=lfcp-1`,
    ]) {
      expect(isAtOrBelowEnvironment(parseCrn(crn), 'env-ym2y0k')).toBe(true);
    }
    expect(isAtOrBelowEnvironment(parseCrn(ORG), 'env-ym2y0k')).toBe(false);
    expect(isAtOrBelowEnvironment(parseCrn(`${ORG}/*`), 'env-ym2y0k')).toBe(false);
    expect(isAtOrBelowEnvironment(parseCrn(`${ORG}/service-account=sa-1`), 'env-ym2y0k')).toBe(false);
    expect(isAtOrBelowEnvironment(parseCrn(`${ORG}/environment=env-other`), 'env-ym2y0k')).toBe(false);
  });

  it('puts cluster and in-cluster bindings in their Kafka cluster', () => {
    for (const crn of [CLUSTER, KAFKA, `${KAFKA}/group=g`, `${CLUSTER}/connector=c`, `${CLUSTER}/ksql=k`]) {
      expect(isAtOrBelowCluster(parseCrn(crn), 'lkc-xrk0ng')).toBe(true);
    }
    expect(isAtOrBelowCluster(parseCrn(ENV), 'lkc-xrk0ng')).toBe(false);
    expect(isAtOrBelowCluster(parseCrn(SR), 'lkc-xrk0ng')).toBe(false);
    expect(isAtOrBelowCluster(parseCrn(`${ENV}/cloud-cluster=lkc-xrk0ng2`), 'lkc-xrk0ng')).toBe(false);
  });

  it('combines environment and cluster in crnBelongsTo', () => {
    expect(crnBelongsTo(`${KAFKA}/topic=t`, { environmentId: 'env-ym2y0k', clusterId: 'lkc-xrk0ng' })).toBe(true);
    expect(crnBelongsTo(`${KAFKA}/topic=t`, { environmentId: 'env-other' })).toBe(false);
    expect(crnBelongsTo(ENV, { environmentId: 'env-ym2y0k', clusterId: 'lkc-xrk0ng' })).toBe(false);
    expect(crnBelongsTo(ORG, {})).toBe(true);
  });
});

describe('organization patterns', () => {
  it('builds the organization CRN and the pattern for every binding in it', () => {
    expect(organizationCrn('org-1')).toBe('crn://confluent.cloud/organization=org-1');
    expect(orgWideBindingPattern('org-1')).toBe('crn://confluent.cloud/organization=org-1/*');
    expect(parseCrn(orgWideBindingPattern('org-1'))).toMatchObject({ organizationId: 'org-1', includesDescendants: true });
  });
});

describe('principals', () => {
  it.each([
    ['User:u-abc123', 'HUMAN'],
    ['u-abc123', 'HUMAN'],
    ['User:sa-3p7k0q', 'SERVICE_ACCOUNT'],
    ['User:pool-Xy12', 'IDENTITY_POOL'],
    ['User:group-a1b2', 'GROUP_MAPPING'],
    ['User:alice@example.com', 'OTHER'],
    ['Group:admins', 'OTHER'],
    ['User:', 'OTHER'],
    ['', 'OTHER'],
  ])('types %j as %s', (principal, type) => {
    expect(principalTypeOf(principal)).toBe(type);
  });

  it('writes a principal as Confluent does', () => {
    expect(normalizePrincipal('u-abc')).toBe('User:u-abc');
    expect(normalizePrincipal('User:u-abc')).toBe('User:u-abc');
    expect(normalizePrincipal('user:sa-1')).toBe('User:sa-1');
    expect(normalizePrincipal('  pool-9 ')).toBe('User:pool-9');
    expect(normalizePrincipal('Group:admins')).toBe('Group:admins');
    expect(normalizePrincipal('')).toBe('');
  });

  it('strips the principal type', () => {
    expect(stripPrincipalPrefix('User:u-abc')).toBe('u-abc');
    expect(stripPrincipalPrefix('u-abc')).toBe('u-abc');
    expect(stripPrincipalPrefix(' User:sa-1 ')).toBe('sa-1');
  });
});
