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
