// Deterministic randomness. Each part of the dataset draws from its own named stream, so a change
// in how many users are generated does not reshuffle the clusters or the costs.

/** 32-bit FNV-1a, to turn a stream name into seed material. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** SplitMix32: spreads one seed into well-mixed words for the generator state. */
function splitMix(state: number): () => number {
  let value = state >>> 0;
  return () => {
    value = (value + 0x9e3779b9) >>> 0;
    let mixed = value;
    mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
    mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
    return (mixed ^ (mixed >>> 16)) >>> 0;
  };
}

/** Small Fast Counting generator (sfc32): fast, good quality, 128-bit state. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  private constructor(seed: number) {
    const words = splitMix(seed);
    this.a = words();
    this.b = words();
    this.c = words();
    this.d = words();
    for (let warmUp = 0; warmUp < 12; warmUp++) this.nextWord();
  }

  static stream(seed: number, name: string): Prng {
    return new Prng((seed ^ hashText(name)) >>> 0);
  }

  private nextWord(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextWord() / 4_294_967_296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index--) {
      const other = Math.floor(this.next() * (index + 1));
      [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
    }
    return copy;
  }

  /** Up to `count` distinct items. */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }

  text(length: number, alphabet: string): string {
    let result = '';
    for (let index = 0; index < length; index++) result += alphabet[Math.floor(this.next() * alphabet.length)];
    return result;
  }
}
