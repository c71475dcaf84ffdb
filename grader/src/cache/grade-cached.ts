import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dropLaunchHint, writeLaunchHint } from '../../bin/launch-hint.mjs';
import type { Exercise } from '../discover/discover.ts';
import type { GradeOptions } from '../grade.ts';
import { implementationFor } from '../plan.ts';
import { SCORECARD_SCHEMA, type ExerciseResult, type Scorecard } from '../scorecard.ts';
import { summarise } from '../score/score.ts';
import { InputReader } from './inputs.ts';
import { defaultSharedInputs, KeyMaker, type KeyContext } from './key.ts';
import { entryPath, isCacheable, readEntry, writeEntry } from './store.ts';

/** What the cache reads besides the grade's options; defaults are this process and this repository. */
export interface CacheSettings {
  nodeVersion?: string;
  env?: NodeJS.ProcessEnv;
  /** Files and folders every result depends on; default: grader, testkit, lockfile (key.ts). */
  sharedInputs?: string[];
  /** Replay nothing: run every exercise, and store the fresh results in place of the old (`--no-cache`). */
  refresh?: boolean;
  /** The `pnpm grade` arguments, to leave the launcher a hint when everything is stored (bin/launch-hint.mjs). */
  launchArgs?: string[];
}

interface Planned {
  exercise: Exercise;
  impl: string;
}

/** Loaded only when a test must run: the run stage is what needs vitest. */
async function gradeFresh(options: GradeOptions): Promise<Scorecard> {
  const { grade } = await import('../grade.ts');
  return grade(options);
}

/**
 * grade() with a per-exercise result cache: an exercise none of whose inputs changed since a
 * stored grade is replayed (`cached: true`); the others run together in one grade() call. Same
 * options, same scorecard — totals and `next` recomputed over the merged results as score() does.
 */
export async function gradeCached(options: GradeOptions, settings: CacheSettings = {}): Promise<Scorecard> {
  const started = performance.now();
  const implFor = options.implFor ?? ((exercise: Exercise) => implementationFor(exercise, options.target));
  const planned: Planned[] = options.exercises.flatMap((exercise) => {
    const impl = implFor(exercise);
    return impl ? [{ exercise, impl }] : [];
  });
  // Whatever grade() refuses (no exercise has the target's file, a file is missing), it refuses in its own words.
  if (planned.length === 0 || planned.some(({ impl }) => !existsSync(impl))) return gradeFresh(options);

  const context: KeyContext = {
    root: options.root,
    target: options.target,
    ...(options.shuffleSeed === undefined ? {} : { shuffleSeed: options.shuffleSeed }),
    nodeVersion: settings.nodeVersion ?? process.version,
    // A snapshot: vitest sets NODE_ENV in this very process once it runs, and the keys taken
    // after the run must see the environment the run started with.
    env: { ...(settings.env ?? process.env) },
    sharedInputs: settings.sharedInputs ?? defaultSharedInputs(options.root),
  };
  const reader = new InputReader();
  const keyMaker = new KeyMaker(context, reader);
  const keys = new Map(planned.map(({ exercise, impl }) => [exercise.slug, keyMaker.key(exercise, impl)]));
  const replayed = new Map<string, ExerciseResult>();
  for (const { exercise } of settings.refresh ? [] : planned) {
    const result = readEntry(options.root, exercise.slug, keys.get(exercise.slug)!);
    if (result) replayed.set(exercise.slug, { ...result, cached: true });
  }

  const misses = planned.filter(({ exercise }) => !replayed.has(exercise.slug));
  const fresh = new Map<string, ExerciseResult>();
  let allStored = true;
  if (misses.length > 0) {
    const scorecard = await gradeFresh({ ...options, exercises: misses.map(({ exercise }) => exercise) });
    // Keys again, from the files as they are now: a file saved while the tests ran must not get
    // the result of the version that ran stored under its own key.
    const keysAfter = new KeyMaker(context, new InputReader());
    for (const result of scorecard.exercises) {
      fresh.set(result.slug, result);
      const { exercise, impl } = misses.find((m) => m.exercise.slug === result.slug)!;
      const key = keys.get(result.slug)!;
      const stored = isCacheable(result) && keysAfter.key(exercise, impl) === key && writeEntry(options.root, key, result);
      allStored &&= stored;
    }
  }

  if (settings.launchArgs) {
    if (allStored) {
      const entries = planned.map(({ exercise }) => entryPath(options.root, exercise.slug, keys.get(exercise.slug)!));
      writeLaunchHint(options.root, settings.launchArgs, [join(options.root, 'exercises'), ...reader.touched, ...entries]);
    } else {
      dropLaunchHint(options.root);
    }
  }

  const exercises = planned.flatMap(({ exercise }) => {
    const result = replayed.get(exercise.slug) ?? fresh.get(exercise.slug);
    return result ? [result] : [];
  });
  return {
    schema: SCORECARD_SCHEMA,
    target: options.target,
    createdAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
    ...summarise(exercises),
  };
}
