import { FAILURE_KINDS } from '@tickwork/testkit/failures';
import { describe, expect, it } from 'vitest';
import { resolveLang } from '../src/i18n/lang.ts';
import { messages } from '../src/i18n/messages.ts';
import { renderTerminal } from '../src/report/terminal.ts';
import type { Scorecard } from '../src/scorecard.ts';

// The grader's own words in English and Turkish (i18n/): pure, no CLI. The CLI side (`--lang tr`,
// LANG=tr_TR.UTF-8 on `pnpm hint`) is in learner-tools.test.ts.
describe('language', () => {
  const card: Scorecard = {
    schema: 'tickwork.scorecard/v1',
    target: 'stubs',
    createdAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1500,
    totals: { points: 1, maxPoints: 4, exercises: 2, passed: 0 },
    next: '01-alpha',
    exercises: [
      {
        slug: '01-alpha',
        title: 'alpha',
        module: 1,
        order: 1,
        status: 'timeout',
        points: 1,
        maxPoints: 3,
        durationMs: 40,
        hints: 'exercises/01-alpha/hints.md',
        tests: [
          { name: 'passes', status: 'passed', points: 1, maxPoints: 1 },
          { name: 'blocks', status: 'failed', points: 0, maxPoints: 2, kind: 'blocked-event-loop', message: 'the loop was blocked', location: 'exercises/01-alpha/src/index.ts:3:5', output: 'printed' },
        ],
      },
      {
        slug: '02-beta',
        title: 'beta',
        module: 1,
        order: 2,
        status: 'failed',
        points: 0,
        maxPoints: 1,
        durationMs: 5,
        hints: 'exercises/02-beta/hints.md',
        tests: [{ name: 'stub', status: 'failed', points: 0, maxPoints: 1, kind: 'not-implemented', message: 'beta is not implemented yet' }],
      },
    ],
  };

  it('renders the scorecard in Turkish: headings, columns, statuses, failure kinds and their meaning, totals, next', () => {
    const text = renderTerminal(card, { color: false, lang: 'tr' });
    for (const turkish of [
      'tickwork puan kartı',
      'alıştırma',
      'durum',
      '⏱ zaman aşımı',
      '○ yapılacak',
      '(2 puan)',
      '[olay döngüsü tıkandı] the loop was blocked',
      'konum: exercises/01-alpha/src/index.ts:3:5',
      'kodunuzun çıktısı:',
      'henüz başlanmadı: exercises/02-beta/src/index.ts dosyasında şunları yazın: beta',
      'ipuçları: exercises/01-alpha/hints.tr.md',
      'hata türlerinin anlamı:',
      'olay döngüsü tıkandı (blocked-event-loop): olay döngüsü 3 saniye',
      'toplam 1/4 puan · 0/2 alıştırma geçti',
      'sıradaki: 01-alpha — alpha (exercises/01-alpha/README.tr.md)',
    ]) {
      expect(text).toContain(turkish);
    }
    for (const english of ['scorecard', 'status', 'not started', 'your output', 'hints:', 'total', 'next:', 'to do']) {
      expect(text).not.toContain(english);
    }
  });

  it('renders English by default, explaining each failure kind it shows once', () => {
    const text = renderTerminal(card, { color: false });
    expect(text).toContain('[blocked-event-loop] the loop was blocked');
    expect(text).toContain('what the failure kinds mean:');
    expect(text.match(/^ {2}blocked-event-loop: the event loop got no turn/gm)).toHaveLength(1);
    expect(text).not.toMatch(/^ {2}not-implemented:/m);
    expect(text).toContain('next: 01-alpha — alpha (exercises/01-alpha/README.md)');
  });

  it('chooses the language: --lang first, then LC_ALL, LC_MESSAGES, LANG; English otherwise', () => {
    expect(resolveLang(undefined, { LANG: 'tr_TR.UTF-8' })).toBe('tr');
    expect(resolveLang(undefined, { LC_ALL: 'C.UTF-8', LANG: 'tr_TR.UTF-8' })).toBe('en');
    expect(resolveLang(undefined, { LC_MESSAGES: 'tr_TR', LANG: 'en_GB.UTF-8' })).toBe('tr');
    expect(resolveLang('en', { LANG: 'tr_TR.UTF-8' })).toBe('en');
    expect(resolveLang(undefined, {})).toBe('en');
    expect(() => resolveLang('de', {})).toThrow(/--lang de: expected one of en, tr/);
  });

  it('has every message in Turkish, with the same keys and the same parameters as in English', () => {
    const en = messages('en') as unknown as Record<string, unknown>;
    const tr = messages('tr') as unknown as Record<string, unknown>;
    const shape = (value: unknown): unknown => {
      if (typeof value === 'function') return `function/${value.length}`;
      if (Array.isArray(value)) return 'list';
      if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
      return typeof value;
    };
    expect(shape(tr)).toEqual(shape(en));
    for (const kind of FAILURE_KINDS) {
      expect(messages('tr').failureKindExplanation[kind]).not.toBe(messages('en').failureKindExplanation[kind]);
    }
  });
});
