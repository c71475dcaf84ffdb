import { describe, it } from 'vitest';
import { fail, points, runOrderingScenario } from '@tickwork/testkit';
import { predictions } from '#impl';
import { SNIPPETS, type Snippet } from './snippets.ts';

// Real time on purpose: the point is Node's own queue order. No virtual clock in this file.

const quote = (label: string): string => `\`${label}\``;
const list = (labels: readonly string[]): string => labels.map(quote).join(' → ');
const shortTitle = (snippet: Snippet): string => snippet.title.replace(/ \(.*$/, '');

/** Checks the prediction is a rearrangement of the labels the snippet logs, without telling the order. */
function expectSameLabels(snippet: Snippet, predicted: readonly string[], real: readonly string[]): void {
  const name = shortTitle(snippet);
  const alphabetical = [...real].sort().map(quote).join(', ');
  const labelsNote = `It logs exactly these labels, once each (listed alphabetically; the order is yours to find): ${alphabetical}.`;
  for (const label of predicted) {
    if (!real.includes(label)) fail(`your prediction for ${name} contains ${quote(label)}, which ${name} never logs. ${labelsNote}`);
    const times = predicted.filter((l) => l === label).length;
    if (times > 1) fail(`your prediction for ${name} lists ${quote(label)} ${times} times. ${labelsNote}`);
  }
  // Sorted, or the list of missing labels would come out in the real order.
  const missing = real.filter((label) => !predicted.includes(label)).sort();
  if (missing.length > 0) fail(`your prediction for ${name} leaves out ${missing.map(quote).join(', ')}. ${labelsNote}`);
}

/** Names the first position where the prediction goes wrong, not the real order itself. */
function expectSameOrder(snippet: Snippet, predicted: readonly string[], real: readonly string[]): void {
  const firstWrong = predicted.findIndex((label, i) => label !== real[i]);
  if (firstWrong === -1) return;
  const name = shortTitle(snippet);
  const rightPlaces = predicted.filter((label, i) => label === real[i]).length;
  const agreed =
    firstWrong === 0
      ? 'The real order differs already at position 1'
      : `The real order agrees with yours up to position ${firstWrong} and differs at position ${firstWrong + 1}`;
  fail(
    `your prediction for ${name}: ${list(predicted)}. ${agreed}, where you put ` +
      `${quote(predicted[firstWrong]!)} (${rightPlaces} of ${real.length} labels are in the right place). ` +
      `Which queue is ${quote(predicted[firstWrong]!)} in, and what does Node run before that queue?`,
  );
}

describe('predictions', () => {
  for (const snippet of SNIPPETS) {
    it(`${snippet.title}: your predicted order is the order Node really runs it in`, points(2), async () => {
      const predicted: unknown = (predictions as unknown as Record<string, unknown> | undefined)?.[snippet.key];
      if (!Array.isArray(predicted) || predicted.some((label) => typeof label !== 'string')) {
        fail(`predictions.${snippet.key} must be an array of labels (strings), such as ['sync', '…'].`);
      }
      if (predicted.length === 0) {
        // The stub's value: the grader shows the exercise as not started rather than as wrong.
        throw new Error(`TODO: implement predictions (see README.md): predictions.${snippet.key} is still empty`);
      }
      const real = await runOrderingScenario(snippet.run, { from: snippet.from });
      expectSameLabels(snippet, predicted, real);
      expectSameOrder(snippet, predicted, real);
    });
  }
});
