import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The exercises' hidden tests for an editor's test explorer (.vscode/settings.json points the vitest
// extension here). Not named vitest.config.ts on purpose: vitest looks for that name in every parent
// folder, and `pnpm test`, turbo and the grader must never pick this file up. `pnpm grade` does not
// use it either: it runs its own in-process vitest with a watchdog.
//
// `#impl` needs nothing here: each exercise's package.json maps it to ./src/index.ts (Node's subpath
// imports, which Vite follows), so the editor runs the tests against the learner's own file.
const root = fileURLToPath(new URL('.', import.meta.url));
const exerciseDirs = readdirSync(join(root, 'exercises'))
  .filter((name) => /^\d{2}-/.test(name))
  .map((name) => join(root, 'exercises', name));

/** The longest per-test limit any exercise asks for in its metadata (real-time worker exercises). */
function longestTimeoutMs(): number {
  const declared = exerciseDirs.map((dir) => {
    try {
      return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { tickwork?: { timeoutMs?: number } }).tickwork?.timeoutMs ?? 5000;
    } catch {
      return 5000; // a half-written exercise should not stop the editor from showing the others
    }
  });
  return Math.max(5000, ...declared);
}

export default defineConfig({
  root,
  test: {
    name: 'exercises',
    include: ['exercises/*/tests/**/*.test.ts'],
    // The same setup file as under the grader: unhandled rejections and leaked abort listeners fail
    // the test, globals a learner replaced are restored. Its heartbeat stays off without the grader.
    setupFiles: [join(root, 'testkit', 'src', 'setup', 'index.ts')],
    testTimeout: longestTimeoutMs(),
  },
});
