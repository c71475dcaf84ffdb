import { UsageError } from '../errors.ts';

export const LANGS = ['en', 'tr'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * The language of everything the grader prints for a learner: `--lang` first, then the usual locale
 * variables in POSIX order (LC_ALL, LC_MESSAGES, LANG): `tr_TR.UTF-8` means Turkish. English otherwise.
 */
export function resolveLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag !== undefined) {
    if ((LANGS as readonly string[]).includes(flag)) return flag as Lang;
    throw new UsageError(`--lang ${flag}: expected one of ${LANGS.join(', ')}`);
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^tr([_.-]|$)/i.test(locale) ? 'tr' : 'en';
}
