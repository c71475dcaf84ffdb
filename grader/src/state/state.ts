import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scorecard } from '../scorecard.ts';

export const STATE_SCHEMA = 'tickwork.state/v1';

/** What the workbook remembers about one exercise for its learner. */
export interface ExerciseProgress {
  /** Best points ever earned by the learner's own code (target `stubs`). */
  bestPoints: number;
  maxPoints: number;
  /** How many of the hints `pnpm hint` has revealed so far (0–3). */
  hintsRevealed: number;
}

export interface LearnerState {
  schema: typeof STATE_SCHEMA;
  exercises: Record<string, ExerciseProgress>;
}

/** `<root>/.tickwork/state.json`, ignored by git: progress belongs to the learner's copy, not the repository. */
export function stateDir(root: string): string {
  return join(root, '.tickwork');
}

function statePath(root: string): string {
  return join(stateDir(root), 'state.json');
}

const empty = (): LearnerState => ({ schema: STATE_SCHEMA, exercises: {} });

/**
 * The saved state, or an empty one. A file that cannot be read as state is moved aside (never
 * deleted: it is the learner's) and the grader starts afresh, saying where the old file went.
 */
export function loadState(root: string, warn: (message: string) => void = (m) => console.error(m)): LearnerState {
  const path = statePath(root);
  if (!existsSync(path)) return empty();
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as LearnerState;
    if (parsed?.schema !== STATE_SCHEMA || typeof parsed.exercises !== 'object' || parsed.exercises === null) throw new Error('not a tickwork state file');
    return parsed;
  } catch (error) {
    const aside = `${path}.unreadable-${Date.now()}`;
    renameSync(path, aside);
    warn(`tickwork: ${path} could not be read (${(error as Error).message}); moved it to ${aside} and started a fresh progress file`);
    return empty();
  }
}

/** Written to a temporary file and renamed, so an interrupted write never leaves half a file. */
export function saveState(root: string, state: LearnerState): void {
  mkdirSync(stateDir(root), { recursive: true });
  const path = statePath(root);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

export function progressOf(state: LearnerState, slug: string, maxPoints = 0): ExerciseProgress {
  return state.exercises[slug] ?? { bestPoints: 0, maxPoints, hintsRevealed: 0 };
}

/** Keeps the best score per exercise from a grade of the learner's own code. */
export function recordScores(state: LearnerState, scorecard: Scorecard): LearnerState {
  if (scorecard.target !== 'stubs') return state;
  const exercises = { ...state.exercises };
  for (const result of scorecard.exercises) {
    const before = progressOf(state, result.slug, result.maxPoints);
    exercises[result.slug] = { ...before, maxPoints: result.maxPoints, bestPoints: Math.max(before.bestPoints, result.points) };
  }
  return { ...state, exercises };
}

/** The state with `hintsRevealed` of one exercise set (by `pnpm hint` and watch mode's `h`). */
export function withHintsRevealed(state: LearnerState, slug: string, hintsRevealed: number): LearnerState {
  return { ...state, exercises: { ...state.exercises, [slug]: { ...progressOf(state, slug), hintsRevealed } } };
}
