import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './run-cli.ts';

export function git(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-C', repo, '-c', 'user.name=tickwork test', '-c', 'user.email=test@tickwork.invalid', '-c', 'commit.gpgsign=false', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/**
 * A real git repository holding this workbook as it is now (tracked and new files, not ignored ones),
 * committed once and tagged `base`: what a course repository looks like before a learner's pull request.
 */
export function gitWorkbook(): { repo: string; remove: () => void } {
  const repo = mkdtempSync(join(tmpdir(), 'tickwork-git-'));
  const files = execFileSync('git', ['-C', REPO_ROOT, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' }).split('\0');
  for (const file of files) {
    if (file === '' || !existsSync(join(REPO_ROOT, file))) continue;
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    copyFileSync(join(REPO_ROOT, file), join(repo, file));
  }
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
  git(repo, 'tag', 'base');
  return { repo, remove: () => rmSync(repo, { recursive: true, force: true }) };
}
