import { describe, expect, it } from 'vitest';
import { check, expectNoAbortListeners, fail, points, trackConcurrency, useVirtualClock, type ConcurrencyProbe } from '@tickwork/testkit';
import { pMap } from '#impl';

const clock = useVirtualClock();

interface Job {
  ms: number;
  error?: Error;
}

/**
 * A mapper over element names: mapping `name` runs a fake operation of `jobs[name].ms` virtual ms
 * that records `start <name>` / `end <name>` on the probe and resolves with `<NAME>` (or rejects).
 */
function mapperFor(probe: ConcurrencyProbe, jobs: Record<string, Job>): (name: string) => Promise<string> {
  return (name) => {
    const job = jobs[name];
    if (!job) fail(`mapper was called with ${JSON.stringify(name)}, which is not an element of the input`);
    return probe.operation(name, { ms: job.ms, value: name.toUpperCase(), error: job.error })();
  };
}

/** Names of the operations that started after virtual time `ms`, for "nothing more started" checks. */
function startedAfter(probe: ConcurrencyProbe, ms: number): string[] {
  return probe.records.filter((r) => r.start > ms).map((r) => `\`${r.name}\` at t=${r.start} ms`);
}

describe('pMap(input, mapper, { concurrency })', () => {
  it('never has more than `concurrency` mappers in flight, and keeps every slot busy', points(2), async () => {
    const probe = trackConcurrency(clock.now);
    const jobs = { a: { ms: 300 }, b: { ms: 100 }, c: { ms: 200 }, d: { ms: 100 }, e: { ms: 400 }, f: { ms: 100 } };
    await clock.resolves(pMap(Object.keys(jobs), mapperFor(probe, jobs), { concurrency: 3 }), 'pMap of six elements at concurrency 3');
    check(probe.records.length === 6, `mapper was called for ${probe.records.length} of the 6 elements: ${probe.startOrder().join(', ')}`);
    probe.expectPeakAtMost(3, 'the option is { concurrency: 3 }');
    probe.expectPeak(3, 'while elements are waiting, a free slot must be used');
  });

  it('refills a freed slot at once, no batches: [1000, 100, 100, 100] ms at concurrency 2 are all done at t=1000 ms', points(3), async () => {
    const probe = trackConcurrency(clock.now);
    const jobs = { long: { ms: 1000 }, 'short 1': { ms: 100 }, 'short 2': { ms: 100 }, 'short 3': { ms: 100 } };
    const result = await clock.resolves(pMap(Object.keys(jobs), mapperFor(probe, jobs), { concurrency: 2 }), 'pMap of four elements at concurrency 2');
    const { timeline } = probe;
    timeline.expectAt('start long', 0);
    timeline.expectAt('start short 1', 0, 'two slots: the first two elements start together');
    timeline.expectAt('start short 2', 100, '`short 1` frees its slot at t=100 ms; waiting for `long` as well means working in batches');
    timeline.expectAt('start short 3', 200, 'the second slot keeps serving short elements beside `long`');
    check(result.at === 1000, `pMap resolved at t=${result.at} ms; the short elements fit beside the long one, so it should resolve at t=1000 ms`);
  });

  it('resolves with the results in input order, not completion order, and passes each awaited element with its index', points(2), async () => {
    const probe = trackConcurrency(clock.now);
    const calls: string[] = [];
    // A generator, not an array, and its second element is a promise that pMap must await first.
    function* input(): Generator<string | Promise<string>> {
      yield 'slow';
      yield new Promise<string>((resolve) => setTimeout(() => resolve('late'), 50));
      yield 'medium';
    }
    const jobs = { slow: { ms: 300 }, late: { ms: 100 }, medium: { ms: 200 } };
    const run = mapperFor(probe, jobs);
    const mapper = (element: string, index: number): Promise<string> => {
      calls.push(`${String(element)}@${String(index)}`);
      return run(element).then((value) => `${value}#${index}`);
    };
    const result = await clock.resolves(pMap(input(), mapper, { concurrency: 3 }), 'pMap of a generator of three elements');
    expect([...calls].sort(), `mapper was called as (element@index) ${calls.join(', ')}; each element needs its own position in the input`).toEqual(['late@1', 'medium@2', 'slow@0']);
    expect(result.value, 'the results must follow the input order (they finished as LATE, MEDIUM, SLOW)').toEqual(['SLOW#0', 'LATE#1', 'MEDIUM#2']);
  });

  it('resolves with [] for an empty input, without calling mapper', async () => {
    let called = 0;
    const result = await clock.resolves(pMap([], () => (called += 1), { concurrency: 2 }), 'pMap([], mapper)');
    expect(result.value, 'pMap of an empty input should resolve with an empty array').toEqual([]);
    check(called === 0, `mapper was called ${called} time(s) for an empty input`);
  });

  it('starts every element at once when no concurrency is given (the default is Infinity)', async () => {
    const probe = trackConcurrency(clock.now);
    const jobs = { a: { ms: 300 }, b: { ms: 200 }, c: { ms: 100 }, d: { ms: 400 } };
    const result = await clock.resolves(pMap(Object.keys(jobs), mapperFor(probe, jobs)), 'pMap(input, mapper) without options');
    probe.expectPeak(4, 'without a concurrency option nothing limits the mappers');
    check(result.at === 400, `pMap resolved at t=${result.at} ms; with no limit the slowest element (400 ms) sets the pace`);
  });
});

