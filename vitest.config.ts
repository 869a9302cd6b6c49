import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser test needs Chromium (Debian's chromium package): npm run test:e2e. Tests that
    // depend on the host's scheduling or V8's internals: npm run test:perf, not gated by CI.
    exclude: ['test/e2e/**', 'test/perf/**', '**/node_modules/**'],
    testTimeout: 60_000,
  },
});
