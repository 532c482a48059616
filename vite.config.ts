import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'data/**'],
    globalSetup: ['test/support/global-setup.ts'],
    // Opening embedded PostGIS takes a few seconds per test file.
    hookTimeout: 120_000,
    testTimeout: 30_000,
  },
});
