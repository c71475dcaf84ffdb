import { UsageError } from '../errors.ts';
import type { Lang } from '../i18n/lang.ts';
import { messages } from '../i18n/messages.ts';

/** The `pnpm grade` options that concern watch mode. */
export interface WatchFlags {
  watch?: boolean;
  poll?: boolean;
  json?: string;
  solutions?: boolean;
  target?: string;
}

/**
 * `--watch` grades the learner's own code and prints to the terminal, so options that grade something
 * else or write a report are refused rather than silently ignored; `--poll` means nothing without it.
 */
export function checkWatchFlags(flags: WatchFlags, lang: Lang): void {
  const m = messages(lang).watch;
  if (!flags.watch) {
    if (flags.poll) throw new UsageError(m.onlyWithWatch('--poll'));
    return;
  }
  const conflicting = flags.json !== undefined ? '--json' : flags.solutions ? '--solutions' : flags.target !== undefined ? '--target' : undefined;
  if (conflicting) throw new UsageError(m.notWithWatch(conflicting));
}

/** `--poll` or `TICKWORK_WATCH_POLL=1`: for file systems whose events never arrive (docs/learner.md). */
export function pollRequested(flag: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return flag === true || env.TICKWORK_WATCH_POLL === '1';
}
