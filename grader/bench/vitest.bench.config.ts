import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { implResolver } from '../src/run/impl-resolver.ts';

// The "plain vitest" configurations the benchmark compares the grader with: the same tests, the same
// setup file and the same `#impl` → reference solution mapping, only without the grader around them.
const root = process.env.BENCH_ROOT;
if (!root) throw new Error('BENCH_ROOT must name the workbook to run');
const slugs = readdirSync(join(root, 'exercises')).filter((name) => /^\d{2}-/.test(name));
const implByDir = new Map(slugs.map((slug) => [join(root, 'exercises', slug), join(root, 'solutions', slug, 'index.ts')]));

export default defineConfig({
  plugins: [implResolver(implByDir)],
  root,
  test: {
    include: ['exercises/*/tests/**/*.test.ts'],
    setupFiles: [createRequire(import.meta.url).resolve('@tickwork/testkit/setup')],
    testTimeout: 15_000,
  },
});
