import { defineConfig } from 'vitest/config';

// The testkit's own tests: they exercise the clock, probes and leak checks directly.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['./src/setup/index.ts'],
    pool: 'forks',
  },
});
