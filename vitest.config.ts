import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'packages/web/e2e/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // three files at a time: the default (the cores less one) runs one on a 2-core machine, and
    // a file spends much of its time waiting on the processes, servers and timers it starts
    // (BENCHMARKS.md, "The test suite's time")
    maxWorkers: 3,
  },
});
