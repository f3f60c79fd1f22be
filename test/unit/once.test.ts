import { describe, expect, it } from 'vitest';
import { perObject } from '../../src/loaders/once.js';

describe('perObject', () => {
  it('makes a value once per object and a new one for another object', () => {
    let made = 0;
    const wrap = perObject((item: { id: string }) => ({ id: item.id, made: ++made }));
    const first = { id: 'a' };
    expect(wrap(first)).toBe(wrap(first));
    expect(wrap({ id: 'a' })).not.toBe(wrap(first));
    expect(made).toBe(2);
  });
});
