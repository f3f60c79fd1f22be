// The eight finding kinds over hand-made facts: each rule fires where it should and nowhere else,
// with its fixed severity, its stable id and the order a reviewer reads them in.
import { describe, expect, it } from 'vitest';
import { accessFindings, FINDING_KINDS, kindsMatching, type AccessFacts, type BindingFacts } from '../../src/access/findings.js';
import { summarizeTraffic, trafficDataOfPoints } from '../../src/access/traffic.js';
import { parseCrn } from '../../src/confluent/crn.js';
import type { ApiKey } from '../../src/confluent/types.js';
import { checkPeriod } from '../../src/usage/period.js';

const ORG = 'crn://confluent.cloud/organization=o-1';
const NOW = Date.parse('2026-06-15T12:00:00Z');

function binding(id: string, principal: string, role: string, crn: string): BindingFacts {
  return {
    binding: { id, principal: `User:${principal}`, role_name: role, crn_pattern: crn },
    scope: parseCrn(crn),
    principal: `User:${principal}`,
  };
}

function key(id: string, owner: string, createdDaysAgo: number, resource = { id: 'lkc-1', kind: 'Cluster', environment: 'env-1' }): ApiKey {
  return {
    id,
    metadata: { created_at: new Date(NOW - createdDaysAgo * 86_400_000).toISOString() },
    spec: { display_name: `key of ${owner}`, owner: { id: owner }, resource },
  };
}

const CLUSTER_CRN = `${ORG}/environment=env-1/cloud-cluster=lkc-1`;
const TOPIC_CRN = `${CLUSTER_CRN}/kafka=lkc-1/topic=orders`;

function facts(overrides: Partial<AccessFacts<BindingFacts>> = {}): AccessFacts<BindingFacts> {
  return {
    now: NOW,
    maxKeyAgeDays: 90,
    bindings: [
      binding('rb-admin', 'sa-terraform', 'OrganizationAdmin', ORG),
      binding('rb-acct', 'sa-ghost', 'AccountAdmin', ORG),
      binding('rb-person-admin', 'u-alice', 'OrganizationAdmin', ORG),
      binding('rb-reader', 'sa-reader', 'DeveloperRead', TOPIC_CRN),
      binding('rb-pool', 'pool-spark', 'CloudClusterAdmin', CLUSTER_CRN),
      binding('rb-gone-group', 'group-old', 'Operator', `${ORG}/environment=env-1`),
      binding('rb-invited', 'u-new', 'EnvironmentAdmin', `${ORG}/environment=env-1`),
    ],
    apiKeys: [key('KEYOFGHOST000001', 'sa-gone', 10), key('KEYOFALICE000001', 'u-alice', 200), key('KEYOFREADER00001', 'sa-reader', 30)],
    principals: {
      ids: new Set(['sa-terraform', 'u-alice', 'sa-reader', 'pool-spark', 'u-new', 'sa-idle']),
      serviceAccountIds: ['sa-terraform', 'sa-reader', 'sa-idle'],
      invitedPersonIds: new Set(['u-new']),
      nameOf: (id) => ({ 'sa-terraform': 'terraform-runner' })[id],
    },
    ...overrides,
  };
}

const ALL_KINDS = kindsMatching({});
const idsOfKind = (findings: ReturnType<typeof accessFindings>, kind: string) =>
  findings.filter((finding) => finding.kind === kind).map((finding) => finding.id);

