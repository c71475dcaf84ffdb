import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, type Dirent } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Tampering } from '../scorecard.ts';
import { isStudentEdition } from '../export/edition.ts';
import type { AllowList } from '../trusted/allow-list.ts';

/** Never part of a submission: installs, caches, git's own files, editor state. */
const NOT_SUBMITTED = new Set(['node_modules', '.git', '.tickwork', '.turbo', '.vscode', '.idea']);

interface SubmittedFile {
  /** Relative to the submission folder, `/`-separated. */
  path: string;
  /** A symlink or anything else that is not a plain file. */
  regular: boolean;
}

function submittedFiles(folder: string): SubmittedFile[] {
  const files: SubmittedFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }) as Dirent[]) {
      if (NOT_SUBMITTED.has(entry.name)) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push({ path: relative(folder, full).split('\\').join('/'), regular: entry.isFile() });
    }
  };
  walk(folder);
  return files;
}

/**
 * One learner's trusted tree: a copy of the base (`template`, no node_modules) with the learner's
 * allow-listed files of every exercise the submission holds laid over it. An exercise folder the
 * submission lacks keeps its stub. Returns the files outside the allow-list that differ from the
 * base: tampering, ignored for grading. A file the submission lacks is not tampering here, because a
 * submission may be only `exercises/<slug>/src`. In a student edition (docs/student-edition.md) the
 * export itself rewrote the lockfile, package.json files and more, so only its test files are compared.
 */
export function buildSubmissionTree(template: string, submission: string, dest: string, allowList: AllowList): Tampering[] {
  cpSync(template, dest, { recursive: true });
  const files = submittedFiles(submission);
  const compared = isStudentEdition(submission) ? (path: string) => /^exercises\/[^/]+\/tests\//.test(path) : () => true;
  const tampering: Tampering[] = [];
  // The learner's version of an exercise replaces the stub's learner files wholesale: a file they
  // deleted or renamed must not survive from the base.
  const submittedExercises = new Set(files.filter((f) => allowList.allows(f.path)).map((f) => f.path.split('/').slice(0, 2).join('/')));
  for (const folder of submittedExercises) {
    for (const file of submittedFiles(join(dest, folder))) {
      const path = `${folder}/${file.path}`;
      if (allowList.allows(path)) rmSync(join(dest, path), { force: true });
    }
  }
  for (const file of files) {
    const from = join(submission, file.path);
    if (allowList.allows(file.path)) {
      // A symlink could point the grader at any file on the machine.
      if (!file.regular) tampering.push({ file: file.path, change: 'not-a-file' });
      else {
        mkdirSync(dirname(join(dest, file.path)), { recursive: true });
        cpSync(from, join(dest, file.path));
      }
      continue;
    }
    if (!compared(file.path)) continue;
    const base = join(template, file.path);
    if (!existsSync(base)) tampering.push({ file: file.path, change: 'added' });
    else if (!file.regular || !readFileSync(from).equals(readFileSync(base))) tampering.push({ file: file.path, change: 'modified' });
  }
  return tampering;
}
