import { messages, type Messages } from '../i18n/messages.ts';
import type { ExerciseResult, ExerciseStatus, Provenance, Scorecard, Tampering, TestResult } from '../scorecard.ts';
import type { ReportOptions } from './formats.ts';
import { capText, escapeMarkup, percentOf } from './untrusted.ts';
import { notStarted } from './terminal.ts';

/**
 * One self-contained HTML page: inline CSS, no script, no external request (its Content-Security-Policy
 * forbids any). Stable hooks for a DOM reader: `#totals[data-total-points][data-max-points]`,
 * `[data-module]` per module bar, `[data-exercise]` per exercise, `[data-test]` per test.
 */

const MESSAGE_CAP = 4_000;
const OUTPUT_CAP = 2_000;

const STATUS_MARK: Record<ExerciseStatus, string> = { passed: '✓', partial: '◐', failed: '✗', error: '!', timeout: '⏱', 'public-passed': '✓', ungraded: '·' };

const text = (value: string): string => escapeMarkup(value);
const attr = (value: string | number): string => `"${escapeMarkup(String(value), 'attribute')}"`;

const STYLE = `
:root { color-scheme: light dark; --ok: #1a7f37; --part: #9a6700; --bad: #cf222e; --muted: #6e7781; --bar: #d0d7de; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; padding: 2rem 1rem; }
main { max-width: 60rem; margin: 0 auto; }
h1 { font-size: 1.4rem; margin: 0 0 1rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.alert { border: 2px solid var(--bad); border-radius: 6px; padding: .5rem 1rem; margin-bottom: 1rem; }
.alert h2 { margin-top: .25rem; color: var(--bad); }
.totals .score { font-size: 2rem; font-weight: 700; margin: 0; }
.totals .percent { color: var(--muted); font-size: 1.2rem; margin-left: .5rem; }
.module { display: grid; grid-template-columns: 7rem 1fr 5rem; gap: .75rem; align-items: center; margin: .25rem 0; }
.bar { height: .9rem; background: var(--bar); border-radius: 4px; overflow: hidden; }
.fill { display: block; height: 100%; background: var(--ok); }
.value { text-align: right; font-variant-numeric: tabular-nums; }
.exercise { border-top: 1px solid var(--bar); padding: .5rem 0; }
.exercise h3 { font-size: 1rem; margin: .25rem 0; display: flex; gap: .5rem; }
.exercise h3 .points { margin-left: auto; font-variant-numeric: tabular-nums; }
.status-passed .mark, .status-public-passed .mark, .test.passed .mark { color: var(--ok); }
.status-partial .mark { color: var(--part); }
.status-failed .mark, .status-error .mark, .status-timeout .mark, .test.failed .mark { color: var(--bad); }
.tests { list-style: none; padding-left: 1.5rem; margin: .25rem 0; }
.test .pts, .muted, .exercise .mark.muted { color: var(--muted); }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: rgba(127,127,127,.12); padding: .5rem; border-radius: 4px; margin: .25rem 0; }
summary { cursor: pointer; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
`;

function tamperingSection(tampering: Tampering[], words: Messages): string {
  const items = tampering.map((t) => `<li data-file=${attr(t.file)} data-change=${attr(t.change)}><code>${text(capText(t.file, 500))}</code> — ${text(words.report.tamperingChange[t.change] ?? t.change)}</li>`);
  return `<section class="alert tampering" data-tampering=${attr(tampering.length)}><h2>${text(words.report.tamperingHeading)}</h2><ul>${items.join('')}</ul></section>`;
}

function moduleBars(exercises: ExerciseResult[], words: Messages): string {
  const modules = [...new Set(exercises.map((e) => e.module))].sort((a, b) => a - b);
  const bars = modules.map((module) => {
    const of = exercises.filter((e) => e.module === module);
    const points = of.reduce((sum, e) => sum + e.points, 0);
    const maxPoints = of.reduce((sum, e) => sum + e.maxPoints, 0);
    const width = maxPoints > 0 ? ((points / maxPoints) * 100).toFixed(2) : '0';
    return [
      `<div class="module" data-module=${attr(module)} data-points=${attr(points)} data-max-points=${attr(maxPoints)}>`,
      `<span class="label">${text(words.report.module(module))}</span>`,
      `<div class="bar" role="progressbar" aria-label=${attr(words.report.module(module))} aria-valuemin="0" aria-valuemax=${attr(maxPoints)} aria-valuenow=${attr(points)}><span class="fill" style="width: ${width}%"></span></div>`,
      `<span class="value">${points}/${maxPoints}</span></div>`,
    ].join('');
  });
  return `<section class="modules"><h2>${text(words.report.modules)}</h2>${bars.join('\n')}</section>`;
}

