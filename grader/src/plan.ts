import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isBroken, type BrokenExercise, type Exercise } from './discover/discover.ts';
import { UsageError } from './errors.ts';
import type { Target } from './scorecard.ts';

/** Picks exercises by slug or by their two-digit number; unknown names get the nearest suggestions. */
export function selectExercises(all: Array<Exercise | BrokenExercise>, names: string[]): Exercise[] {
  const selected = names.length === 0 ? all : names.map((name) => {
    const wanted = name.replace(/\/$/, '').split('/').pop()!;
    const found = all.find((e) => e.slug === wanted || e.slug.slice(0, 2) === wanted.padStart(2, '0') || e.slug.slice(3) === wanted);
    if (!found) {
      const nearest = nearestNames(wanted, all.map((e) => e.slug));
      throw new UsageError(`unknown exercise "${name}"${nearest.length ? `; did you mean ${nearest.join(', ')}?` : ''}`);
    }
    return found;
  });
  const broken = selected.find(isBroken);
  if (broken) throw broken.problem;
  return [...new Set(selected as Exercise[])];
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}

export function nearestNames(name: string, candidates: string[]): string[] {
  const scored = candidates.map((c) => ({ c, d: Math.min(editDistance(name, c), editDistance(name, c.slice(3))) }));
  const best = Math.min(...scored.map((s) => s.d));
  return scored.filter((s) => s.d === best && s.d <= Math.max(3, name.length / 2)).map((s) => s.c).slice(0, 3);
}

/** The file `#impl` resolves to for one exercise under one target, or undefined when it has none. */
export function implementationFor(exercise: Exercise, target: Target): string | undefined {
  if (target === 'stubs') return exercise.stub;
  if (target === 'solutions') return join(exercise.solutionDir, 'index.ts');
  const [kind, name] = target.split(':') as ['mutant' | 'alternative', string];
  const file = join(exercise.solutionDir, `${kind}s`, `${name}.ts`);
  return existsSync(file) ? file : undefined;
}

/** Names of the files in solutions/<slug>/mutants (or alternatives), without extension. */
export function variantsOf(exercise: Exercise, kind: 'mutant' | 'alternative'): string[] {
  const dir = join(exercise.solutionDir, `${kind}s`);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => basename(f, '.ts')).sort();
}
