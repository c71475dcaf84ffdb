import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A workbook of `count` synthetic exercises, each a copy of exercise 18's tests and solution under a
 * new slug: the same fake-timer workload n times, to show how the cost grows with n.
 * It lives under grader/bench/.work so module resolution finds the installed testkit and vitest.
 */
export function syntheticWorkbook(repoRoot: string, count: number): string {
  const template = '18-fetch-data-gather';
  const root = join(repoRoot, 'grader', 'bench', '.work', `synthetic-${count}`);
  rmSync(root, { recursive: true, force: true });
  const metadata = JSON.parse(readFileSync(join(repoRoot, 'exercises', template, 'package.json'), 'utf8')) as {
    name: string;
    tickwork: { order: number; title: string };
  };
  for (let i = 1; i <= count; i++) {
    const slug = `${String(i).padStart(2, '0')}-synthetic`;
    const dir = join(root, 'exercises', slug);
    mkdirSync(dir, { recursive: true });
    cpSync(join(repoRoot, 'exercises', template, 'tests'), join(dir, 'tests'), { recursive: true });
    cpSync(join(repoRoot, 'exercises', template, 'src'), join(dir, 'src'), { recursive: true });
    const pkg = { ...metadata, name: `bench-${slug}`, tickwork: { ...metadata.tickwork, order: i, title: `synthetic ${i}` } };
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
    cpSync(join(repoRoot, 'solutions', template, 'index.ts'), join(root, 'solutions', slug, 'index.ts'));
  }
  return root;
}
