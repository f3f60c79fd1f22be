import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PassedChecks } from '../../src/graphql/passed-checks.js';

const operationOf = (query: string) => parse(query).definitions[0] as OperationDefinitionNode;

describe('PassedChecks', () => {
  it('runs a check once per operation and variables it passed with', () => {
    const passed = new PassedChecks();
    const operation = operationOf('query Q($first: Int) { users(first: $first) { totalCount } }');
    const runs: unknown[] = [];
    const check = (variables: Record<string, unknown>) => passed.run(operation, variables, () => runs.push(variables));

    check({ first: 10 });
    check({ first: 10 });
    check({ first: 20 });
    passed.run(operationOf('query Q($first: Int) { users(first: $first) { totalCount } }'), { first: 10 }, () => runs.push('other operation'));

    expect(runs).toEqual([{ first: 10 }, { first: 20 }, 'other operation']);
  });

  it('runs a check that failed again, every time', () => {
    const passed = new PassedChecks();
    const operation = operationOf('{ users(first: 1000) { totalCount } }');
    const failing = () => {
      throw new Error('too many');
    };
    expect(() => passed.run(operation, {}, failing)).toThrow('too many');
    expect(() => passed.run(operation, {}, failing)).toThrow('too many');
  });

  it('keeps the latest variable sets of an operation sent with ever-new ones', () => {
    const passed = new PassedChecks();
    const operation = operationOf('query Q($id: ID!) { user(id: $id) { id } }');
    for (let index = 0; index < 100; index++) passed.run(operation, { id: `u-${index}` }, () => undefined);
    const ran: string[] = [];
    for (const id of ['u-0', 'u-99']) passed.run(operation, { id }, () => ran.push(id));
    expect(ran).toEqual(['u-0']);
  });
});
