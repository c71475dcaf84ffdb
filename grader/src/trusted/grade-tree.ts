import { rmSync } from 'node:fs';
import type { Exercise } from '../discover/discover.ts';
import { deadlineFor } from '../grade.ts';
import type { Provenance, Scorecard, Tampering } from '../scorecard.ts';
import { abortedScorecard } from './aborted.ts';
import { linkDependencies } from './dependencies.ts';
import { gradeInSandbox } from './sandbox.ts';

/** Learner text kept per test in a trusted grade: the reports cap it again for their own medium. */
const MESSAGE_LIMIT = 4000;

/** Beyond the run's own deadline: the grading process's start and its own clean-up. */
const SANDBOX_MARGIN_MS = 120_000;

export interface TreeGrade {
  /** A trusted tree: base files with the learner's allow-listed files laid over them. */
  tree: string;
  /** Where the running grader's dependencies are installed (its own workbook). */
  installedRoot: string;
  /** The tree's exercises to grade, in workbook order. */
  exercises: Exercise[];
  provenance: Provenance;
  tampering: Tampering[];
  /** Removes the tree when done (false: a test or `TICKWORK_KEEP_TREE=1` wants to look at it). */
  remove: boolean;
}

function capMessages(scorecard: Scorecard): Scorecard {
  for (const exercise of scorecard.exercises) {
    for (const test of exercise.tests) {
      if (test.message && test.message.length > MESSAGE_LIMIT) test.message = `${test.message.slice(0, MESSAGE_LIMIT)} … (cut)`;
    }
  }
  return scorecard;
}

/** Grades one trusted tree in the sandbox and stamps the result with where it came from. */
export async function gradeTree(request: TreeGrade): Promise<Scorecard> {
  const started = performance.now();
  try {
    linkDependencies(request.tree, request.installedRoot);
    const result = await gradeInSandbox({
      tree: request.tree,
      exercises: request.exercises.map((e) => e.slug),
      deadlineMs: deadlineFor(request.exercises) + SANDBOX_MARGIN_MS,
    });
    const scorecard = result.scorecard ? capMessages(result.scorecard) : abortedScorecard(request.exercises, result.aborted!, performance.now() - started);
    return { ...scorecard, provenance: request.provenance, tampering: request.tampering };
  } finally {
    if (request.remove && process.env.TICKWORK_KEEP_TREE !== '1') rmSync(request.tree, { recursive: true, force: true });
  }
}
