import { join, relative, resolve } from 'node:path';
import { discoverExercises, isBroken, type Exercise } from '../discover/discover.ts';
import { UsageError } from '../errors.ts';
import { readHints } from '../hints/hints.ts';
import { resolveLang } from '../i18n/lang.ts';
import { messages, type Messages } from '../i18n/messages.ts';
import { nextUnfinished } from '../state/next-exercise.ts';
import { loadState, progressOf, saveState } from '../state/state.ts';
import { exercisesNamed, LANG_OPTION, parseOptions, useColor } from './options.ts';
import type { Command } from './command.ts';

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

function renderHints(exercise: Exercise, hints: string[], step: HintStep, text: Messages, bold: (s: string) => string): string {
  const out = [bold(`${exercise.slug} — ${exercise.metadata.title}`)];
  for (const level of step.show) out.push('', bold(`── ${text.hintHeading(level, hints.length)} ──`), '', hints[level - 1]!);
  out.push('');
  if (step.exhausted) out.push(text.noMoreHints(hints.length));
  else if (step.revealed < hints.length) out.push(text.hint.moreAvailable(step.revealed + 1, exercise.slug));
  return `${out.join('\n')}\n`;
}

export const hintCommand: Command = {
  usage: 'pnpm hint [exercise] [--all] [--lang en|tr] [--root DIR]   (no exercise: the next one you have not finished)',
  async run(args, context) {
    const { values, positionals } = parseOptions('hint', args, {
      all: { type: 'boolean', default: false },
      root: { type: 'string' },
      ...LANG_OPTION,
    });
    if (values.help) return context.help(this);
    const lang = resolveLang(values.lang);
    const text = messages(lang);
    if (positionals.length > 1) throw new UsageError(text.hint.oneExercise(positionals.join(' ')));
    const root = values.root ? resolve(values.root) : context.root;
    const state = loadState(root);

    let exercise: Exercise | undefined;
    if (positionals.length === 1) {
      exercise = exercisesNamed(root, positionals)[0]!;
    } else {
      // A half-written exercise must not stop a learner from getting a hint for the others.
      exercise = nextUnfinished(discoverExercises(root).filter((e): e is Exercise => !isBroken(e)), state);
      if (!exercise) {
        console.log(text.hint.allDone);
        return 0;
      }
      console.log(text.hint.nextExercise(exercise.slug));
      console.log('');
    }

    const hints = readHints(exercise, lang);
    if (hints.length === 0) throw new UsageError(text.hint.noHints(relative(root, join(exercise.dir, 'hints.md'))));
    const before = progressOf(state, exercise.slug).hintsRevealed;
    const step = nextHintStep(hints.length, before, values.all);
    const bold = useColor() ? (s: string) => `\u001b[1m${s}\u001b[0m` : (s: string) => s;
    process.stdout.write(renderHints(exercise, hints, step, text, bold));
    if (step.revealed !== before) {
      // Read again just before writing: a grade that finished meanwhile keeps its best score.
      const latest = loadState(root);
      const progress = progressOf(latest, exercise.slug);
      saveState(root, { ...latest, exercises: { ...latest.exercises, [exercise.slug]: { ...progress, hintsRevealed: step.revealed } } });
    }
    return 0;
  },
};
