/**
 * How long the data one request read stay fresh: the earliest expiry among them, each counted from
 * when that data was read from Confluent. A response built from them is fresh no longer.
 */
export class Freshness {
  #until = Number.POSITIVE_INFINITY;

  /** Epoch ms; infinite while the request has read nothing that expires. */
  get until(): number {
    return this.#until;
  }

  note(expiresAt: number): void {
    this.#until = Math.min(this.#until, expiresAt);
  }
}