describe('access findings', () => {
  const findings = accessFindings(ALL_KINDS, facts());

  it('find keys whose owner no longer exists, and no other', () => {
    expect(idsOfKind(findings, 'API_KEY_OF_DELETED_OWNER')).toEqual(['API_KEY_OF_DELETED_OWNER:KEYOFGHOST000001']);
    const finding = findings.find((candidate) => candidate.kind === 'API_KEY_OF_DELETED_OWNER')!;
    expect(finding).toMatchObject({ severity: 'HIGH', principalId: 'sa-gone', roleBinding: null });
    expect(finding.apiKey?.id).toBe('KEYOFGHOST000001');
  });

  it('find service accounts bound to the two admin roles, not people', () => {
    expect(idsOfKind(findings, 'PRIVILEGED_SERVICE_ACCOUNT')).toEqual([
      'PRIVILEGED_SERVICE_ACCOUNT:rb-acct',
      'PRIVILEGED_SERVICE_ACCOUNT:rb-admin',
    ]);
    const admin = findings.find((finding) => finding.id === 'PRIVILEGED_SERVICE_ACCOUNT:rb-admin')!;
    expect(admin.summary).toContain('terraform-runner (sa-terraform)');
    expect(admin.roleBinding?.binding.id).toBe('rb-admin');
  });

  it('find bindings of principals of every kind that no longer exist', () => {
    expect(idsOfKind(findings, 'BINDING_OF_DELETED_PRINCIPAL')).toEqual([
      'BINDING_OF_DELETED_PRINCIPAL:rb-acct',
      'BINDING_OF_DELETED_PRINCIPAL:rb-gone-group',
    ]);
  });

  it('find keys older than the limit, counting from now', () => {
    expect(idsOfKind(findings, 'STALE_API_KEY')).toEqual(['STALE_API_KEY:KEYOFALICE000001']);
    const younger = accessFindings(['STALE_API_KEY'], facts({ maxKeyAgeDays: 20 }));
    expect(younger.map((finding) => finding.id)).toEqual(['STALE_API_KEY:KEYOFALICE000001', 'STALE_API_KEY:KEYOFREADER00001']);
  });

  it('find keys that people own', () => {
    expect(idsOfKind(findings, 'API_KEY_OWNED_BY_PERSON')).toEqual(['API_KEY_OWNED_BY_PERSON:KEYOFALICE000001']);
  });

  it('find invited people who already hold roles, and service accounts with neither role nor key', () => {
    expect(idsOfKind(findings, 'INVITED_USER_WITH_ROLES')).toEqual(['INVITED_USER_WITH_ROLES:u-new']);
    expect(idsOfKind(findings, 'UNUSED_SERVICE_ACCOUNT')).toEqual(['UNUSED_SERVICE_ACCOUNT:sa-idle']);
  });

  it('find inactivity only over a period of traffic, counting only principals with Kafka access', () => {
    expect(idsOfKind(findings, 'INACTIVE_PRINCIPAL')).toEqual([]);
    const period = checkPeriod({ start: '2026-06-08', end: '2026-06-15' }, new Date(NOW));
    const point = (principalId: string, day: string, bytes: number) => ({ day, clusterId: 'lkc-1', principalId, bytes });
    const traffic = summarizeTraffic(
      period,
      trafficDataOfPoints({
        request: [point('sa-reader', '2026-06-10', 1_000), point('u-alice', '2026-06-10', 0)],
        response: [point('sa-reader', '2026-06-11', 5)],
      }),
    );
    const withTraffic = accessFindings(['INACTIVE_PRINCIPAL'], facts({ traffic }));
    // The pool's binding is on the cluster and alice's key is a Kafka key: both idle. The reader was active.
    expect(withTraffic.map((finding) => finding.id)).toEqual(['INACTIVE_PRINCIPAL:pool-spark', 'INACTIVE_PRINCIPAL:u-alice']);
    expect(withTraffic[0]!.summary).toContain('2 days with data');
  });

  it('order by severity, then kind, then id, with the fixed severity of each kind', () => {
    const ranks = { HIGH: 0, MEDIUM: 1, LOW: 2 };
    const severities = findings.map((finding) => ranks[finding.severity]);
    expect(severities).toEqual([...severities].sort());
    for (const finding of findings) expect(finding.severity).toBe(FINDING_KINDS[finding.kind]);
    expect(new Set(findings.map((finding) => finding.id)).size).toBe(findings.length);
  });

  it('filter kinds by name and by minimum severity', () => {
    expect(kindsMatching({ minSeverity: 'HIGH' })).toEqual(['API_KEY_OF_DELETED_OWNER', 'PRIVILEGED_SERVICE_ACCOUNT']);
    expect(kindsMatching({ kinds: ['UNUSED_SERVICE_ACCOUNT', 'STALE_API_KEY'], minSeverity: 'MEDIUM' })).toEqual(['STALE_API_KEY']);
    expect(kindsMatching({ kinds: [] })).toHaveLength(8);
  });
});
