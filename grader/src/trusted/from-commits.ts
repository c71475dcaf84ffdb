import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Scorecard, Tampering, TamperingChange } from '../scorecard.ts';
import { changedFiles, fileAt, mergeBase, modeAt, resolveCommit, type ChangeStatus } from './git.ts';
import { gradeTree } from './grade-tree.ts';
import { readTrustedBase } from './trusted-base.ts';

export interface CommitGrade {
  /** The git repository holding both commits. */
  repo: string;
  /** Where the running grader's dependencies are installed. */
  installedRoot: string;
  base: string;
  head: string;
  /** Exercise names from the command line (empty: all of the base's). */
  names: string[];
}

const CHANGE_KINDS: Record<ChangeStatus, TamperingChange> = { A: 'added', M: 'modified', D: 'deleted', T: 'type-changed' };
const REGULAR_FILE = /^1006[0-7]{2}$/;

/**
 * `pnpm grade --ci --base B --head H`: the tree graded is the base commit's, with only the learner's
 * allow-listed files taken from the head. The learner's changes are those since the fork point
 * (merge-base), so commits the base gained after the fork are not mistaken for the learner's.
 */
export async function gradeCommits(request: CommitGrade): Promise<Scorecard> {
  const base = resolveCommit(request.repo, request.base, '--base');
  const head = resolveCommit(request.repo, request.head, '--head');
  const fork = mergeBase(request.repo, base, head);
  const tree = mkdtempSync(join(tmpdir(), 'tickwork-trusted-'));
  try {
    const { exercises, allowList, testsHash } = readTrustedBase(request.repo, base, tree, request.names);
    const tampering: Tampering[] = [];
    for (const { status, path } of changedFiles(request.repo, fork, head)) {
      if (!allowList.allows(path)) {
        tampering.push({ file: path, change: CHANGE_KINDS[status] });
      } else if (status === 'D') {
        rmSync(join(tree, path), { force: true });
      } else if (!REGULAR_FILE.test(modeAt(request.repo, head, path) ?? '')) {
        // A symlink could point the grader at any file on the machine; a submodule at any code.
        tampering.push({ file: path, change: 'not-a-file' });
      } else {
        mkdirSync(dirname(join(tree, path)), { recursive: true });
        writeFileSync(join(tree, path), fileAt(request.repo, head, path));
      }
    }
    return await gradeTree({
      tree,
      installedRoot: request.installedRoot,
      exercises,
      provenance: { base, head, mergeBase: fork, testsHash, learnerFiles: allowList.globs },
      tampering,
      remove: true,
    });
  } catch (error) {
    rmSync(tree, { recursive: true, force: true });
    throw error;
  }
}
