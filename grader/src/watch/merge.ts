import type { ExerciseResult, Scorecard } from '../scorecard.ts';
import { isDone, summarise } from '../score/score.ts';

/**
 * Pure: the last full scorecard with the exercises of a partial re-grade put in place, totals and
 * `next` computed by the same `summarise` a full grade uses. Timing and date are the re-grade's.
 */
export function mergeResults(last: Scorecard, fresh: Scorecard): Scorecard {
  const bySlug = new Map(last.exercises.map((e) => [e.slug, e]));
  for (const result of fresh.exercises) bySlug.set(result.slug, result);
  const exercises = [...bySlug.values()].sort((a, b) => a.order - b.order);
  return { ...last, createdAt: fresh.createdAt, durationMs: fresh.durationMs, ...summarise(exercises) };
}

/**
 * The exercise `n` moves to: the first unfinished one after `from` in workbook order, wrapping
 * around, so pressing `n` again walks through everything left to do. Without `from`: `next`.
 */
export function nextUnfinishedAfter(card: Scorecard, from: string | null): ExerciseResult | undefined {
  const unfinished = card.exercises.filter((e) => !isDone(e));
  if (from === null) return unfinished.find((e) => e.slug === card.next) ?? unfinished[0];
  const order = card.exercises.find((e) => e.slug === from)?.order ?? -Infinity;
  return unfinished.find((e) => e.order > order) ?? unfinished[0];
}
