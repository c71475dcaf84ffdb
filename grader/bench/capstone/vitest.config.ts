import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The capstone's real-time cost (bench case e): one test file, run on its own, with the testkit's setup.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['capstone.bench-test.ts'],
    setupFiles: [createRequire(import.meta.url).resolve('@tickwork/testkit/setup')],
  },
});
