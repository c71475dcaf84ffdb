import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UsageError } from '../errors.ts';
import { parseMetadata, type ExerciseMetadata } from './metadata.ts';

export interface Exercise {
  slug: string;
  dir: string;
  metadata: ExerciseMetadata;
  /** Absolute paths of the hidden test files. */
  testFiles: string[];
  /** The learner's entry module, which `#impl` resolves to when grading stubs. */
  stub: string;
  solutionDir: string;
  /** Path of the hints file, relative to the repository root. */
  hints: string;
}

/**
 * The points the tests in this copy carry: all of them, except in a student edition that withheld
 * hidden test files (metadata `withheld`), where the withheld points are graded in CI.
 */
export function presentPoints(exercise: Exercise): number {
  return exercise.metadata.points - (exercise.metadata.withheld?.points ?? 0);
}

/** A test file whose every test is public (shipped in a student edition); other files are hidden. */
export const PUBLIC_TEST_FILE = /\.public\.test\.ts$/;

export const EXERCISE_FOLDER = /^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$/;

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Finds every exercise under `<root>/exercises`, sorted by order, with validated metadata.
 * A malformed exercise is a UsageError naming file and field — but only once it is selected, so an
 * author's half-written exercise does not stop anyone grading the others by name.
 */
export function discoverExercises(root: string): Array<Exercise | BrokenExercise> {
  const exercisesDir = join(root, 'exercises');
  if (!existsSync(exercisesDir)) throw new UsageError(`no exercises/ folder under ${root}: run tickwork from the workbook's root`);
  const exercises: Array<Exercise | BrokenExercise> = [];
  for (const slug of readdirSync(exercisesDir).sort()) {
    const match = EXERCISE_FOLDER.exec(slug);
    if (!match) continue;
    try {
      exercises.push(readExercise(root, slug, Number(match[1])));
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      exercises.push({ slug, problem: error });
    }
  }
  return exercises;
}

/** An exercise folder that could not be read; selecting it raises its problem. */
export interface BrokenExercise {
  slug: string;
  problem: UsageError;
}

export function isBroken(exercise: Exercise | BrokenExercise): exercise is BrokenExercise {
  return 'problem' in exercise;
}

function readExercise(root: string, slug: string, folderOrder: number): Exercise {
    const dir = join(root, 'exercises', slug);
    const packageFile = join(dir, 'package.json');
    const where = relative(root, packageFile);
    if (!existsSync(packageFile)) throw new UsageError(`${where}: missing (every exercise folder is a package)`);
    const metadata = parseMetadata(where, readJson(packageFile), folderOrder);
    const testsDir = join(dir, 'tests');
    const testFiles = existsSync(testsDir)
      ? readdirSync(testsDir).filter((f) => f.endsWith('.test.ts')).sort().map((f) => join(testsDir, f))
      : [];
    // A student edition may hold none of an exercise's tests: all of them hidden, withheld, graded in CI.
    if (testFiles.length === 0 && !metadata.withheld) throw new UsageError(`${relative(root, testsDir)}: no *.test.ts files`);
    return {
      slug,
      dir,
      metadata,
      testFiles,
      stub: join(dir, 'src', 'index.ts'),
      solutionDir: join(root, 'solutions', slug),
      hints: relative(root, join(dir, 'hints.md')),
    };
}
