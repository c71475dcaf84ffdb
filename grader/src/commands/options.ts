import { parseArgs, type ParseArgsConfig } from 'node:util';
import { discoverExercises } from '../discover/discover.ts';
import { UsageError } from '../errors.ts';
import type { Exercise } from '../discover/discover.ts';
import { selectExercises } from '../plan.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util's parseArgs with its errors turned into one-line usage errors that name the command. */
export function parseOptions<T extends Options>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, allowPositionals: true, strict: true, options: { ...options, help: { type: 'boolean', short: 'h', default: false } } });
  } catch (error) {
    const message = (error as Error).message;
    const option = /Unknown option '([^']+)'/.exec(message)?.[1];
    throw new UsageError(option ? `unknown option ${option} (pnpm ${command} --help lists them)` : message.split('\n')[0]!);
  }
}

/** The exercises named on the command line (all when none), from the workbook at `root`. */
export function exercisesNamed(root: string, names: string[]): Exercise[] {
  return selectExercises(discoverExercises(root), names);
}

/**
 * `--lang en|tr` for every command that prints to a learner (i18n/lang.ts `resolveLang` reads it).
 * A command that prints nothing translated can still spread it in and ignore the value.
 */
export const LANG_OPTION = { lang: { type: 'string' } } as const;

export function useColor(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
}
