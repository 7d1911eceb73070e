import vue from '@vitejs/plugin-vue';
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // Dashboard component tests (*.vue); they opt into happy-dom per file (`// @vitest-environment happy-dom`).
  plugins: [vue()],
  resolve: {
    // One graphql instance: vitest would otherwise load its ESM and CJS builds side by side
    // ("Cannot use GraphQLSchema from another module or realm").
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['server/**/*.test.ts', 'test/**/*.test.ts', 'dashboard/src/**/*.test.ts'],
    // The browser tests need dashboard/dist: built here when missing or stale.
    globalSetup: ['test/global-setup.ts', 'test/browser/build-dashboard.setup.ts'],
    // Each file runs in its own process with its own database.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    server: { deps: { inline: ['graphql-ws'] } },
    // West of UTC on purpose: a date computed in the process's zone instead of Asia/Shanghai shows up here.
    env: { TZ: 'America/Los_Angeles' },
  },
});
