import { beforeEach, describe, it } from 'vitest';
import { check, fail, isNotImplemented, points, useVirtualClock } from '@tickwork/testkit';
// Loaded first on purpose: it replaces the built-in combinators before the learner's module exists.
import { forbidBuiltInCombinators } from './combinator-guard.ts';

const clock = useVirtualClock();
// Registered after the clock, so its afterEach runs first: the built-ins are back before the clock's checks.
const guard = forbidBuiltInCombinators();

// A dynamic import, so it surely runs after the guard is in place (see combinator-guard.ts).
const { promiseAll, promiseAllSettled, promiseAny, promiseRace } = await import('#impl');

/** A promise that fulfils with `value` `ms` virtual milliseconds after it is created. */
function fulfilsAt<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

/** A promise that rejects with `error` `ms` virtual milliseconds after it is created. */
function rejectsAt(ms: number, error: Error): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(error), ms));
}

/**
 * Not a Promise, only something with a `then` method, as the built-ins accept. Like many thenables
 * (query builders, lazy promises) it starts its work when `then` is called, and not before.
 */
function thenableAt<T>(ms: number, value: T): PromiseLike<T> {
  return { then: (onFulfilled, onRejected) => fulfilsAt(ms, value).then(onFulfilled, onRejected) };
}

/** Values as a learner reads them in a failure message: `"a"`, `Error("input 2 failed")`, `{ status: "fulfilled", value: 1 }`. */
function show(value: unknown): string {
  if (value instanceof Error) return `${value.name}("${value.message}")`;
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (value && typeof value === 'object' && 'status' in value) {
    const outcome = value as { status: unknown; value?: unknown; reason?: unknown };
    return `{ status: ${show(outcome.status)}, ${outcome.status === 'rejected' ? `reason: ${show(outcome.reason)}` : `value: ${show(outcome.value)}`} }`;
  }
  if (typeof value === 'string') return `"${value}"`;
  return String(value);
}

/** Runs the remaining timers, so a later rejection nobody handles shows up in this test. */
const finishTheOtherInputs = (): Promise<void> => clock.runAll();

describe('promiseAll(values)', () => {
  beforeEach(() => guard.blame('promiseAll'));

  it('keeps input order when the inputs finish in another order, and resolves when the last one fulfils', points(2), async () => {
    const { value, at } = await clock.resolves(
      promiseAll([fulfilsAt(3000, 'slow'), fulfilsAt(1000, 'fast'), fulfilsAt(2000, 'middle')]),
      'promiseAll([slow 3 s, fast 1 s, middle 2 s])',
    );
    check(
      show(value) === show(['slow', 'fast', 'middle']),
      `promiseAll resolved with ${show(value)}; expected ["slow", "fast", "middle"]: values in input order, although they fulfilled as fast, middle, slow`,
    );
    check(at === 3000, `promiseAll resolved at t=${at} ms; it should resolve when its last input fulfils, at t=3000 ms`);
  });

  it('rejects as soon as one input rejects, without waiting for the slower inputs', points(2), async () => {
    const failure = new Error('input 2 failed at t=1000 ms');
    const { reason, at } = await clock.rejects(
      promiseAll([fulfilsAt(3000, 'slow'), rejectsAt(1000, failure), fulfilsAt(2000, 'middle')]),
      'promiseAll([slow 3 s, rejects at 1 s, middle 2 s])',
    );
    check(reason === failure, `promiseAll rejected with ${show(reason)}; expected the reason of the input that rejected, ${show(failure)}`);
    check(
      at === 1000,
      `promiseAll rejected at t=${at} ms; input 2 rejected at t=1000 ms, and promiseAll must reject then, not when the inputs before it are done`,
    );
    await finishTheOtherInputs();
  });

  it('takes any iterable: a generator of plain values, promises and thenables', points(2), async () => {
    const plain = await clock.resolves(promiseAll(new Set(['a', 'b'])), 'promiseAll(new Set(["a", "b"]))');
    check(show(plain.value) === show(['a', 'b']), `promiseAll(new Set(["a", "b"])) resolved with ${show(plain.value)}; expected ["a", "b"]`);
    check(plain.at === 0, `promiseAll of plain values resolved at t=${plain.at} ms; with nothing to wait for it should resolve at once, at t=0 ms`);

    function* inputs(): Generator<number | string | PromiseLike<string>> {
      yield 1;
      yield fulfilsAt(1000, 'promise');
      yield thenableAt(500, 'thenable');
      yield 'plain';
    }
    const mixed = await clock.resolves(promiseAll(inputs()), 'promiseAll(generator of 1, a promise, a thenable, "plain")');
    check(
      show(mixed.value) === show([1, 'promise', 'thenable', 'plain']),
      `promiseAll resolved with ${show(mixed.value)}; expected [1, "promise", "thenable", "plain"]: plain values are kept as they are, promises and thenables replaced by their values`,
    );
    check(
      mixed.at === 1000,
      `promiseAll resolved at t=${mixed.at} ms; expected t=1000 ms, when its slowest input fulfils: take up every input at once (a thenable starts its work when its then is called), not one after another`,
    );
  });

  it('leaves no rejection unhandled when several inputs reject', points(2), async () => {
    const first = new Error('input 1 failed at t=1000 ms');
    const second = new Error('input 2 failed at t=2000 ms');
    const { reason, at } = await clock.rejects(
      promiseAll([rejectsAt(1000, first), rejectsAt(2000, second), fulfilsAt(3000, 'slow')]),
      'promiseAll([rejects at 1 s, rejects at 2 s, slow 3 s])',
    );
    check(reason === first && at === 1000, `promiseAll rejected with ${show(reason)} at t=${at} ms; expected ${show(first)} at t=1000 ms`);
    // Input 2 rejects after promiseAll has settled: if promiseAll stopped listening to it, the
    // setup reports an unhandled rejection of "input 2 failed" when this test ends.
    await finishTheOtherInputs();
  });
});

