import { fail } from '@tickwork/testkit';
import type { Queue } from '#impl';

// What schedule.test.ts and schedule.public.test.ts share (the public file ships it in a student edition).

export const QUEUES: readonly Queue[] = ['sync', 'nextTick', 'microtask', 'timeout', 'immediate'];

const quote = (label: string): string => `\`${label}\``;
export const list = (labels: readonly string[]): string => (labels.length === 0 ? '(nothing ran)' : labels.map(quote).join(' → '));

/** Fails with both orders side by side and the rule of the event loop that decides them. */
export function expectRan(actual: readonly string[], expected: readonly string[], where: string, rule: string): void {
  const same = actual.length === expected.length && actual.every((label, i) => label === expected[i]);
  if (!same) fail(`${where}, the callbacks ran as ${list(actual)}; Node runs them as ${list(expected)}: ${rule}.`);
}
