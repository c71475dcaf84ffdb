import type { Scorecard } from '../scorecard.ts';

export function renderJson(scorecard: Scorecard): string {
  return `${JSON.stringify(scorecard, null, 2)}\n`;
}
