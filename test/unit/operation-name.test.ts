import { describe, expect, it } from 'vitest';
import { BoundedOperationLabels, operationNameLabel } from '../../src/observability/operation-name.js';

describe('operationNameLabel', () => {
  it.each([
    ['WorkspaceUsageAndAccess', 'WorkspaceUsageAndAccess'],
    ['_private1', '_private1'],
    [null, 'anonymous'],
    [undefined, 'anonymous'],
    ['', 'anonymous'],
    [`Q${'x'.repeat(64)}`, 'other'],
    ['9lives', 'other'],
    ['has space', 'other'],
  ])('labels %s as %s', (name, label) => {
    expect(operationNameLabel(name)).toBe(label);
  });
});

describe('BoundedOperationLabels', () => {
  it('keeps the first names it sees, then labels new ones other', () => {
    const labels = new BoundedOperationLabels(2);
    expect(labels.labelOf('First')).toBe('First');
    expect(labels.labelOf('Second')).toBe('Second');
    expect(labels.labelOf('Third')).toBe('other');
    expect(labels.labelOf('First')).toBe('First');
  });
});
