import { defineConfig } from 'vitest/config';

// The grader's own tests. The slow ones run the real CLI on fixture workbooks in a child process.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 180_000,
  },
});
