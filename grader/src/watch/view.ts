import type { HintStep } from '../hints/hints.ts';
import type { Exercise } from '../discover/discover.ts';
import type { Lang } from '../i18n/lang.ts';
import { messages } from '../i18n/messages.ts';
import { notStarted, renderTerminal } from '../report/terminal.ts';
import type { ExerciseResult, Scorecard } from '../scorecard.ts';

/** What the watch prints, apart from the scorecard renderer's own output. Pure: text in, text out. */
export interface ViewOptions {
  lang: Lang;
  color: boolean;
}

/** The whole scorecard, as `pnpm grade` prints it. */
export function fullCard(card: Scorecard, view: ViewOptions): string {
  return renderTerminal(card, { color: view.color, lang: view.lang });
}

/** The re-graded exercises' rows and failures, then the totals and next line of the whole workbook. */
export function regradedCard(card: Scorecard, slugs: string[], view: ViewOptions): string {
  return renderTerminal(card, { color: view.color, lang: view.lang, only: slugs });
}

/** `l`: one row per exercise, no failure details. */
export function compactCard(card: Scorecard, view: ViewOptions): string {
  return `\n${renderTerminal(card, { color: view.color, lang: view.lang, compact: true })}`;
}

/** `n`: the exercise now in focus, where its task is, how it stands. */
export function focusLines(result: ExerciseResult, view: ViewOptions): string {
  const m = messages(view.lang);
  const readme = m.scorecard.docFile(`exercises/${result.slug}/README.md`);
  const status = notStarted(result) ? m.scorecard.toDo : m.scorecard.status[result.status];
  return `\n${m.watch.focus(result.slug, result.title)}\n${m.watch.focusDetails(readme, status, result.points, result.maxPoints)}\n`;
}

/**
 * `h`: the hint `pnpm hint` would show (hints/hints.ts `nextHintStep`), then what pressing `h` again
 * would do: reveal the next one, or nothing new after the last.
 */
export function hintLines(exercise: Exercise, hints: string[], step: HintStep, view: ViewOptions): string {
  const m = messages(view.lang);
  const lines = [''];
  for (const level of step.show) lines.push(m.watch.hintFor(exercise.slug, m.hintHeading(level, hints.length)), '', hints[level - 1] ?? '', '');
  if (step.exhausted) lines.push(m.noMoreHints(hints.length), '');
  else if (step.revealed < hints.length) lines.push(m.watch.moreHints(step.revealed + 1), '');
  return lines.join('\n');
}
