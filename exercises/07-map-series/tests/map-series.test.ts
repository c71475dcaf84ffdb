import { describe, expect, it } from 'vitest';
import { check, fail, isNotImplemented, points, trackConcurrency, useVirtualClock } from '@tickwork/testkit';
import { pMapSeries } from '#impl';

const clock = useVirtualClock();

/** Resolves with `value` after `ms` virtual milliseconds. */
function resolvesAfter<T>(value: T, ms: number): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

/**
 * Rejects with `error` after `ms` virtual milliseconds. Marked as handled up front: pMapSeries (like
 * p-map-series) looks at an element only when its turn comes, so a rejection that happens earlier is
 * the caller's business, not what these tests grade.
 */
function rejectsAfter(error: Error, ms: number): Promise<never> {
  const promise = new Promise<never>((_, reject) => setTimeout(() => reject(error), ms));
  promise.catch(() => {});
  return promise;
}

const isThenable = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

/** A mapper that runs the fake job named by its element; says so plainly when it gets a promise instead. */
function jobMapper(jobs: Record<string, () => Promise<string>>): (name: string, index: number) => Promise<string> {
  return (name, index) => {
    if (isThenable(name)) {
      fail(`the mapper received a promise for element ${index} instead of its value: await each element of the input before passing it on`);
    }
    return jobs[name]!();
  };
}

/** Three fake jobs of 3 s, 1 s and 2 s, mapped from the elements 'a', 'b', 'c'. */
function threeJobs() {
  const probe = trackConcurrency(clock.now);
  const jobs: Record<string, () => Promise<string>> = {
    a: probe.operation('a', { ms: 3000, value: 'A' }),
    b: probe.operation('b', { ms: 1000, value: 'B' }),
    c: probe.operation('c', { ms: 2000, value: 'C' }),
  };
  return { probe, mapper: jobMapper(jobs) };
}

const CALL = "pMapSeries(['a', 'b', 'c'], mapper)";