describe('promiseAllSettled(values)', () => {
  beforeEach(() => guard.blame('promiseAllSettled'));

  it('reports every outcome in input order, and waits for the last input even after a rejection', points(2), async () => {
    const failure = new Error('input 2 failed at t=1000 ms');
    const { value, at } = await clock.resolves(
      promiseAllSettled([fulfilsAt(3000, 'slow'), rejectsAt(1000, failure), 'plain']),
      'promiseAllSettled([slow 3 s, rejects at 1 s, "plain"])',
    );
    const expected = [
      { status: 'fulfilled', value: 'slow' },
      { status: 'rejected', reason: failure },
      { status: 'fulfilled', value: 'plain' },
    ];
    const sameOutcomes =
      Array.isArray(value) &&
      value.length === expected.length &&
      value.every((outcome, i) => {
        const want = expected[i]!;
        return outcome.status === want.status && (outcome.status === 'fulfilled' ? outcome.value === want.value : outcome.reason === want.reason);
      });
    check(sameOutcomes, `promiseAllSettled resolved with ${show(value)}; expected ${show(expected)}: one outcome per input, in input order`);
    check(at === 3000, `promiseAllSettled resolved at t=${at} ms; it should wait until every input has settled, at t=3000 ms`);
  });
});

describe('promiseAny(values)', () => {
  beforeEach(() => guard.blame('promiseAny'));

  it('resolves with the first input to fulfil, ignoring earlier rejections', async () => {
    const { value, at } = await clock.resolves(
      promiseAny([rejectsAt(1000, new Error('input 1 failed at t=1000 ms')), fulfilsAt(3000, 'late'), fulfilsAt(2000, 'first')]),
      'promiseAny([rejects at 1 s, "late" at 3 s, "first" at 2 s])',
    );
    check(
      value === 'first' && at === 2000,
      `promiseAny resolved with ${show(value)} at t=${at} ms; expected "first" at t=2000 ms: a rejection only counts when every input rejects`,
    );
    await finishTheOtherInputs();
  });

  it('when every input rejects, rejects with an AggregateError whose errors follow input order', points(2), async () => {
    const failures = [new Error('input 1 failed at t=3000 ms'), new Error('input 2 failed at t=1000 ms'), new Error('input 3 failed at t=2000 ms')];
    const { reason, at } = await clock.rejects(
      promiseAny([rejectsAt(3000, failures[0]!), rejectsAt(1000, failures[1]!), rejectsAt(2000, failures[2]!)]),
      'promiseAny([rejects at 3 s, rejects at 1 s, rejects at 2 s])',
    );
    check(reason instanceof AggregateError, `promiseAny rejected with ${show(reason)}; expected an AggregateError (new AggregateError(errors, message))`);
    const errors: unknown = reason.errors;
    check(
      Array.isArray(errors) && errors.length === 3 && errors.every((error, i) => error === failures[i]),
      `the AggregateError's errors were ${show(errors)}; expected ${show(failures)}: the reasons in input order, not in the order the inputs rejected`,
    );
    check(at === 3000, `promiseAny rejected at t=${at} ms; it can only give up when the last input rejects, at t=3000 ms`);
  });
});

