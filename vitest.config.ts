import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser test needs Chromium (Debian's chromium package): npm run test:e2e.
    exclude: ['test/e2e/**', '**/node_modules/**'],
    testTimeout: 60_000,
  },
});
