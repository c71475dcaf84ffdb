import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { UsageError } from '../errors.ts';

/** git, run in `repo`, failing with git's own first line of complaint. */
function git(repo: string, args: string[]): Buffer {
  try {
    return execFileSync('git', ['-C', repo, ...args], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim().split('\n')[0];
    throw new UsageError(`git ${args[0]} in ${repo} failed: ${stderr || (error as Error).message}`);
  }
}

/** The full commit id a ref names, or a usage error that names the option it came from. */
export function resolveCommit(repo: string, ref: string, option: string): string {
  try {
    return execFileSync('git', ['-C', repo, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    throw new UsageError(`${option} ${ref}: not a commit in ${repo} (fetch it first, e.g. git fetch origin ${ref})`);
  }
}

export function mergeBase(repo: string, a: string, b: string): string {
  return git(repo, ['merge-base', a, b]).toString().trim();
}

/** git's status letters, without rename detection: a renamed file is one deletion and one addition. */
export type ChangeStatus = 'A' | 'M' | 'D' | 'T';

export function changedFiles(repo: string, from: string, to: string): Array<{ status: ChangeStatus; path: string }> {
  const fields = git(repo, ['diff', '--name-status', '--no-renames', '-z', from, to]).toString().split('\0');
  const changes: Array<{ status: ChangeStatus; path: string }> = [];
  for (let i = 0; i + 1 < fields.length; i += 2) changes.push({ status: fields[i]![0] as ChangeStatus, path: fields[i + 1]! });
  return changes;
}

/** Every file of `commit`, written under `dest` (no .git, nothing ignored or untracked). */
export function extractCommit(repo: string, commit: string, dest: string): void {
  mkdirSync(dest, { recursive: true });
  const archive = git(repo, ['archive', '--format=tar', commit]);
  execFileSync('tar', ['-x', '-C', dest], { input: archive, stdio: ['pipe', 'ignore', 'pipe'] });
}

/** A file's content at a commit, byte for byte. */
export function fileAt(repo: string, commit: string, path: string): Buffer {
  return git(repo, ['cat-file', 'blob', `${commit}:${path}`]);
}

/** `100644`/`100755` for a regular file, `120000` a symlink, `160000` a submodule; undefined when absent. */
export function modeAt(repo: string, commit: string, path: string): string | undefined {
  const line = git(repo, ['ls-tree', '-z', commit, '--', path]).toString();
  return line === '' ? undefined : line.split(' ')[0];
}
