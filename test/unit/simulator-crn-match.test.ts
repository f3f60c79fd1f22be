import { describe, expect, it } from 'vitest';
import { crnQueryMatches, normalizeCrn } from '../../src/simulator/crn-match.js';

const org = 'crn://confluent.cloud/organization=1111aaaa-11aa-11aa-11aa-111111aaaaaa';
const environment = `${org}/environment=env-abc12`;
const cluster = `${environment}/cloud-cluster=lkc-xyz98`;

describe('normalizeCrn', () => {
  it('decodes %3A and other escapes, and drops a trailing slash', () => {
    expect(normalizeCrn(`${cluster}/kafka=lkc-xyz98/topic=a%3Ab/`)).toBe(`${cluster}/kafka=lkc-xyz98/topic=a:b`);
    expect(normalizeCrn('crn%3A//confluent.cloud/organization=x')).toBe('crn://confluent.cloud/organization=x');
  });

  it('leaves a malformed escape as it is', () => {
    expect(normalizeCrn(`${org}/topic=100%`)).toBe(`${org}/topic=100%`);
    expect(normalizeCrn(`${org}/topic=%E0%A4`)).toBe(`${org}/topic=%E0%A4`);
  });
});

describe('crnQueryMatches', () => {
  it('matches only the exact scope without /*', () => {
    expect(crnQueryMatches(environment, environment)).toBe(true);
    expect(crnQueryMatches(environment, cluster)).toBe(false);
    expect(crnQueryMatches(environment, org)).toBe(false);
  });

  it('matches the scope and everything below it with /*', () => {
    expect(crnQueryMatches(`${environment}/*`, environment)).toBe(true);
    expect(crnQueryMatches(`${environment}/*`, `${cluster}/kafka=lkc-xyz98/topic=orders`)).toBe(true);
    expect(crnQueryMatches(`${environment}/*`, org)).toBe(false);
  });

  it('does not take a sibling whose id merely starts the same for a child', () => {
    expect(crnQueryMatches(`${environment}/*`, `${org}/environment=env-abc123`)).toBe(false);
  });

  it('treats %3A and : alike on both sides', () => {
    const subject = `${environment}/schema-registry=lsrc-1/subject=:.staging:orders-value`;
    expect(crnQueryMatches(subject, subject.replaceAll(':.', '%3A.').replace('g:', 'g%3A'))).toBe(true);
    expect(crnQueryMatches(subject.replaceAll(':', '%3A').replace('crn%3A', 'crn:'), subject)).toBe(true);
  });

  it('reads a trailing * on a value as part of the literal pattern, not as /*', () => {
    const prefixed = `${cluster}/kafka=lkc-xyz98/topic=clicks-*`;
    expect(crnQueryMatches(prefixed, prefixed)).toBe(true);
    expect(crnQueryMatches(prefixed, `${cluster}/kafka=lkc-xyz98/topic=clicks-eu`)).toBe(false);
  });
});