describe('pMap(input, mapper, { stopOnError })', () => {
  it('by default rejects with the first error as soon as it happens and starts no further element', points(3), async () => {
    const probe = trackConcurrency(clock.now);
    const error = new Error('b failed');
    const jobs = { a: { ms: 1000 }, b: { ms: 100, error }, c: { ms: 100 }, d: { ms: 100 } };
    const outcome = await clock.rejects(pMap(Object.keys(jobs), mapperFor(probe, jobs), { concurrency: 2 }), 'pMap where `b` fails at t=100 ms');
    // Let the mapper that was already running (`a`) finish, and anything wrongly started after the error.
    await clock.runAll();
    check(outcome.reason === error, `pMap rejected with ${String(outcome.reason)}; it should reject with the mapper's own error object`);
    check(outcome.at === 100, `pMap rejected at t=${outcome.at} ms; the first error happened at t=100 ms and should reject at once`);
    const late = startedAfter(probe, 99);
    check(late.length === 0, `after the error at t=100 ms mapper still started ${late.join(', ')}; stopOnError must start nothing more`);
  });

  it('with stopOnError: false maps every element, then rejects with an AggregateError of all the errors', points(2), async () => {
    const probe = trackConcurrency(clock.now);
    const errorA = new Error('a failed');
    const errorC = new Error('c failed');
    const jobs = { a: { ms: 300, error: errorA }, b: { ms: 100 }, c: { ms: 100, error: errorC }, d: { ms: 400 } };
    const outcome = await clock.rejects(
      pMap(Object.keys(jobs), mapperFor(probe, jobs), { concurrency: 2, stopOnError: false }),
      'pMap with stopOnError: false where `a` and `c` fail',
    );
    await clock.runAll();
    probe.timeline.expectAt('start c', 100, 'with stopOnError: false the other elements keep going');
    probe.timeline.expectAt('start d', 200);
    check(outcome.at === 600, `pMap rejected at t=${outcome.at} ms; with stopOnError: false it waits until every element has settled (t=600 ms)`);
    const { reason } = outcome;
    if (!(reason instanceof AggregateError)) fail(`pMap rejected with ${String(reason)}; with stopOnError: false it should reject with an AggregateError`);
    const errors = reason.errors as unknown[];
    check(
      errors.length === 2 && errors.includes(errorA) && errors.includes(errorC),
      `the AggregateError holds [${errors.map(String).join(', ')}]; it should hold exactly the two mapper errors, "a failed" and "c failed"`,
    );
  });
});

