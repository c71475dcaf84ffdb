import type { NewExercise } from '../plan.ts';

/**
 * The template exercise is a small real one, so the scaffold can be graded at once: `example(log)`
 * logs `start`, waits 1 s without blocking, logs `done` and resolves with 'done'. Its three tests are
 * one of each kind of assertion (docs/authoring.md); the author replaces all of it.
 */

/** A title inside a block comment must not end the comment. */
const commentSafe = (text: string): string => text.replaceAll('*/', '* /');

export function stub(exercise: NewExercise): string {
  return `/**
 * Exercise ${exercise.slug.slice(0, 2)} — ${commentSafe(exercise.title)}.
 * Read README.md first. Replace each \`throw\` with your implementation; keep the signatures.
 */

// TODO(author): the exercise's API: every export typed, with a doc comment, and every body throwing
// new Error('TODO: implement <name> (see README.md)') so the scorecard shows "not started".

/**
 * Logs \`start\`, waits 1 second without blocking the event loop, logs \`done\`, then resolves with \`'done'\`.
 */
export async function example(log: (line: string) => void): Promise<string> {
  throw new Error('TODO: implement example (see README.md)');
}
`;
}

export function testFile(): string {
  return `import { describe, expect, it } from 'vitest';
import { points, recordTimeline, useVirtualClock } from '@tickwork/testkit';
import { example } from '#impl';

// TODO(author): these tests belong to the template's example(); write the exercise's own, one per
// behaviour the README promises (docs/authoring.md shows the three kinds of assertion used here).

// A fresh virtual clock for every test: t=0, and time moves only when the test moves it.
const clock = useVirtualClock();

describe('example(log)', () => {
  // Ordering: what happened, in which order, at which virtual time.
  it('logs \`start\` before it returns, then \`done\` at t=1000 ms', async () => {
    const timeline = recordTimeline(clock.now);
    const pending = example(timeline.log);
    const loggedBeforeReturn = timeline.labels();
    await clock.resolves(pending, 'example(log)');
    expect(loggedBeforeReturn, 'the start line is logged synchronously, before the first await').toEqual(['start']);
    timeline.expectAt('done', 1000);
  });

  // Non-blocking: another timer still fires while the code under test waits.
  it('waits without blocking: a timer set for t=500 ms fires during the wait', async () => {
    const timeline = recordTimeline(clock.now);
    setTimeout(() => timeline.log('other timer'), 500);
    await clock.resolves(example(timeline.log), 'example(log)');
    timeline.expectOrder(['start', 'other timer', 'done'], 'the wait must leave the event loop free');
  });

  // Concurrency: two calls overlap, so they end together instead of one after the other.
  it('lets two calls overlap: both are done at t=1000 ms, not t=2000 ms', points(2), async () => {
    const both = await clock.resolves(Promise.all([example(() => {}), example(() => {})]), 'two example() calls at once');
    expect(both.at, \`two calls started together resolved at t=\${both.at} ms; each waits 1000 ms, so side by side they end at t=1000 ms\`).toBe(1000);
    expect(both.value, 'each call resolves with its own result').toEqual(['done', 'done']);
  });
});
`;
}

const SOLUTION_BODY = `import { setTimeout as sleep } from 'node:timers/promises';

export async function example(log: (line: string) => void): Promise<string> {
  log('start');
  await sleep(1000);
  log('done');
  return 'done';
}
`;

export function solution(): string {
  return `// TODO(author): the reference solution: as small and clear as a p-* package, a comment where it says why.
${SOLUTION_BODY}`;
}

/** A copy of the solution, so verify can say it is not a mistake yet. */
export function mutant(): string {
  return `// TODO(author): rename this file after the mistake it makes (sequential-awaits.ts, slot-not-freed-on-throw.ts),
// say the mistake on this first line, then make it. Until then it is a copy of the solution, scores 100%
// and verify rejects it. Write at least two mutants, the mistakes learners really make.
${SOLUTION_BODY}`;
}

export function alternative(): string {
  return `// TODO(author): another correct implementation in another style (a class, a closure, promise chains, the npm
// package the exercise is compatible with), named after that style. It must score 100%.
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function example(log: (line: string) => void): Promise<string> {
  log('start');
  return sleep(1000).then(() => {
    log('done');
    return 'done';
  });
}
`;
}
