import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Never part of an edition, whatever git says: installs, caches, learner state. */
const NEVER_COPIED = new Set(['node_modules', '.turbo', '.tickwork', '.git']);

export interface WorkbookFiles {
  /** Paths relative to the workbook root, with `/` separators, sorted. */
  paths: string[];
  /** How they were found: git's view of the workbook, or a walk of the folder. */
  source: 'git' | 'walk';
}

function git(root: string, args: string[]): { ok: boolean; stdout: Buffer } {
  const result = spawnSync('git', ['-C', root, ...args], { maxBuffer: 64 * 1024 * 1024 });
  return { ok: result.status === 0, stdout: result.stdout ?? Buffer.alloc(0) };
}

/** True when `root` is the top of a git work tree (not merely somewhere inside one). */
function isGitRoot(root: string): boolean {
  const top = git(root, ['rev-parse', '--show-toplevel']);
  return top.ok && relative(top.stdout.toString('utf8').trim(), root) === '';
}

function walk(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (NEVER_COPIED.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(root, path);
    return entry.isFile() ? [relative(root, path).split(sep).join('/')] : [];
  });
}

/**
 * The workbook's own files. In a git work tree: what git tracks plus new files it does not ignore
 * (`git ls-files --cached --others --exclude-standard`, i.e. what `git add -A` would commit), so an
 * instructor's uncommitted exercise is not half exported; `.gitignore` keeps installs and learner
 * state out. Elsewhere: a walk that skips node_modules, .turbo, .tickwork and .git.
 */
export function listWorkbookFiles(root: string): WorkbookFiles {
  if (isGitRoot(root)) {
    const listed = git(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
    if (listed.ok) {
      const paths = listed.stdout.toString('utf8').split('\0').filter((path) => path !== '');
      // A tracked file deleted from the working tree is listed by --cached but is gone.
      const present = [...new Set(paths)].filter((path) => existsSync(join(root, path)) && !path.split('/').some((part) => NEVER_COPIED.has(part)));
      return { paths: present.sort(), source: 'git' };
    }
  }
  return { paths: walk(root).sort(), source: 'walk' };
}

/**
 * A file as git's last commit (HEAD) has it, or undefined when git has no such file there. Stubs
 * come from HEAD so that an instructor who tried an exercise in this copy never ships their answer.
 * Only for a workbook whose files came from git (`listWorkbookFiles(root).source === 'git'`).
 */
export function readFromHead(root: string, path: string): Buffer | undefined {
  const shown = git(root, ['show', `HEAD:./${path}`]);
  return shown.ok ? shown.stdout : undefined;
}

export function readWorkingCopy(root: string, path: string): Buffer {
  return readFileSync(join(root, path));
}
