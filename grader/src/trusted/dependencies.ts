import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';

const LOCKFILE = 'pnpm-lock.yaml';

/** The workspace's package folders, from the `- pattern` lines of pnpm-workspace.yaml (`*`: one level). */
function packageFolders(tree: string): string[] {
  const file = join(tree, 'pnpm-workspace.yaml');
  const patterns = existsSync(file) ? [...readFileSync(file, 'utf8').matchAll(/^\s*-\s*['"]?([^'"\s#]+)/gm)].map((m) => m[1]!) : [];
  const folders = [''];
  for (const pattern of patterns) {
    if (!pattern.endsWith('/*')) folders.push(pattern);
    else {
      const parent = pattern.slice(0, -2);
      if (existsSync(join(tree, parent))) folders.push(...readdirSync(join(tree, parent)).map((name) => `${parent}/${name}`));
    }
  }
  return folders.filter((folder) => existsSync(join(tree, folder, 'package.json')));
}

/**
 * Mirrors one installed node_modules folder into the tree. Links between workspace packages are
 * relative (`../../../../testkit`) and are copied as they are, so they resolve to the TREE's packages
 * (the trusted testkit and grader); third-party packages resolve through `.pnpm`, linked to the
 * installed store. Caches (`.vite`, …) are left out: each tree writes its own, so parallel grades of
 * a batch never share one.
 */
function mirrorNodeModules(installed: string, tree: string): void {
  mkdirSync(tree, { recursive: true });
  for (const name of readdirSync(installed)) {
    const from = join(installed, name);
    const to = join(tree, name);
    const stat = lstatSync(from);
    if (name === '.pnpm') symlinkSync(from, to);
    else if (name.startsWith('.')) continue;
    else if (stat.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else if (name.startsWith('@') && stat.isDirectory()) mirrorNodeModules(from, to);
    else symlinkSync(from, to);
  }
}

/**
 * Gives the trusted tree the dependencies installed beside the running grader, without installing
 * anything: allowed only when the tree's lockfile is the installed one byte for byte, so every
 * package the base's tests and grader import is the version the base pinned.
 */
export function linkDependencies(tree: string, installedRoot: string): void {
  assertSameLockfile(tree, installedRoot);
  for (const folder of packageFolders(tree)) {
    const installed = join(installedRoot, folder, 'node_modules');
    if (existsSync(installed)) mirrorNodeModules(installed, join(tree, folder, 'node_modules'));
  }
}

export function assertSameLockfile(tree: string, installedRoot: string): void {
  const treeLock = join(tree, LOCKFILE);
  const installedLock = join(installedRoot, LOCKFILE);
  if (!existsSync(treeLock) || !existsSync(installedLock) || !readFileSync(treeLock).equals(readFileSync(installedLock))) {
    throw new UsageError(
      `the base commit's ${LOCKFILE} differs from the one installed in ${installedRoot}: run the grader from an installed checkout of the base commit (docs/ci.md)`,
    );
  }
}
