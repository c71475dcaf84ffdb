import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Exercise } from '../discover/discover.ts';
import type { Lang } from '../i18n/lang.ts';

const HEADING: Record<Lang, RegExp> = { en: /^## Hint (\d+)\s*$/m, tr: /^## İpucu (\d+)\s*$/m };
const FILE: Record<Lang, string> = { en: 'hints.md', tr: 'hints.tr.md' };

/** The exercise's hints in order (the text under each `## Hint N`), in the language asked for. */
export function readHints(exercise: Exercise, lang: Lang): string[] {
  const path = join(exercise.dir, FILE[lang]);
  if (!existsSync(path)) return lang === 'en' ? [] : readHints(exercise, 'en');
  const heading = new RegExp(HEADING[lang].source, 'gm');
  const text = readFileSync(path, 'utf8');
  const starts = [...text.matchAll(heading)];
  return starts.map((match, i) => text.slice(match.index! + match[0].length, starts[i + 1]?.index ?? text.length).trim());
}

/** Which hints to print and how far the learner has got once they are printed. */
export interface HintStep {
  /** 1-based levels of the hints to print, in order. */
  show: number[];
  /** The new `hintsRevealed` for the state file. */
  revealed: number;
  /** Every hint had been seen before this call: the last one is shown again with a note. */
  exhausted: boolean;
}

/**
 * One `pnpm hint`: the next hint not yet seen; after the last one, the last one again (a learner who
 * asks once more most likely wants to re-read it, and an empty answer helps nobody); `--all` shows
 * every hint and counts them all as seen.
 */
export function nextHintStep(total: number, revealedBefore: number, all: boolean): HintStep {
  const seen = Math.min(Math.max(revealedBefore, 0), total);
  if (all) return { show: Array.from({ length: total }, (_, i) => i + 1), revealed: Math.max(seen, total), exhausted: false };
  if (seen >= total) return { show: [total], revealed: seen, exhausted: true };
  return { show: [seen + 1], revealed: seen + 1, exhausted: false };
}
