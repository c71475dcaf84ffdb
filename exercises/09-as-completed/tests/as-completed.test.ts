import { describe, expect, it } from 'vitest';
import { check, fail, isNotImplemented, points, useVirtualClock } from '@tickwork/testkit';
import { asCompleted } from '#impl';

const clock = useVirtualClock();

/** Resolves with `value` after `ms` virtual milliseconds. */
function resolvesAfter<T>(value: T, ms: number): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

/** Rejects with `error` after `ms`. Deliberately NOT handled here: handling it is asCompleted's job. */
function rejectsAfter(error: Error, ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(error), ms));
}

interface Step<T> {
  value: T;
  at: number;
}

interface Run<T> {
  yielded: Step<T>[];
  /** What the loop threw, if it threw. */
  thrown?: { error: unknown; at: number };
}

/**
 * Runs `for await (const value of source)`, stamping each value with the virtual time it arrived.
 * `body` runs inside the loop for each value; returning 'break' leaves the loop.
 */
type LoopBody<T> = (value: T) => Promise<'break' | void> | 'break' | void;

async function consume<T>(source: AsyncIterable<T>, body?: LoopBody<T>): Promise<Run<T>> {
  const yielded: Step<T>[] = [];
  try {
    for await (const value of source) {
      yielded.push({ value, at: clock.now() });
      if ((await body?.(value)) === 'break') break;
    }
  } catch (error) {
    if (isNotImplemented(error)) throw error;
    return { yielded, thrown: { error, at: clock.now() } };
  }
  return { yielded };
}

const messageOf = (reason: unknown): string => `"${reason instanceof Error ? reason.message : String(reason)}"`;

/** "the loop got b at t=1000 ms, threw "x" at t=2000 ms": what the learner's loop saw, for messages. */
const describeRun = (run: Run<unknown>): string => {
  const steps = run.yielded.map((s) => `${String(s.value)} at t=${s.at} ms`);
  if (run.thrown) steps.push(`threw ${messageOf(run.thrown.error)} at t=${run.thrown.at} ms`);
  return steps.length === 0 ? 'the loop ended without yielding anything' : `the loop got ${steps.join(', ')}`;
};

/** Records unhandled rejections while `during` runs, and names them in a learner-facing failure. */
async function expectNoUnhandledRejection(situation: string, during: () => Promise<void>): Promise<void> {
  const seen: unknown[] = [];
  const listener = (reason: unknown): void => {
    seen.push(reason);
  };
  process.on('unhandledRejection', listener);
  try {
    await during();
    // Node reports unhandled rejections once the promise jobs have drained: flush gives it that turn.
    await clock.flush();
  } finally {
    process.off('unhandledRejection', listener);
  }
  if (seen.length > 0) {
    const what = seen.map(messageOf).join(', ');
    fail(
      `${situation}, the rejection${seen.length === 1 ? '' : 's'} ${what} went unhandled: asCompleted must keep handling every promise it was given, even once the loop has stopped asking for values`,
    );
  }
}