describe('pMapSeries(input, mapper)', () => {
  it('resolves with the mapper results in input order, whatever each one took', points(2), async () => {
    const { mapper } = threeJobs();
    const { value } = await clock.resolves(pMapSeries(['a', 'b', 'c'], mapper), CALL);
    expect(value, `${CALL} should resolve with the results of the mappers for 'a', 'b', 'c', in that order`).toEqual([
      'A',
      'B',
      'C',
    ]);
  });

  it('starts each mapper only when the previous one has finished: one in flight at a time', points(3), async () => {
    const { probe, mapper } = threeJobs();
    await clock.resolves(pMapSeries(['a', 'b', 'c'], mapper), CALL);
    probe.expectPeak(1, 'pMapSeries runs one mapper at a time');
    probe.timeline.expectAt('start a', 0);
    probe.timeline.expectAt('start b', 3000, 'the mapper for `b` starts when the one for `a` (3 s) has finished');
    probe.timeline.expectAt('start c', 4000, 'the mapper for `c` starts when the one for `b` (1 s) has finished');
  });

  it('takes the sum of the delays: 3 s + 1 s + 2 s, resolving at t=6000 ms', points(2), async () => {
    const { mapper } = threeJobs();
    const { at } = await clock.resolves(pMapSeries(['a', 'b', 'c'], mapper), CALL);
    expect(
      at,
      `${CALL} resolved at t=${at} ms; mappers of 3 s, 1 s and 2 s run one after the other and finish at t=6000 ms`,
    ).toBe(6000);
  });

  it('passes each element and its index to the mapper', async () => {
    const calls: Array<[string, number]> = [];
    const mapper = async (element: string, index: number): Promise<string> => {
      calls.push([element, index]);
      return element;
    };
    await clock.resolves(pMapSeries(['x', 'y', 'z'], mapper), "pMapSeries(['x', 'y', 'z'], mapper)");
    expect(calls, 'the mapper should be called as mapper(element, index), once per element, in input order').toEqual([
      ['x', 0],
      ['y', 1],
      ['z', 2],
    ]);
  });

  it('awaits a promise in the input and hands the mapper its value, not the promise', points(2), async () => {
    const seen: unknown[] = [];
    const input = [resolvesAfter('first', 1000), 'second', Promise.resolve('third')];
    const mapper = (element: string): string => {
      seen.push(element);
      // A promise passed on by mistake is returned as it is, so the check below can name the mistake.
      return typeof element === 'string' ? element.toUpperCase() : element;
    };
    const { value } = await clock.resolves(pMapSeries(input, mapper), 'pMapSeries([promise, value, promise], mapper)');
    const promiseAt = seen.findIndex(isThenable);
    check(
      promiseAt === -1,
      `the mapper received a promise for element ${promiseAt} instead of its value: await each element of the input before passing it on`,
    );
    expect(seen, 'the mapper should receive the values the input promises resolve with').toEqual(['first', 'second', 'third']);
    expect(value, 'pMapSeries should resolve with the mapper results').toEqual(['FIRST', 'SECOND', 'THIRD']);
  });

  it('starts the first mapper at once, without waiting for promises further down the input', async () => {
    const probe = trackConcurrency(clock.now);
    const jobs: Record<string, () => Promise<string>> = {
      a: probe.operation('a', { ms: 1000 }),
      b: probe.operation('b', { ms: 1000 }),
    };
    const input = ['a', resolvesAfter('b', 500)];
    const { at } = await clock.resolves(
      pMapSeries(input, jobMapper(jobs)),
      "pMapSeries(['a', promise of 'b' at t=500 ms], mapper)",
    );
    probe.timeline.expectAt('start a', 0, "element 0 is a plain value: its mapper need not wait for element 1's promise");
    probe.timeline.expectAt('start b', 1000, 'element 1 is ready at t=500 ms, but its mapper waits for the one before it');
    expect(at, `pMapSeries resolved at t=${at} ms, expected t=2000 ms`).toBe(2000);
  });

  it('rejects with the first mapper error, and starts no mapper after it', points(3), async () => {
    const probe = trackConcurrency(clock.now);
    const failure = new Error('mapper for b failed');
    const jobs: Record<string, () => Promise<string>> = {
      a: probe.operation('a', { ms: 1000 }),
      b: probe.operation('b', { ms: 1000, error: failure }),
      c: probe.operation('c', { ms: 1000 }),
    };
    const { reason, at } = await clock.rejects(
      pMapSeries(['a', 'b', 'c'], jobMapper(jobs)),
      "pMapSeries(['a', 'b', 'c'], mapper) where the mapper for 'b' rejects",
    );
    await clock.runAll();
    probe.timeline.expectNotHappened('start c', 'once the mapper for `b` has rejected, no further mapper may start');
    expect(reason, 'pMapSeries should reject with the very error the mapper rejected with').toBe(failure);
    expect(at, `pMapSeries rejected at t=${at} ms; the mapper for 'b' rejects at t=2000 ms and that is when it should reject`).toBe(
      2000,
    );
  });

  it('rejects when a promise in the input rejects, and calls no mapper for it or after it', points(2), async () => {
    const failure = new Error('element 1 failed');
    const called: string[] = [];
    const input = ['a', rejectsAfter(failure, 500), 'c'];
    const mapper = async (element: string): Promise<string> => {
      called.push(isThenable(element) ? 'a promise' : element);
      await resolvesAfter(undefined, 1000);
      return element;
    };
    const { reason } = await clock.rejects(pMapSeries(input, mapper), "pMapSeries(['a', rejecting promise, 'c'], mapper)");
    await clock.runAll();
    expect(reason, 'pMapSeries should reject with the error of the rejected input element').toBe(failure);
    const tooMany = called.filter((element) => element !== 'a');
    check(
      tooMany.length === 0,
      `the mapper was also called for ${tooMany.join(', ')}; once element 1 rejects, nothing from it on may be mapped`,
    );
  });

  it('turns a mapper that throws into a rejection, not a synchronous throw', async () => {
    const failure = new Error('mapper threw');
    let result: Promise<unknown[]>;
    try {
      result = pMapSeries(['a'], () => {
        throw failure;
      });
    } catch (error) {
      if (isNotImplemented(error)) throw error;
      fail('pMapSeries threw at the call when the mapper threw; it must return a promise that rejects with that error');
    }
    const { reason } = await clock.rejects(result, "pMapSeries(['a'], mapper that throws)");
    expect(reason, 'pMapSeries should reject with the error the mapper threw').toBe(failure);
  });

  it('accepts any iterable, such as a generator', async () => {
    function* letters(): Generator<string> {
      yield 'x';
      yield 'y';
      yield 'z';
    }
    const { value } = await clock.resolves(
      pMapSeries(letters(), async (letter, index) => `${letter}${index}`),
      'pMapSeries(generator of x, y, z, mapper)',
    );
    expect(value, 'input is any Iterable: iterate it (for…of), do not index into it').toEqual(['x0', 'y1', 'z2']);
  });

  it('resolves with [] at t=0 for an empty input, without calling the mapper', async () => {
    let calls = 0;
    const { value, at } = await clock.resolves(
      pMapSeries([], () => {
        calls += 1;
      }),
      'pMapSeries([], mapper)',
    );
    expect(value, 'an empty input maps to an empty array').toEqual([]);
    expect(at, `pMapSeries([]) resolved at t=${at} ms; with nothing to map it resolves at once`).toBe(0);
    expect(calls, 'the mapper was called although the input is empty').toBe(0);
  });
});
