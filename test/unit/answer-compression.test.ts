import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { answerEncodingFor, compressed } from '../../src/http/answer-compression.js';

describe('answerEncodingFor', () => {
  it.each([
    ['gzip, br, deflate', 'br'], // Apollo Router's: equal weights, Brotli preferred
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['gzip;q=0.2, br;q=0.8', 'br'],
    ['*', 'br'],
    ['BR', 'br'],
  ])('picks an encoding the client accepts: %s -> %s', (acceptEncoding, expected) => {
    expect(answerEncodingFor({ 'accept-encoding': acceptEncoding })).toBe(expected);
  });

  it.each([['deflate'], ['identity'], [''], ['br;q=0, gzip;q=0'], ['*;q=0'], ['zstd']])(
    'sends the answer as it is when the client accepts neither: %j',
    (acceptEncoding) => {
      expect(answerEncodingFor({ 'accept-encoding': acceptEncoding })).toBeUndefined();
    },
  );

  it('sends the answer as it is without an Accept-Encoding header', () => {
    expect(answerEncodingFor({})).toBeUndefined();
  });
});

describe('compressed', () => {
  const bytes = Buffer.from(JSON.stringify({ data: { items: Array.from({ length: 500 }, (_, i) => ({ id: `item-${i}`, amount: i / 7 })) } }));

  it('compresses to bytes that decode to the answer, in each encoding', async () => {
    const br = await compressed(bytes, 'br');
    const gzip = await compressed(bytes, 'gzip');
    expect(br.length).toBeLessThan(bytes.length / 4);
    expect(gzip.length).toBeLessThan(bytes.length / 4);
    expect(brotliDecompressSync(br).equals(bytes)).toBe(true);
    expect(gunzipSync(gzip).equals(bytes)).toBe(true);
  });

  it('compresses the same bytes once per encoding, however often they are sent', () => {
    const kept = Buffer.from(bytes);
    const first = compressed(kept, 'br');
    expect(compressed(kept, 'br')).toBe(first);
    expect(compressed(kept, 'gzip')).not.toBe(first);
    // Equal bytes that are not the same bytes (another answer) are compressed on their own.
    expect(compressed(Buffer.from(bytes), 'br')).not.toBe(first);
  });
});
