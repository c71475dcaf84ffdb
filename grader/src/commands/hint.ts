import { join, relative, resolve } from 'node:path';
import { discoverExercises, isBroken, type Exercise } from '../discover/discover.ts';
import { UsageError } from '../errors.ts';
import { nextHintStep, readHints, type HintStep } from '../hints/hints.ts';
import { resolveLang } from '../i18n/lang.ts';
import { messages, type Messages } from '../i18n/messages.ts';
import { nextUnfinished } from '../state/next-exercise.ts';
import { loadState, progressOf, saveState, withHintsRevealed } from '../state/state.ts';
import { exercisesNamed, LANG_OPTION, parseOptions, useColor } from './options.ts';
import type { Command } from './command.ts';

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
      saveState(root, withHintsRevealed(loadState(root), exercise.slug, step.revealed));
    }
    return 0;
  },
};
