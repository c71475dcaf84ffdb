import { isNotImplemented, realTimers } from '@tickwork/testkit';
import { PATIENCE_MS, realSleep } from './board.ts';

export type Outcome<T> = { state: 'resolved'; value: T } | { state: 'rejected'; error: unknown } | { state: 'pending' };

/**
 * Follows a promise without awaiting it: `outcome()` tells how it has settled so far. A stub's
 * `TODO: implement` is kept aside so that `rethrowNotImplemented` can surface it as the failure.
 */
export function follow<T>(promise: Promise<T>): () => Outcome<T> {
  let outcome: Outcome<T> = { state: 'pending' };
  promise.then(
    (value) => (outcome = { state: 'resolved', value }),
    (error: unknown) => (outcome = { state: 'rejected', error }),
  );
  return () => outcome;
}

/** Calls `start` and follows what it returns; a synchronous throw counts as a rejection. */
export function followCall<T>(start: () => Promise<T>): () => Outcome<T> {
  try {
    return follow(start());
  } catch (error) {
    if (isNotImplemented(error)) throw error;
    return () => ({ state: 'rejected', error });
  }
}

/**
 * Waits (real time, at most `ms`) until every followed promise has settled, and returns the outcomes:
 * those still pending then are reported as 'pending', so the test can say which ones never settled.
 */
export async function settleAll<T>(followed: Array<() => Outcome<T>>, ms = PATIENCE_MS): Promise<Outcome<T>[]> {
  const start = realTimers.now();
  while (followed.some((f) => f().state === 'pending') && realTimers.now() - start < ms) await realSleep(10);
  const outcomes = followed.map((f) => f());
  for (const outcome of outcomes) {
    if (outcome.state === 'rejected' && isNotImplemented(outcome.error)) throw outcome.error;
  }
  return outcomes;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One line per outcome, for failure messages: `task 2 rejected ("boom")`. */
export function describeOutcome<T>(outcome: Outcome<T>): string {
  if (outcome.state === 'pending') return 'still pending';
  if (outcome.state === 'rejected') return `rejected ("${messageOf(outcome.error)}")`;
  return `resolved with ${JSON.stringify(outcome.value)}`;
}