describe('pMap(input, mapper, { signal })', () => {
  it('rejects with signal.reason as soon as the signal aborts, and starts no further element', points(2), async () => {
    const probe = trackConcurrency(clock.now);
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    setTimeout(() => controller.abort(reason), 150);
    const jobs = { a: { ms: 100 }, b: { ms: 100 }, c: { ms: 100 }, d: { ms: 100 } };
    const outcome = await clock.rejects(
      pMap(Object.keys(jobs), mapperFor(probe, jobs), { concurrency: 1, signal: controller.signal }),
      'pMap whose signal aborts at t=150 ms',
    );
    await clock.runAll();
    check(outcome.reason === reason, `pMap rejected with ${String(outcome.reason)}; it should reject with signal.reason, the value passed to abort()`);
    check(outcome.at === 150, `pMap rejected at t=${outcome.at} ms; the signal aborted at t=150 ms`);
    const late = startedAfter(probe, 150);
    check(late.length === 0, `after the abort at t=150 ms mapper still started ${late.join(', ')}`);
  });

  it('rejects with signal.reason without calling mapper when the signal has already aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('aborted before the start');
    controller.abort(reason);
    let called = 0;
    const outcome = await clock.rejects(
      pMap(['a', 'b'], () => (called += 1), { concurrency: 1, signal: controller.signal }),
      'pMap with an already-aborted signal',
    );
    check(outcome.reason === reason, `pMap rejected with ${String(outcome.reason)}; it should reject with signal.reason`);
    check(called === 0, `mapper was called ${called} time(s) although the signal had aborted before pMap was called`);
  });

  it('removes its abort listener once it settles, when the signal never aborts', async () => {
    const probe = trackConcurrency(clock.now);
    const jobs = { a: { ms: 100 }, b: { ms: 200 } };
    const resolving = new AbortController();
    const result = await clock.resolves(pMap(Object.keys(jobs), mapperFor(probe, jobs), { signal: resolving.signal }), 'pMap with a signal that never aborts');
    expect(result.value, 'a signal that never aborts must not change the results').toEqual(['A', 'B']);
    expectNoAbortListeners(resolving.signal, 'pMap resolved');

    const failing = new AbortController();
    const failingJobs = { a: { ms: 100, error: new Error('a failed') } };
    await clock.rejects(pMap(['a'], mapperFor(probe, failingJobs), { signal: failing.signal }), 'pMap whose mapper fails');
    expectNoAbortListeners(failing.signal, 'pMap rejected with a mapper error');
  });
});

describe('pMap(asyncIterable, mapper, { concurrency })', () => {
  it('pulls the next element only when a slot frees, and keeps the input order', points(2), async () => {
    const probe = trackConcurrency(clock.now);
    const jobs = { a: { ms: 1000 }, b: { ms: 300 }, c: { ms: 300 }, d: { ms: 300 }, e: { ms: 300 } };
    // The generator body runs up to `yield` on each next() call: `pull <name>` marks when pMap asked for it.
    async function* source(): AsyncGenerator<string> {
      for (const name of Object.keys(jobs)) {
        probe.timeline.log(`pull ${name}`);
        yield name;
      }
    }
    const result = await clock.resolves(pMap(source(), mapperFor(probe, jobs), { concurrency: 2 }), 'pMap of an async generator at concurrency 2');
    const { timeline } = probe;
    timeline.expectAt('pull a', 0);
    timeline.expectAt('pull b', 0, 'two slots are free at the start');
    timeline.expectAt('pull c', 300, 'an async iterable is read only when a slot is free (`b` ends at t=300 ms), not all up front');
    timeline.expectAt('pull d', 600, 'an async iterable is read only when a slot is free (`c` ends at t=600 ms)');
    timeline.expectAt('pull e', 900, 'an async iterable is read only when a slot is free (`d` ends at t=900 ms)');
    probe.expectPeakAtMost(2, 'the option is { concurrency: 2 }');
    expect(result.value, 'the results must follow the order of the async iterable').toEqual(['A', 'B', 'C', 'D', 'E']);
    check(result.at === 1200, `pMap resolved at t=${result.at} ms; expected t=1200 ms, when \`e\` (started at t=900 ms) ends`);
  });
});
