import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Node resolves `graphql` to its CommonJS build, which @apollo/subgraph also loads; Vite would
    // pick the ESM build, and two copies of graphql cannot share one schema.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // A rejected promise that nothing handles fails the run, as it would end a server in production.
    execArgv: ['--unhandled-rejections=strict'],
  },
});
