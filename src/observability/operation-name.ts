// Operation names come from clients, so they are free text: before one becomes a metric label or a
// span name it is checked for shape, and metrics also cap how many distinct names they keep.

const SAFE_OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The label of an operation: its own name when it looks like one, `anonymous` or `other`. */
export function operationNameLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  return SAFE_OPERATION_NAME.test(name) ? name : 'other';
}

/**
 * Labels for a metric: the first `limit` distinct names keep their own label, later ones become
 * `other`, so a client inventing names cannot grow the metric without bound.
 */
export class BoundedOperationLabels {
  readonly #seen = new Set<string>();
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  labelOf(name: string | null | undefined): string {
    const label = operationNameLabel(name);
    if (this.#seen.has(label)) return label;
    if (this.#seen.size >= this.#limit) return 'other';
    this.#seen.add(label);
    return label;
  }
}
