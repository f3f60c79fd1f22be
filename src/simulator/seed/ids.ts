// Ids shaped like Confluent's: a type prefix and a short random tail. One factory per dataset
// remembers every id it issued, so two objects never share one.
import type { Prng } from './prng.js';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const MIXED_ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const HEX = '0123456789abcdef';

export class IdFactory {
  constructor(
    private readonly prng: Prng,
    private readonly issued = new Set<string>(),
  ) {}

  /** A factory drawing from another stream but sharing the record of issued ids. */
  withStream(prng: Prng): IdFactory {
    return new IdFactory(prng, this.issued);
  }

  private unique(make: () => string): string {
    for (;;) {
      const id = make();
      if (!this.issued.has(id)) {
        this.issued.add(id);
        return id;
      }
    }
  }

  /** `env-`, `u-`, `sa-`, `lkc-`, … followed by 5 or 6 lower-case letters and digits. */
  lower(prefix: string, minLength = 5, maxLength = 6): string {
    return this.unique(() => prefix + this.prng.text(this.prng.int(minLength, maxLength), LOWER_ALNUM));
  }

  /** `rb-`, `pool-`, `group-`, `op-`: mixed case. */
  mixed(prefix: string, minLength: number, maxLength: number): string {
    return this.unique(() => prefix + this.prng.text(this.prng.int(minLength, maxLength), MIXED_ALNUM));
  }

  /** A 16-character upper-case API key id. */
  apiKey(): string {
    return this.unique(() => this.prng.text(16, UPPER_ALNUM));
  }

  uuid(): string {
    return this.unique(() => {
      const hex = this.prng.text(32, HEX);
      const variant = HEX[8 + this.prng.int(0, 3)];
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
    });
  }
}
