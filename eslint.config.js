// ESLint flat config. `npm run lint` runs this (`eslint .`) and `prettier --check .`.
//
// Rules kept deliberately small: eslint's and typescript-eslint's `recommended` sets (the
// syntactic ones, no type information, so lint stays fast), plus the layer rules below, which are
// the point of linting this project: which part of src/ may import which.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Zones are resolved against this folder, not the working directory, so `eslint` gives the same
// answer wherever it is started from.
const root = import.meta.dirname;

// The parts of src/ that serve GraphQL: what the lower layers must not reach up into.
const graphqlLayers = ['src/graphql', 'src/resolvers', 'src/http', 'src/__generated__'];

const layerZones = [
  {
    target: 'src/confluent',
    from: [
      'src/usage',
      'src/access',
      'src/loaders',
      'src/cache',
      'src/observability',
      'src/catalog',
      'src/server.ts',
      'src/context.ts',
      ...graphqlLayers,
    ],
    message:
      'src/confluent is the Confluent Cloud REST client, the bottom layer: it knows the REST API and nothing of the ' +
      'GraphQL server, its cache, loaders, domain code or observability. Pass what it needs in (options, callbacks) ' +
      'instead of importing it.',
  },
  {
    target: 'src/cache',
    from: ['src/loaders', 'src/usage', 'src/access', ...graphqlLayers],
    message:
      'src/cache keeps what Confluent returned and knows nothing of what it means: it must not import loaders, domain code (src/usage) ' +
      'or the GraphQL layers (src/graphql, src/resolvers, src/http, src/__generated__).',
  },
  {
    target: 'src/loaders',
    from: ['src/graphql', 'src/resolvers', 'src/http'],
    message:
      'src/loaders batch and cache reads of the REST client for the resolvers; they sit below the GraphQL layers and ' +
      'must not import src/graphql, src/resolvers or src/http (the dependency goes the other way).',
  },
  {
    target: 'src/loaders',
    from: 'src/__generated__',
    message:
      'src/loaders use no generated GraphQL types: they have filter and key types of their own, and the resolvers map ' +
      'GraphQL arguments onto them. Declare the type in the loader instead.',
  },
  {
    target: ['src/usage', 'src/access', 'src/catalog'],
    from: ['src/loaders', 'src/cache', ...graphqlLayers],
    message:
      'src/usage, src/access and src/catalog are domain code: plain functions and data over the REST types. They must not import ' +
      'loaders, the cache or the GraphQL layers (src/graphql, src/resolvers, src/http, src/__generated__); those import them.',
  },
  {
    target: 'src/traffic',
    from: [
      'src/loaders',
      'src/cache',
      'src/usage',
      'src/access',
      'src/catalog',
      'src/observability',
      'src/server.ts',
      'src/context.ts',
      ...graphqlLayers,
    ],
    message:
      'src/traffic keeps daily Kafka traffic in its store and collects it from the Metrics API: it may import the REST client ' +
      '(src/confluent), src/calendar.ts and the logger, not the loaders, the cache, domain code or the GraphQL layers; those read the store.',
  },
  {
    // Everything in src/ but the simulator itself and src/main.ts (which starts it in-process when asked).
    target: ['src/!(simulator)/**', 'src/!(main).ts'],
    from: 'src/simulator',
    message:
      'src/simulator is a fake Confluent Cloud for development, tests and the bench, not part of the subgraph: only ' +
      'src/main.ts (and test/, bench/) may import it.',
  },
  {
    target: 'src/simulator',
    from: 'src',
    // Shared domain code the simulator legitimately needs: the REST API's own types and CRNs, and the calendar.
    except: ['simulator', 'confluent/types.ts', 'confluent/crn.ts', 'calendar.ts'],
    message:
      'src/simulator stands in for Confluent Cloud and must not depend on the subgraph it serves: from the rest of src it ' +
      'may import only src/confluent/types.ts, src/confluent/crn.ts and src/calendar.ts.',
  },
];

export default defineConfig(
  {
    ignores: ['src/__generated__/**', 'dist/**', 'coverage/**', 'bench/results.*', 'bench/results/**', 'test/browser/artifacts/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Not in `recommended` (it is in `strict`); off on purpose: the code has some 160 `!` after a check (or an index
      // noUncheckedIndexedAccess cannot prove), and rewriting them would be churn only.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Tests and the bench read GraphQL answers and fixtures as untyped JSON; `any` there is deliberate.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // import-x reads only .js files by default: without these, no-cycle would not follow any .ts import.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      // Resolves `./foo.js` to `./foo.ts` the way tsc (NodeNext) does, so the layer and cycle rules see the real file.
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${root}/tsconfig.json` })],
    },
    rules: {
      // A relative import the resolver cannot follow would slip past the layer and cycle rules unseen.
      'import-x/no-unresolved': ['error', { ignore: ['^[^.]'] }],
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: layerZones }],
      // Type-only imports (`import type`) are erased and are not followed: only cycles of runtime imports count.
      'import-x/no-cycle': ['error', { maxDepth: '∞', ignoreExternal: true }],
    },
  },
);
