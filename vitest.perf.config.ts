import { defineConfig } from 'vitest/config';

// Tests whose outcome depends on the host's scheduling or on V8's internals: `npm run test:perf`,
// not run by `npm test` or CI.
export default defineConfig({
  test: {
    include: ['test/perf/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
