import { discoverExercises, isBroken, type Exercise } from '../discover/discover.ts';
import { selectExercises } from '../plan.ts';
import { allowListOf, type AllowList } from './allow-list.ts';
import { extractCommit } from './git.ts';
import { testsHash } from './tests-hash.ts';

export interface TrustedBase {
  /** The exercises named on the command line (all when none), from the base's own metadata. */
  exercises: Exercise[];
  /** What a learner may change, from the base: a submission cannot widen its own. */
  allowList: AllowList;
  /** The hash of everything in the base that decides a grade (learner files are never part of it). */
  testsHash: string;
}

/**
 * Writes the base commit into `dest` and reads from it all that grading a submission trusts: the
 * exercises, the allow-list and the tests hash. Shared by `--ci` (one tree) and `--submissions`
 * (a template copied per learner), so both trust exactly the same things.
 */
export function readTrustedBase(repo: string, commit: string, dest: string, names: string[]): TrustedBase {
  extractCommit(repo, commit, dest);
  const all = discoverExercises(dest);
  const exercises = selectExercises(all, names);
  const allowList = allowListOf(all.filter((e): e is Exercise => !isBroken(e)), dest);
  return { exercises, allowList, testsHash: testsHash(dest, allowList) };
}
