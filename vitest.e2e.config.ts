import { defineConfig } from 'vitest/config';

// End-to-end tests in headless Chromium (/usr/bin/chromium, Debian's chromium package).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
