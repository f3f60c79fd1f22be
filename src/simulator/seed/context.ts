// What every part of the dataset generator shares.
import { timestampAt } from '../../calendar.js';
import { IdFactory } from './ids.js';
import { Prng } from './prng.js';

export class SeedContext {
  private readonly ids: IdFactory;

  constructor(
    readonly seed: number,
    /** Day number of `today`; every generated moment falls before it. */
    readonly today: number,
  ) {
    this.ids = new IdFactory(Prng.stream(seed, 'ids'));
  }

  /** A random stream of its own for one part of the dataset, and ids drawn from it. */
  stream(name: string): { prng: Prng; ids: IdFactory } {
    const prng = Prng.stream(this.seed, name);
    return { prng, ids: this.ids.withStream(prng) };
  }
}

/** A moment on a random day in [fromDay, toDay], never on or after `today`. */
export function randomMoment(prng: Prng, context: SeedContext, fromDay: number, toDay: number): { day: number; at: string } {
  const last = Math.min(toDay, context.today - 1);
  const day = prng.int(Math.min(fromDay, last), last);
  return { day, at: timestampAt(day, prng.int(0, 86_399) + prng.next()) };
}

/** Sorts in place by `metadata.created_at`, the order Confluent lists objects in here. */
export function sortByCreation<T extends { metadata?: { created_at?: string } }>(items: T[]): T[] {
  return items.sort((left, right) => (left.metadata?.created_at ?? '').localeCompare(right.metadata?.created_at ?? ''));
}
