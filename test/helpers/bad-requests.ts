// A generated catalogue of bad HTTP requests to /graphql: malformed bodies, wrong content types and
// methods, wrong variables, bad enum values, ids, cursors and dates, and operations over the limits.
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { encodeCursor } from '../../src/graphql/connections.js';
import { EXAMPLE_OPERATIONS } from '../../src/http/example-operations.js';
import { aliasedIds, directives, queryOfDepth, rootFields, tokens } from './limit-queries.js';

export interface BadRequest {
  name: string;
  method: string;
  /** Appended to /graphql: a query string for GET requests. */
  search?: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Set on the few that can only be refused while executing; every other one is refused before. */
  executes?: boolean;
  /** Hostile but well-formed: it may be served (with no data, say) rather than refused. */
  mayBeServed?: boolean;
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const post = (name: string, body: string | Uint8Array, headers: Record<string, string> = JSON_HEADERS): BadRequest => ({
  name,
  method: 'POST',
  headers,
  body,
});
const graphql = (name: string, query: unknown, variables?: unknown, extra: Record<string, unknown> = {}) =>
  post(name, JSON.stringify({ query, variables, ...extra }));

const base64url = (text: string) => Buffer.from(text).toString('base64url');
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

const GOOD_QUERY = '{ organization { id } }';

const malformedJson = [
  '',
  ' ',
  '{',
  '}',
  '{"query": ',
  '{"query": "{ organization { id } }"',
  '{query: "{ organization { id } }"}',
  "{'query': '{ organization { id } }'}",
  '{"query": "{ organization { id } }",}',
  '{"query": "\\x41"}',
  '{"query": "\\u12"}',
  '{"query" "x"}',
  'null',
  'true',
  '42',
  '"{ organization { id } }"',
  'NaN',
  '{"query": NaN}',
  '{"query": undefined}',
  '\u0000',
  '{"a":1}{"b":2}',
  '[{"query": "{ organization { id } }"}',
  '{"query": "{ organization { id } }"} trailing',
  '{"variables": {"first": 1e999999}}',
  '{"__proto__": {"query": "{ organization { id } }"}}',
  '{' + '"a":{'.repeat(5_000) + '}'.repeat(5_001),
].map((body, i) => post(`malformed JSON #${i}`, body));

const contentTypes = [
  'text/plain',
  'text/plain; charset=utf-8',
  'text/html',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/graphql',
  'application/octet-stream',
  'application/jsonx',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'image/png',
].map((type) => post(`content type ${type}`, JSON.stringify({ query: GOOD_QUERY }), { 'content-type': type }));
const encodings = [
  post('no content type', new TextEncoder().encode(JSON.stringify({ query: GOOD_QUERY })), {}),
  post('gzip that is not gzip', JSON.stringify({ query: GOOD_QUERY }), { ...JSON_HEADERS, 'content-encoding': 'gzip' }),
  post('unsupported content encoding', JSON.stringify({ query: GOOD_QUERY }), { ...JSON_HEADERS, 'content-encoding': 'compress' }),
];

const variableCases: Array<[string, string, unknown[]]> = [
  [
    'first',
    'query ($v: Int) { organizations(first: $v) { totalCount } }',
    ['ten', 1.5, true, {}, [], '1', 2 ** 31, -(2 ** 31) - 1, 0, 101, -1],
  ],
  ['id', 'query ($v: ID!) { user(id: $v) { id } }', [null, {}, [], true, 1.5]],
  [
    'period',
    'query ($v: DateRangeInput!) { usageSummary(period: $v) { amount } }',
    [
      null,
      '2026-01',
      [],
      {},
      { start: 1, end: 2 },
      { start: '2026-01-01' },
      { end: '2026-01-01' },
      { start: '2026-01-01', end: null },
      { start: isoDay(-30), end: isoDay(-1), extra: true },
    ],
  ],
  ['user type', 'query ($v: UserType) { users(filter: { type: $v }) { totalCount } }', ['ROBOT', 'human', 1, true, {}, ['HUMAN']]],
  [
    'groupBy',
    `query ($v: [UsageDimension!]!) { usageSummary(period: { start: "${isoDay(-30)}", end: "${isoDay(-1)}" }, groupBy: $v) { amount } }`,
    [['QUARTER'], [null], [1], null, 'week', [{}]],
  ],
  [
    'representations',
    'query ($v: [_Any!]!) { _entities(representations: $v) { __typename } }',
    [null, [null], [{}], [{ id: 'u-1' }], [{ __typename: 'Nope', id: 'x' }], [{ __typename: 'User' }]],
  ],
  ['filter', 'query ($v: RoleBindingFilter) { roleBindings(filter: $v) { totalCount } }', ['x', 1, [], { roleName: 5 }, { unknown: 'x' }]],
];
const wrongVariables = variableCases.flatMap(([name, query, values]) =>
  values.map((value) => graphql(`variable ${name} = ${JSON.stringify(value)}`, query, { v: value })),
);
const variablesOfWrongShape = ['a string', 42, true, ['array'], 'null-prototype'].map((variables) =>
  graphql(`variables ${JSON.stringify(variables)}`, 'query ($first: Int) { users(first: $first) { totalCount } }', variables),
);
const undeclaredVariables = [
  graphql('missing required variable', 'query ($id: ID!) { user(id: $id) { id } }', {}),
  graphql('undeclared variable', '{ user(id: $id) { id } }', { id: 'u-1' }),
  graphql('unused variable', 'query ($id: ID!) { organization { id } }', { id: 'u-1' }),
];

const unknownEnums = [
  '{ users(filter: { type: ROBOT }) { totalCount } }',
  '{ users(filter: { type: "HUMAN" }) { totalCount } }',
  '{ users(filter: { status: PENDING }) { totalCount } }',
  '{ users(filter: { type: human }) { totalCount } }',
  `{ usageSummary(period: { start: "${isoDay(-30)}", end: "${isoDay(-1)}" }, groupBy: [QUARTER]) { amount } }`,
  `{ usageSummary(period: { start: "${isoDay(-30)}", end: "${isoDay(-1)}" }, groupBy: ["DAY"]) { amount } }`,
  `{ usageSummary(period: { start: "${isoDay(-30)}", end: "${isoDay(-1)}" }, groupBy: [null]) { amount } }`,
  '{ users(filter: { type: true }) { totalCount } }',
  '{ users(filter: { type: 1 }) { totalCount } }',
  '{ users(filter: { type: null, status: NOPE }) { totalCount } }',
].map((query, i) => graphql(`unknown enum value #${i}`, query));

const BAD_IDS = [
  '',
  ' ',
  '-',
  'u-abc/../../organizations',
  '../../../etc/passwd',
  '%2e%2e%2f',
  'u-abc?page_size=1',
  'u-abc#x',
  'u-\u0000',
  'env-😀',
  'a'.repeat(129),
  'u-abc def',
  '\n',
  'u-abc\r\nX-Injected: 1',
  '<script>',
  "' OR 1=1 --",
];
const badIds = [
  'user(id: $id) { id }',
  'node(id: $id) { id }',
  'workspace(id: $id) { id }',
  'organization(id: $id) { id }',
  'product(id: $id) { id }',
].flatMap((field) =>
  BAD_IDS.map((id) => graphql(`id ${JSON.stringify(id).slice(0, 30)} in ${field.split('(')[0]}`, `query ($id: ID!) { ${field} }`, { id })),
);

const BAD_CURSORS = [
  '',
  'abc',
  'not a cursor',
  '====',
  base64url('[]'),
  base64url('null'),
  base64url('{}'),
  base64url('{"v":2,"k":"users","o":1,"id":"u-1"}'),
  base64url('{"v":1,"k":"users","o":-1,"id":"u-1"}'),
  base64url('{"v":1,"k":"users","o":1.5,"id":"u-1"}'),
  base64url('{"v":1,"k":5,"o":1,"id":"u-1"}'),
  base64url('{"v":1,"k":"users","o":1}'),
  base64url('{"v":1,"k":"users","o":1e400,"id":"u-1"}'),
  'x'.repeat(10_000),
];
const badCursors = [
  ...['users', 'organizations', 'roleBindings', 'workspaces', 'roles'].flatMap((field) =>
    BAD_CURSORS.map((after, i) =>
      graphql(`cursor #${i} on ${field}`, `query ($after: String) { ${field}(after: $after) { totalCount } }`, { after }),
    ),
  ),
  {
    ...graphql('cursor of another list', 'query ($after: String) { users(after: $after) { totalCount } }', {
      after: encodeCursor('workspaces', 1, 'env-1'),
    }),
    executes: true,
  },
  graphql('bad cursor deep in the tree', 'query ($after: String) { workspaces { nodes { clusters(after: $after) { totalCount } } } }', {
    after: 'nope',
  }),
];

const BAD_PERIODS: Array<[string, string]> = [
  ['2026-02-30', '2026-03-01'],
  ['2026-13-01', '2026-14-01'],
  ['yesterday', 'today'],
  ['', ''],
  ['2026-1-1', '2026-2-1'],
  ['01/01/2026', '02/01/2026'],
  [isoDay(-3), isoDay(-5)],
  [isoDay(-3), isoDay(-3)],
  [isoDay(-400), isoDay(-380)],
  [isoDay(-10), isoDay(5)],
  ['2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'],
  ['0000-00-00', '9999-99-99'],
  ['+002026-01-01', '2026-02-01'],
  ['2026-01-01 ', '2026-02-01'],
];
const badDates = [
  'usageSummary(period: $period) { amount }',
  'usage(period: $period) { totalCount }',
  'products(period: $period) { totalCount }',
  'workspaces { nodes { usageSummary(period: $period) { amount } } }',
].flatMap((field) =>
  BAD_PERIODS.map(([start, end]) =>
    graphql(`period ${start}..${end} in ${field.split('(')[0]}`, `query ($period: DateRangeInput!) { ${field} }`, {
      period: { start, end },
    }),
  ),
);

const overLimits = [
  graphql('depth 13', queryOfDepth(13)),
  graphql('depth 40', queryOfDepth(40)),
  graphql('31 aliases', aliasedIds(31)),
  graphql('500 aliases', aliasedIds(500)),
  graphql('21 root fields', rootFields(21)),
  graphql('51 directives', directives(51)),
  graphql('5001 tokens', tokens(5_001)),
  graphql('50,000 tokens', tokens(50_000)),
  graphql(
    'connection cost over the limit',
    '{ workspaces(first: 100) { nodes { clusters(first: 100) { nodes { roleBindings(first: 100) { totalCount } } } } } }',
  ),
  graphql('501 representations', 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', {
    r: Array.from({ length: 501 }, (_, i) => ({ __typename: 'User', id: `u-${i}` })),
  }),
  // Each fragment spreads the one before twice: 2^30 selections once spread out.
  graphql(
    'fragment bomb',
    `
      {
        ...F30
      }
      ${Array.from({ length: 31 }, (_, i) => (i === 0 ? 'fragment F0 on Query { organization { id } }' : `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`)).join(' ')}
    `,
  ),
  graphql('fragment cycle', '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
  graphql('repeated fields', `{ organization { ${'id '.repeat(2_000)}} }`),
];

const hugeBodies = [
  graphql('2 MB query', `{ organization { id } } #${'x'.repeat(2_000_000)}`),
  graphql('2 MB variables', 'query ($id: ID!) { user(id: $id) { id } }', { id: 'u-'.padEnd(2_000_000, 'a') }),
  post('2 MB of whitespace', ' '.repeat(2_000_000)),
];

const arrayBodies = [
  '[]',
  '[{"query": "{ organization { id } }"}]',
  JSON.stringify([{ query: GOOD_QUERY }, { query: GOOD_QUERY }]),
  '[1]',
  '[null]',
  '[[]]',
].map((body, i) => post(`array body #${i}`, body));

const wrongMethods = ['PUT', 'DELETE', 'PATCH', 'HEAD'].map((method): BadRequest => ({
  name: `method ${method}`,
  method,
  headers: JSON_HEADERS,
  body: method === 'HEAD' ? undefined : JSON.stringify({ query: GOOD_QUERY }),
}));

const missingQuery = [
  {},
  { variables: {} },
  { operationName: 'Q' },
  { query: null },
  { query: '' },
  { query: '   ' },
  { query: '# only a comment' },
  { extensions: {} },
].map((body, i) => post(`missing query #${i}`, JSON.stringify(body)));

const nonStringQuery = [123, true, {}, [], [GOOD_QUERY], { query: GOOD_QUERY }, 1.5].map((query) =>
  graphql(`query ${JSON.stringify(query)}`, query),
);

const badParameters = [
  graphql('operationName is a number', GOOD_QUERY, undefined, { operationName: 5 }),
  graphql('operationName is an object', GOOD_QUERY, undefined, { operationName: {} }),
  graphql('unknown operationName', 'query A { organization { id } }', undefined, { operationName: 'B' }),
  graphql('two operations and no name', 'query A { organization { id } } query B { organization { name } }'),
  graphql('extensions is a string', GOOD_QUERY, undefined, { extensions: 'x' }),
  graphql('extensions is an array', GOOD_QUERY, undefined, { extensions: [] }),
  graphql('unknown persisted query', undefined, undefined, { extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
  graphql('persisted query of another version', undefined, undefined, { extensions: { persistedQuery: { version: 2, sha256Hash: 'x' } } }),
];

const syntaxErrors = [
  '{',
  '}',
  'query {',
  '{ organization { id }',
  '{ organization { id } } }',
  'query Q($a: ) { organization { id } }',
  'fragment F on Organization { id }',
  '{ organization(id: ) { id } }',
  '{ organization { id ...on } }',
  'query { organization { id } } extra',
  '"string"',
  '123',
  '{ organization { id @ } }',
  '{ organization { id } } query',
  '{ organization { "id" } }',
  '{ 0rganization { id } }',
  '\u0001',
  '{ organization { id: } }',
  'query Q Q { organization { id } }',
  'type Query { x: Int }',
  'schema { query: Query }',
].map((query, i) => graphql(`syntax error #${i}`, query));

const validationErrors = [
  '{ nope }',
  '{ organization { nope } }',
  '{ organization }',
  '{ organization { id { x } } }',
  '{ user { id } }',
  '{ user(id: "u-1", extra: 1) { id } }',
  '{ organizations(first: "ten") { totalCount } }',
  '{ organizations(first: 1.5) { totalCount } }',
  '{ users(first: 1, first: 2) { totalCount } }',
  'mutation { organization { id } }',
  'subscription { organization { id } }',
  '{ ...F } fragment F on Nope { id }',
  '{ ...Missing }',
  '{ organization { ... on User { id } } }',
  'query Q { organization { id } } query Q { organization { name } }',
  '{ a: organization { id } a: organizations { totalCount } }',
  '{ organization { id @nope } }',
  '{ organization { id @include } }',
  '{ organization { id @include(if: "yes") } }',
  '{ __schema { nope } }',
  '{ node(id: "u-1") { email } }',
  '{ usageSummary { amount } }',
].map((query, i) => graphql(`validation error #${i}`, query));

const PREFLIGHT = { 'apollo-require-preflight': 'true' };
const getRequests: BadRequest[] = (
  [
    ['query=', {}],
    [`query=${encodeURIComponent(GOOD_QUERY)}`, {}],
    [`query=${encodeURIComponent('{ organization {')}`, PREFLIGHT],
    [`query=${encodeURIComponent('mutation { x }')}`, PREFLIGHT],
    [`query=${encodeURIComponent(GOOD_QUERY)}&variables=notjson`, PREFLIGHT],
    [`query=${encodeURIComponent(GOOD_QUERY)}&extensions=%7B`, PREFLIGHT],
    ['variables=%7B%7D', PREFLIGHT],
    ['query=%E0%A4%A', PREFLIGHT],
    [`query=${encodeURIComponent(queryOfDepth(13))}`, PREFLIGHT],
    [`query=${encodeURIComponent(GOOD_QUERY)}&query=${encodeURIComponent(GOOD_QUERY)}`, PREFLIGHT],
  ] as Array<[string, Record<string, string>]>
).map(([search, headers], i) => ({ name: `GET #${i}`, method: 'GET', search: `?${search}`, headers }));

/** Values meant to break whatever takes them: sizes, nesting, encodings, paths and wrong types. */
const HOSTILE_VALUES: Array<[string, unknown]> = [
  ['empty', ''],
  ['100,000 characters', 'x'.repeat(100_000)],
  ['nested 1,000 deep', JSON.parse(`${'['.repeat(1_000)}1${']'.repeat(1_000)}`)],
  ['a deep object', JSON.parse(`${'{"a":'.repeat(500)}1${'}'.repeat(500)}`)],
  ['unicode', 'e\u0301\u202e😀\uFFFF'],
  ['a lone surrogate', '\uD800'],
  ['NUL', 'u-\u0000'],
  ['a path', '../../iam/v2/api-keys'],
  ['an encoded path', '..%2F..%2Fiam%2Fv2%2Fapi-keys'],
  ['a query string', 'env-1?page_size=1000&crn_pattern=*'],
  ['a fragment', 'u-1#frag'],
  ['CRLF', 'u-1\r\nX-Injected: 1'],
  ['markup', '<img src=x onerror=alert(1)>'],
  ['SQL', "' OR '1'='1"],
  ['a template', '${process.env.CONFLUENT_CLOUD_API_SECRET}'],
  ['zero', 0],
  ['a negative number', -1],
  ['a huge number', 1e308],
  ['a fraction', 0.5],
  ['true', true],
  ['an object', { id: 'u-1' }],
  ['an array', ['u-1']],
  ['null', null],
  ['a date-like string', '2026-13-45'],
  ['a period the wrong way round', { start: isoDay(-1), end: isoDay(-30) }],
  ['a period of ten years', { start: isoDay(-3_650), end: isoDay(-1) }],
];

/** A valid value for each variable type of the contract's operations, so only one variable is hostile at a time. */
const VALID_BY_TYPE: Record<string, unknown> = {
  'DateRangeInput!': { start: isoDay(-31), end: isoDay(-1) },
  'Int!': 5,
  'ID!': 'env-1',
  '[_Any!]!': [{ __typename: 'Workspace', id: 'env-1' }],
};

/** Every variable of every operation GraphiQL offers (the contract's), each hostile value in turn. */
const hostileArguments: BadRequest[] = parse(EXAMPLE_OPERATIONS)
  .definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
  .flatMap((operation) => {
    const definitions = operation.variableDefinitions ?? [];
    const valid = Object.fromEntries(
      definitions.map((definition) => [definition.variable.name.value, VALID_BY_TYPE[print(definition.type)]]),
    );
    return definitions.flatMap((definition) =>
      HOSTILE_VALUES.map(([label, value]) => ({
        ...graphql(`${operation.name?.value} with $${definition.variable.name.value} ${label}`, print(operation), {
          ...valid,
          [definition.variable.name.value]: value,
        }),
        mayBeServed: true,
      })),
    );
  });

/** Representations with bad keys, and batches, beside the ones above. */
const hostileEntities = HOSTILE_VALUES.flatMap(([label, value]) =>
  ['User', 'RoleBinding', 'Workspace', 'KafkaCluster', 'Organization', 'Product', 'Role'].map((typename) => ({
    ...graphql(`_entities ${typename} with an id ${label}`, 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }', {
      r: [{ __typename: typename, id: value }],
    }),
    // An id of the right form that names nothing: found to be nothing, not refused.
    mayBeServed: value === '2026-13-45',
  })),
);

const hostileGets = HOSTILE_VALUES.filter(([, value]) => typeof value === 'string').map(([label, value]) => ({
  name: `GET node with an id ${label}`,
  method: 'GET',
  search: `?query=${encodeURIComponent('query ($id: ID!) { node(id: $id) { id } }')}&variables=${encodeURIComponent(JSON.stringify({ id: value }))}`,
  headers: { 'apollo-require-preflight': 'true' },
  mayBeServed: true,
}));

export const BAD_REQUESTS: BadRequest[] = [
  ...hostileArguments,
  ...hostileEntities,
  ...hostileGets,
  ...malformedJson,
  ...contentTypes,
  ...encodings,
  ...wrongVariables,
  ...variablesOfWrongShape,
  ...undeclaredVariables,
  ...unknownEnums,
  ...badIds,
  ...badCursors,
  ...badDates,
  ...overLimits,
  ...hugeBodies,
  ...arrayBodies,
  ...wrongMethods,
  ...missingQuery,
  ...nonStringQuery,
  ...badParameters,
  ...syntaxErrors,
  ...validationErrors,
  ...getRequests,
];
