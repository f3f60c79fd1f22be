import { describe, expect, it } from 'vitest';
import { utf8Bytes } from '../../src/http/utf8-bytes.js';

describe('utf8Bytes', () => {
  it.each([
    ['ASCII', '{"data":{"name":"orders-prod"}}'],
    ['Latin-1 letters', '{"name":"Zoë Müller"}'],
    ['characters past Latin-1 that Latin-1 would cut to ASCII bytes', '{"name":"Łukasz Ā"}'],
    ['astral characters', '{"name":"🚀 orders"}'],
    ['a lone surrogate', '{"name":"\ud800"}'],
    ['nothing', ''],
  ])('encodes %s as Buffer.from does', (_, text) => {
    expect(utf8Bytes(text).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });
});
