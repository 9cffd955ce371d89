import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'sandbox/**/test/**/*.test.ts'],
    setupFiles: ['test/support/no-network.ts'],
    pool: 'forks',
    // Test files reuse their worker's module cache (no test mocks modules or stubs globals), which
    // cuts the time spent importing the app per file from about 60 s to about 15 s in all.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: keep the number of parallel files modest so timing-sensitive e2e flows stay stable.
    maxWorkers: 2,
  },
});