function testItem(test: TestResult, words: Messages): string {
  const mark = test.status === 'passed' ? '✓' : test.status === 'skipped' ? '–' : '✗';
  const details: string[] = [];
  if (test.status === 'failed') {
    const kind = test.kind && test.kind !== 'not-implemented' ? `[${words.failureKindName[test.kind]}] ` : '';
    const lines = [`${kind}${capText(test.message ?? 'the test failed', MESSAGE_CAP)}`];
    if (test.location) lines.push(words.scorecard.at(test.location));
    details.push(`<pre class="message">${text(lines.join('\n'))}</pre>`);
    if (test.output) details.push(`<div class="muted">${text(words.scorecard.yourOutput)}</div><pre class="output">${text(capText(test.output, OUTPUT_CAP))}</pre>`);
  }
  return [
    `<li class="test ${test.status}" data-test=${attr(test.name)} data-status=${attr(test.status)} data-visibility=${attr(test.visibility ?? 'hidden')} data-points=${attr(test.points)} data-max-points=${attr(test.maxPoints)}>`,
    `<span class="mark">${mark}</span> ${text(test.name)} <span class="pts">${test.points}/${test.maxPoints}</span>${details.join('')}</li>`,
  ].join('');
}

/**
 * Folded, so 27 exercises fit a screen: open where a started exercise lost points (what to read
 * next); closed when everything passed, or nothing is written yet (every failure is the stub's).
 */
function testList(exercise: ExerciseResult, toDo: boolean, words: Messages): string {
  const failed = exercise.tests.filter((t) => t.status !== 'passed').length;
  const open = failed > 0 && !toDo ? ' open' : '';
  const summary = `${exercise.tests.length - failed}/${exercise.tests.length} ${words.scorecard.columns.tests}`;
  return `<details class="fold"${open}><summary class="muted">${text(summary)}</summary><ul class="tests">${exercise.tests.map((t) => testItem(t, words)).join('')}</ul></details>`;
}

function exerciseArticle(exercise: ExerciseResult, words: Messages): string {
  const toDo = notStarted(exercise) !== undefined;
  const failure = exercise.failure
    ? `<p class="failure"><strong>[${text(words.failureKindName[exercise.failure.kind])}]</strong></p><pre class="message">${text(capText(exercise.failure.message, MESSAGE_CAP))}</pre>`
    : '';
  return [
    `<article class="exercise status-${exercise.status}" data-exercise=${attr(exercise.slug)} data-module=${attr(exercise.module)} data-status=${attr(exercise.status)} data-points=${attr(exercise.points)} data-max-points=${attr(exercise.maxPoints)}>`,
    `<h3><span class="mark${toDo ? ' muted' : ''}">${toDo ? '○' : STATUS_MARK[exercise.status]}</span><span>${text(exercise.slug)} — ${text(exercise.title)}</span><span class="points">${exercise.points}/${exercise.maxPoints}</span></h3>`,
    `<p class="status muted">${text(toDo ? words.scorecard.toDo : words.scorecard.status[exercise.status])}</p>`,
    failure,
    exercise.tests.length > 0 ? testList(exercise, toDo, words) : '',
    '</article>',
  ].join('');
}

function footer(provenance: Provenance | undefined, createdAt: string): string {
  const parts = provenance
    ? [`base ${provenance.base}`, ...(provenance.head ? [`head ${provenance.head}`] : []), ...(provenance.learner ? [`learner ${provenance.learner}`] : []), `tests ${provenance.testsHash}`]
    : [];
  return `<footer>${[...parts, createdAt].map((p) => text(capText(p, 200))).join(' · ')}</footer>`;
}

export function renderHtml(scorecard: Scorecard, options: Pick<ReportOptions, 'lang'>): string {
  const words = messages(options.lang);
  const { totals } = scorecard;
  const percent = percentOf(totals.points, totals.maxPoints);
  const title = words.scorecard.title(scorecard.target);
  const body = [
    `<h1>${text(title)}</h1>`,
    scorecard.tampering && scorecard.tampering.length > 0 ? tamperingSection(scorecard.tampering, words) : '',
    scorecard.aborted
      ? `<section class="alert aborted" data-aborted=${attr(scorecard.aborted.reason)}><h2>${text(words.report.abortedHeading)}</h2><p>${text(capText(scorecard.aborted.message, MESSAGE_CAP))}</p></section>`
      : '',
    `<section id="totals" class="totals" data-total-points=${attr(totals.points)} data-max-points=${attr(totals.maxPoints)} data-percent=${attr(percent)} data-exercises=${attr(totals.exercises)} data-passed=${attr(totals.passed)}>`,
    `<p class="score">${totals.points}/${totals.maxPoints}<span class="percent">${percent}%</span></p>`,
    `<p>${text(words.scorecard.total(totals.points, totals.maxPoints))} · ${text(words.scorecard.passedCount(totals.passed, totals.exercises))}</p></section>`,
    moduleBars(scorecard.exercises, words),
    `<section class="exercises">${scorecard.exercises.map((e) => exerciseArticle(e, words)).join('\n')}</section>`,
    footer(scorecard.provenance, scorecard.createdAt),
  ];
  return [
    '<!DOCTYPE html>',
    `<html lang=${attr(options.lang)}>`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No request of any kind: the page is opened from artifacts, mail, a learner's disk.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${text(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body><main>',
    ...body.filter((part) => part !== ''),
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}
