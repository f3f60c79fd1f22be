// The public contract (../shared/contract/operations.graphql), when that folder is beside this
// checkout: each operation on its own, so one that the schema does not serve yet does not fail the
// others sent with it.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';

const CONTRACT = fileURLToPath(new URL('../../../shared/contract/operations.graphql', import.meta.url));

export const contractExists = existsSync(CONTRACT);

export const contractState = contractExists ? 'found' : 'absent: ../shared/contract is not beside this checkout';

/** Each operation's own text, by name. */
export const contractOperations: ReadonlyMap<string, string> = contractExists
  ? operationsByName(readFileSync(CONTRACT, 'utf8'))
  : new Map();

export function operationsByName(source: string): Map<string, string> {
  const operations = parse(source).definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  return new Map(operations.map((operation) => [operation.name?.value ?? '', print(operation)]));
}

/**
 * Operations the contract holds for work still open, by the issue that serves them. They are not
 * served yet; a test checks that each still fails validation, so this list shrinks as they land.
 */
export const NOT_YET_SERVED: ReadonlyMap<string, string> = new Map();

/** The access-review operations, checked in test/contract/access-operations.test.ts. */
export const ACCESS_OPERATIONS = ['ApiKeys', 'Identities', 'PrincipalAccess', 'ClusterAccess', 'AccessFindings'];

/** Checked in test/contract/chargeback-operations.test.ts. */
export const CHARGEBACK_OPERATIONS = ['Chargeback'];

/** The contract's operations that the schema serves, by name. */
export const servedOperations: ReadonlyMap<string, string> = new Map([...contractOperations].filter(([name]) => !NOT_YET_SERVED.has(name)));
