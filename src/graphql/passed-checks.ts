// Remembers which variables an operation has passed a check with. Apollo keeps each parsed
// document, so the same operation node comes back with every request of that query; a check that
// depends only on the operation and its variables (argument formats, the connection cost) need not
// walk the document again for variables it has already passed with, as a dashboard's repeated
// query, answered from the answer cache, would otherwise have it do on every request.
import type { OperationDefinitionNode } from 'graphql';

/** Variable sets remembered per operation: a query sent with ever-new variables keeps the latest. */
const REMEMBERED_PER_OPERATION = 64;

export class PassedChecks {
  readonly #passed = new WeakMap<OperationDefinitionNode, Set<string>>();

  /** Runs `check` (which throws to fail) unless the operation passed it with these variables before. */
  run(operation: OperationDefinitionNode, variables: Record<string, unknown>, check: () => void): void {
    const key = JSON.stringify(variables);
    let passed = this.#passed.get(operation);
    if (passed?.has(key)) return;
    check();
    if (!passed) this.#passed.set(operation, (passed = new Set()));
    if (passed.size >= REMEMBERED_PER_OPERATION) passed.delete(passed.values().next().value!);
    passed.add(key);
  }
}
