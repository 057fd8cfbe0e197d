/**
 * End-to-end tests: a real Mosaic server on the embedded store and Debian's Chromium driven by
 * playwright-core. Run with `npm run test:e2e -w @mosaic/web`; kept apart from the unit tests.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // a poll waits on the app: its answers come late on a busy two-core machine, and vitest's
    // default (1 s) failed tests there whose app was only slow; a test that waits longer says so
    expect: { poll: { timeout: 10_000 } },
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    // each file waits on its browser and server most of the time (a file's wall time is about
    // twice its CPU time), so two files at a time keep the two cores busier
    maxWorkers: 2,
  },
});