describe('asCompleted(promises)', () => {
  it('yields the values in the order the promises complete, each as soon as it completes', points(3), async () => {
    const source = asCompleted([resolvesAfter('a', 3000), resolvesAfter('b', 1000), resolvesAfter('c', 2000)]);
    const { value: run } = await clock.resolves(consume(source), "for await over asCompleted([a in 3 s, b in 1 s, c in 2 s])");
    expect(
      run.yielded,
      `${describeRun(run)}; expected b at t=1000 ms, c at t=2000 ms, a at t=3000 ms (completion order, not input order)`,
    ).toEqual([
      { value: 'b', at: 1000 },
      { value: 'c', at: 2000 },
      { value: 'a', at: 3000 },
    ]);
  });

  it('yields every value exactly once: one value per promise', points(2), async () => {
    const source = asCompleted([
      resolvesAfter('p0', 2000),
      Promise.resolve('p1'),
      resolvesAfter('p2', 1000),
      resolvesAfter('p3', 2000),
    ]);
    const { value: run } = await clock.resolves(consume(source), 'for await over asCompleted of four promises');
    const values = run.yielded.map((step) => step.value);
    check(
      values.length === 4 && [...values].sort().join() === 'p0,p1,p2,p3',
      `${describeRun(run)}; four promises must give p0, p1, p2 and p3, each exactly once`,
    );
  });

  it('loses nothing while the loop body is busy: values that completed meanwhile come next, in completion order', points(2), async () => {
    const source = asCompleted([resolvesAfter('a', 1000), resolvesAfter('b', 2000), resolvesAfter('c', 3000)]);
    // The body spends 5 s on `a`: b and c complete while nobody is asking for a value.
    const run = consume(source, async (value) => {
      if (value === 'a') await resolvesAfter(undefined, 5000);
    });
    const { value: result } = await clock.resolves(run, 'for await over asCompleted([a in 1 s, b in 2 s, c in 3 s]) with a 5 s loop body');
    expect(
      result.yielded,
      `${describeRun(result)}; b and c complete during the 5 s spent on a and must be yielded right after it, at t=6000 ms`,
    ).toEqual([
      { value: 'a', at: 1000 },
      { value: 'b', at: 6000 },
      { value: 'c', at: 6000 },
    ]);
  });

  it('throws a rejection out of the loop at its place in completion order', points(3), async () => {
    const failure = new Error('b failed');
    const source = asCompleted([resolvesAfter('a', 1000), rejectsAfter(failure, 2000), resolvesAfter('c', 3000)]);
    const { value: run } = await clock.resolves(consume(source), 'for await over asCompleted([a in 1 s, b rejects in 2 s, c in 3 s])');
    await clock.runAll();
    check(run.thrown, `${describeRun(run)}; the loop should have thrown b's error at t=2000 ms: a rejection must not be skipped`);
    expect(run.thrown.error, `${describeRun(run)}; the loop should throw the very error b rejected with`).toBe(failure);
    expect(
      run.yielded.map((step) => step.value),
      `${describeRun(run)}; expected a at t=1000 ms, then b's error at t=2000 ms, before c completes`,
    ).toEqual(['a']);
    expect(run.thrown.at, `${describeRun(run)}; b rejects at t=2000 ms and the loop should throw right then`).toBe(2000);
  });

  it('leaves no unhandled rejection when the loop breaks out early', points(2), async () => {
    const source = asCompleted([
      resolvesAfter('a', 1000),
      rejectsAfter(new Error('b failed'), 2000),
      rejectsAfter(new Error('c failed'), 3000),
    ]);
    await expectNoUnhandledRejection('after the loop broke out at t=1000 ms', async () => {
      const { value: run, at } = await clock.resolves(
        consume(source, () => 'break'),
        'for await over asCompleted([a in 1 s, b rejects in 2 s, c rejects in 3 s]) that breaks after the first value',
      );
      expect(at, `the loop left at t=${at} ms; a \`break\` after the first value leaves at t=1000 ms`).toBe(1000);
      expect(run.yielded, describeRun(run)).toEqual([{ value: 'a', at: 1000 }]);
      await clock.runAll();
    });
  });

  it('leaves no unhandled rejection when a rejection has already ended the loop', async () => {
    const first = new Error('a failed');
    const source = asCompleted([rejectsAfter(first, 1000), rejectsAfter(new Error('b failed'), 2000)]);
    await expectNoUnhandledRejection('after the loop threw at t=1000 ms', async () => {
      const { value: run } = await clock.resolves(
        consume(source),
        'for await over asCompleted([a rejects in 1 s, b rejects in 2 s])',
      );
      expect(run.thrown?.error, `${describeRun(run)}; the loop should throw a's error at t=1000 ms`).toBe(first);
      await clock.runAll();
    });
  });

  it('ends at once, at t=0 ms, for an empty input', async () => {
    const { value: run, at } = await clock.resolves(consume(asCompleted([])), 'for await over asCompleted([])');
    expect(run.yielded, describeRun(run)).toEqual([]);
    check(!run.thrown, `${describeRun(run)}; an empty input simply ends the loop`);
    expect(at, `the loop over asCompleted([]) ended at t=${at} ms; with nothing to wait for it ends at once`).toBe(0);
  });

  it('accepts any iterable of promise-likes: a generator, a thenable that is not a native promise', async () => {
    const thenable: PromiseLike<string> = {
      then: (onFulfilled, onRejected) => resolvesAfter('thenable', 500).then(onFulfilled, onRejected),
    };
    function* inputs(): Generator<PromiseLike<string>> {
      yield resolvesAfter('promise', 1000);
      yield thenable;
    }
    const { value: run } = await clock.resolves(
      consume(asCompleted(inputs())),
      'for await over asCompleted(generator of a promise and a thenable)',
    );
    expect(run.yielded, `${describeRun(run)}; expected thenable at t=500 ms, promise at t=1000 ms`).toEqual([
      { value: 'thenable', at: 500 },
      { value: 'promise', at: 1000 },
    ]);
  });
});
