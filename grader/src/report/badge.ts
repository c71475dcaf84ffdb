import type { Scorecard } from '../scorecard.ts';
import type { ReportOptions } from './formats.ts';
import { escapeMarkup, percentOf } from './untrusted.ts';

/**
 * A standalone SVG badge in shields.io's flat style: `tickwork | 87%` (or `104/120`), coloured by the
 * percentage as shields colours coverage. Only numbers and fixed words go in: no learner text.
 */

const LABEL = 'tickwork';
const GREY = '#9f9f9f';

/** Approximate advance widths of Verdana at 11 px, the font shields measures with. */
const WIDTHS: Array<[RegExp, number]> = [
  [/[ijl|.,:;!'’]/, 3.5],
  [/[ frtI()[\]/]/, 4.6],
  [/[mw%]/, 11],
  [/[MW]/, 12],
  [/[A-Z]/, 7.8],
  [/[0-9]/, 7],
];

function textWidth(value: string): number {
  let width = 0;
  for (const c of value) width += WIDTHS.find(([pattern]) => pattern.test(c))?.[1] ?? 6.6;
  return Math.ceil(width);
}

/** shields.io's coverage scale. */
export function badgeColour(percent: number): string {
  if (percent >= 90) return '#4c1';
  if (percent >= 75) return '#97ca00';
  if (percent >= 60) return '#a4a61d';
  if (percent >= 45) return '#dfb317';
  if (percent >= 30) return '#fe7d37';
  return '#e05d44';
}

/** What the right half says, and its colour: an unfinished or tampered grade says so. */
export function badgeValue(scorecard: Scorecard, style: ReportOptions['badge'] = 'percent'): { value: string; colour: string } {
  const { points, maxPoints } = scorecard.totals;
  if (scorecard.aborted) return { value: 'error', colour: GREY };
  if (maxPoints === 0) return { value: 'n/a', colour: GREY };
  const percent = percentOf(points, maxPoints);
  const score = style === 'points' ? `${points}/${maxPoints}` : `${percent}%`;
  if (scorecard.tampering && scorecard.tampering.length > 0) return { value: `${score} · tampered`, colour: '#e05d44' };
  return { value: score, colour: badgeColour(percent) };
}

function label(text: string, centre: number, width: number): string {
  const shared = `x="${centre * 10}" transform="scale(.1)" textLength="${width * 10}"`;
  const escaped = escapeMarkup(text);
  return `<text aria-hidden="true" ${shared} y="150" fill="#010101" fill-opacity=".3">${escaped}</text><text ${shared} y="140">${escaped}</text>`;
}

export function renderBadge(scorecard: Scorecard, options: Pick<ReportOptions, 'badge'>): string {
  const { value, colour } = badgeValue(scorecard, options.badge);
  const left = textWidth(LABEL) + 10;
  const right = textWidth(value) + 10;
  const width = left + right;
  const title = escapeMarkup(`${LABEL}: ${value}`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${escapeMarkup(`${LABEL}: ${value}`, 'attribute')}">`,
    `<title>${title}</title>`,
    '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>',
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${left}" height="20" fill="#555"/><rect x="${left}" width="${right}" height="20" fill="${colour}"/><rect width="${width}" height="20" fill="url(#s)"/></g>`,
    '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110">',
    label(LABEL, left / 2, left - 10),
    label(value, left + right / 2, right - 10),
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}
