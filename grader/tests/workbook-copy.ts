import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, REPO_ROOT } from './run-cli.ts';

/**
 * A throwaway copy of a fixture workbook, for commands that write (`pnpm new`) or keep state. Out
 * of the repository the copy cannot reach the grader's packages by walking up, so it gets a
 * node_modules of its own holding links to the two that tests import: vitest and the testkit —
 * what `pnpm install` would have linked. Its vitest cache stays inside the copy.
 */
export function copyWorkbook(name: string): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), `tickwork-${name}-`));
  const source = fixture(name);
  for (const entry of readdirSync(source)) {
    if (entry !== 'node_modules') cpSync(join(source, entry), join(root, entry), { recursive: true });
  }
  mkdirSync(join(root, 'node_modules', '@tickwork'), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'grader', 'node_modules', 'vitest'), join(root, 'node_modules', 'vitest'));
  symlinkSync(join(REPO_ROOT, 'testkit'), join(root, 'node_modules', '@tickwork', 'testkit'));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Every file under `dir`, relative to it, sorted: a picture of a tree to compare before and after. */
export function filesIn(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile() && !entry.parentPath.includes('node_modules'))
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}
