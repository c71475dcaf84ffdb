import { exercisesNamed } from '../commands/options.ts';
import { UsageError } from '../errors.ts';
import type { Lang } from '../i18n/lang.ts';
import { messages } from '../i18n/messages.ts';
import { askOnTerminal, resetExercise } from './reset.ts';

export interface ResetArguments {
  root: string;
  /** The exercise named after `--reset` (slug or NN). */
  name: string;
  /** `--yes`: no question asked. */
  yes: boolean;
  lang: Lang;
  /** Other arguments given with --reset (exercise names, --solutions …): a reset does one thing. */
  others: string[];
}

/**
 * `pnpm grade --reset <exercise>`. Asks first on a terminal; without one (a script, CI, a pipe) and
 * without --yes it refuses rather than guess, since the learner's file is at stake.
 */
export async function runReset(args: ResetArguments): Promise<number> {
  const text = messages(args.lang);
  if (args.others.length > 0) throw new UsageError(text.reset.alone(args.others[0]!));
  const [exercise] = exercisesNamed(args.root, [args.name]);
  const interactive = Boolean(process.stdin.isTTY);
  await resetExercise({
    root: args.root,
    exercise: exercise!,
    text,
    print: (line) => console.log(line),
    confirm: async (question, file) => {
      if (args.yes) return true;
      if (!interactive) throw new UsageError(text.reset.needsConfirmation(file));
      return askOnTerminal(text.reset.yes)(question);
    },
  });
  return 0;
}