describe('promiseRace(values)', () => {
  beforeEach(() => guard.blame('promiseRace'));

  it('fulfils with the value of the first input to settle; a plain value settles at once', async () => {
    const plain = await clock.resolves(promiseRace([fulfilsAt(1000, 'promise'), 'plain']), 'promiseRace([a promise of 1 s, "plain"])');
    check(
      plain.value === 'plain' && plain.at === 0,
      `promiseRace resolved with ${show(plain.value)} at t=${plain.at} ms; expected "plain" at t=0 ms: a plain value has already settled, before any promise`,
    );
    await finishTheOtherInputs();

    const start = clock.now();
    const fast = await clock.resolves(promiseRace([fulfilsAt(2000, 'slow'), fulfilsAt(1000, 'fast')]), 'promiseRace([slow 2 s, fast 1 s])');
    check(
      fast.value === 'fast' && fast.at === start + 1000,
      `promiseRace([slow 2 s, fast 1 s]), called at t=${start} ms, resolved with ${show(fast.value)} at t=${fast.at} ms; expected "fast" at t=${start + 1000} ms`,
    );
    await finishTheOtherInputs();
  });

  it('rejects when the first input to settle rejects, and leaves later rejections handled', points(2), async () => {
    const failure = new Error('input 2 failed at t=1000 ms');
    const { reason, at } = await clock.rejects(
      promiseRace([fulfilsAt(2000, 'slow'), rejectsAt(1000, failure), rejectsAt(3000, new Error('input 3 failed at t=3000 ms'))]),
      'promiseRace([slow 2 s, rejects at 1 s, rejects at 3 s])',
    );
    check(reason === failure && at === 1000, `promiseRace rejected with ${show(reason)} at t=${at} ms; expected ${show(failure)} at t=1000 ms`);
    // Input 3 rejects once the race is over: it must not become an unhandled rejection.
    await finishTheOtherInputs();
  });
});

describe('every function', () => {
  it('handles an empty input like the built-ins: [], [], AggregateError with no errors, forever pending', points(2), async () => {
    guard.blame('promiseAll');
    const all = await clock.resolves(promiseAll([]), 'promiseAll([])');
    check(show(all.value) === '[]' && all.at === 0, `promiseAll([]) resolved with ${show(all.value)} at t=${all.at} ms; expected [] at t=0 ms`);

    guard.blame('promiseAllSettled');
    const settled = await clock.resolves(promiseAllSettled([]), 'promiseAllSettled([])');
    check(show(settled.value) === '[]' && settled.at === 0, `promiseAllSettled([]) resolved with ${show(settled.value)} at t=${settled.at} ms; expected [] at t=0 ms`);

    guard.blame('promiseAny');
    const any = await clock.rejects(promiseAny([]), 'promiseAny([])');
    const errors: unknown = any.reason instanceof AggregateError ? any.reason.errors : undefined;
    check(
      Array.isArray(errors) && errors.length === 0 && any.at === 0,
      `promiseAny([]) rejected with ${show(any.reason)} at t=${any.at} ms; expected an AggregateError with no errors at t=0 ms: with no input, none can fulfil`,
    );

    guard.blame('promiseRace');
    const race = clock.watch(promiseRace([]));
    await clock.runAll();
    if (race.state === 'rejected' && isNotImplemented(race.reason)) throw race.reason;
    if (race.state !== 'pending') {
      const outcome = race.state === 'fulfilled' ? `resolved with ${show(race.value)}` : `rejected with ${show(race.reason)}`;
      fail(`promiseRace([]) ${outcome}; the built-in Promise.race([]) never settles: with no input, nothing can win the race`);
    }
  });

  it('uses none of the built-in combinators (Promise.all, allSettled, any, race)', points(2), async () => {
    const runs: Array<[string, () => PromiseLike<unknown>]> = [
      ['promiseAll', () => promiseAll([fulfilsAt(100, 'a'), 'b'])],
      ['promiseAllSettled', () => promiseAllSettled([fulfilsAt(100, 'a'), rejectsAt(50, new Error('b failed'))])],
      ['promiseAny', () => promiseAny([rejectsAt(50, new Error('a failed')), fulfilsAt(100, 'b')])],
      ['promiseRace', () => promiseRace([fulfilsAt(100, 'a'), fulfilsAt(50, 'b')])],
    ];
    for (const [name, run] of runs) {
      guard.blame(name);
      try {
        await clock.settle(run(), name);
      } catch (error) {
        // Only "not started" counts here; any other failure is for the other tests to explain.
        if (isNotImplemented(error)) throw error;
      }
      await finishTheOtherInputs();
    }
    const [call] = guard.calls();
    if (call) {
      fail(
        `${call.during} called the built-in Promise.${call.builtIn}: this exercise is to write what it does yourself, with new Promise and .then (or await); Promise.resolve is fine`,
      );
    }
  });
});
