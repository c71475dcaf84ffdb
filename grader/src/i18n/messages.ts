import type { Lang } from './lang.ts';

/**
 * Every learner-facing string the grader prints, in each language. Add a key to `en` and `tr`
 * together: the type makes a missing translation a compile error. Functions take what varies.
 */
const en = {
  hintHeading: (level: number, total: number): string => `Hint ${level} of ${total}`,
  noMoreHints: (total: number): string => `That was the last hint (${total} of ${total}). \`pnpm hint <exercise> --all\` shows them all again.`,
};

const tr: typeof en = {
  hintHeading: (level, total) => `İpucu ${level} / ${total}`,
  noMoreHints: (total) => `Bu son ipucuydu (${total} / ${total}). Hepsini yeniden görmek için: \`pnpm hint <alıştırma> --all\`.`,
};

export type Messages = typeof en;

export function messages(lang: Lang): Messages {
  return lang === 'tr' ? tr : en;
}
