import { execFileSync } from 'node:child_process';
import { constants, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import type { Exercise } from '../discover/discover.ts';
import { UsageError } from '../errors.ts';
import type { Messages } from '../i18n/messages.ts';
import { stateDir } from '../state/state.ts';

/** Paths as the learner sees them: relative to the workbook, with forward slashes. */
const shown = (root: string, path: string): string => relative(root, path).split('\\').join('/');

/**
 * The stub as committed: `git show HEAD:./exercises/<slug>/src/index.ts`, run in the workbook so
 * the `./` path also works when the workbook is a folder inside a bigger repository. Git is the one
 * place the original survives a learner's edits, without keeping a second copy of every stub.
 */
export function committedStub(root: string, exercise: Exercise, text: Messages): Buffer {
  const file = shown(root, exercise.stub);
  try {
    return execFileSync('git', ['show', `HEAD:./${file}`], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(text.reset.noGit(file));
    throw new UsageError(text.reset.notInHead(file));
  }
}

/** A checkout with CRLF line ends (Windows, autocrlf) is still the untouched stub. */
const sameText = (a: Buffer, b: Buffer): boolean => a.toString('utf8').replace(/\r\n/g, '\n') === b.toString('utf8').replace(/\r\n/g, '\n');

/** `.tickwork/backups/<slug>/index.<timestamp>.ts`, never one that exists already. */
export function backupPathFor(root: string, exercise: Exercise, now: Date): string {
  const dir = join(stateDir(root), 'backups', exercise.slug);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let path = join(dir, `index.${stamp}.ts`);
  for (let n = 2; existsSync(path); n++) path = join(dir, `index.${stamp}-${n}.ts`);
  return path;
}

export interface ResetRequest {
  root: string;
  exercise: Exercise;
  text: Messages;
  /** Asks the learner about `file` (the question ends with `[y/N] `); true means go ahead. */
  confirm: (question: string, file: string) => Promise<boolean>;
  print: (line: string) => void;
  now?: Date;
}

export type ResetOutcome = 'untouched' | 'cancelled' | 'restored';

/**
 * Puts the committed stub back in place of the learner's `src/index.ts`, after a backup of their
 * file. An untouched stub is left alone (nothing to back up, nothing to ask). Progress in the state
 * file is kept: a best score was earned, and hints once seen stay seen (`pnpm hint --all` re-reads them).
 */
export async function resetExercise(request: ResetRequest): Promise<ResetOutcome> {
  const { root, exercise, text, print } = request;
  const file = shown(root, exercise.stub);
  const stub = committedStub(root, exercise, text);
  const current = existsSync(exercise.stub) ? readFileSync(exercise.stub) : undefined;
  if (current && sameText(current, stub)) {
    print(text.reset.untouched(file));
    return 'untouched';
  }
  if (!(await request.confirm(text.reset.question(file), file))) {
    print(text.reset.cancelled);
    return 'cancelled';
  }
  if (current) {
    const backup = backupPathFor(root, exercise, request.now ?? new Date());
    mkdirSync(dirname(backup), { recursive: true });
    copyFileSync(exercise.stub, backup, constants.COPYFILE_EXCL);
    print(text.reset.backedUp(shown(root, backup)));
  } else {
    print(text.reset.nothingToBackUp(file));
  }
  // Written beside the file and renamed over it: an interrupted reset leaves either file whole.
  mkdirSync(dirname(exercise.stub), { recursive: true });
  const temporary = `${exercise.stub}.tickwork-reset`;
  writeFileSync(temporary, stub);
  renameSync(temporary, exercise.stub);
  print(text.reset.restored(file));
  return 'restored';
}

/** A y/N question on the terminal; end of input counts as no. */
export function askOnTerminal(yes: readonly string[]): (question: string) => Promise<boolean> {
  return (question) =>
    new Promise((resolve) => {
      const prompt = createInterface({ input: process.stdin, output: process.stdout });
      let answered = false;
      prompt.question(question, (answer) => {
        answered = true;
        prompt.close();
        resolve(yes.includes(answer.trim().toLowerCase()));
      });
      prompt.on('close', () => {
        if (!answered) resolve(false);
      });
    });
}
