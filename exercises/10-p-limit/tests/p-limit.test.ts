import { describe, expect, it } from 'vitest';
import { fail, points, trackConcurrency, useVirtualClock } from '@tickwork/testkit';
import { pLimit, type LimitFunction } from '#impl';

const clock = useVirtualClock();

/**
 * Moves the clock to absolute virtual time `ms` and lets promise jobs run. The counters are sampled
 * between events (t=500, 1500 …), never at the instant a call ends, so a limiter may hand a freed slot
 * on synchronously, a microtask later (as p-limit does) or on the next turn of the loop.
 */
async function advanceTo(ms: number): Promise<void> {
  await clock.advance(ms - clock.now());
  await clock.flush();
}

function expectCounts(limit: LimitFunction, active: number, pending: number, situation: string): void {
  const { activeCount, pendingCount } = limit;
  if (activeCount !== active || pendingCount !== pending) {
    fail(
      `at t=${clock.now()} ms (${situation}) expected activeCount ${active} and pendingCount ${pending}, ` +
        `got activeCount ${String(activeCount)} and pendingCount ${String(pendingCount)}`,
    );
  }
}

describe('pLimit(concurrency)', () => {
  it('starts waiting calls in the order limit() was called (first in, first out)', async () => {
    const limit = pLimit(2);
    const probe = trackConcurrency(clock.now);
    const names = ['1', '2', '3', '4', '5', '6'];
    const calls = names.map((name) => limit(probe.operation(name, { ms: 100 })));
    await clock.resolves(Promise.all(calls), 'Promise.all of six limit(fn) calls with pLimit(2)');
    expect(
      probe.startOrder(),
      `the calls started in the order ${probe.startOrder().join(', ')}; a queue serves the oldest call first`,
    ).toEqual(names);
  });

  it('gives a freed slot to the next call at once: [1000, 100, 100, 100] ms at n=2 all finish by t=1000 ms', points(2), async () => {
    const limit = pLimit(2);
    const probe = trackConcurrency(clock.now);
    const all = Promise.all([
      limit(probe.operation('long', { ms: 1000 })),
      limit(probe.operation('short 1', { ms: 100 })),
      limit(probe.operation('short 2', { ms: 100 })),
      limit(probe.operation('short 3', { ms: 100 })),
    ]);
    const result = await clock.resolves(all, 'Promise.all of the four calls');
    const { timeline } = probe;
    timeline.expectAt('start long', 0);
    timeline.expectAt('start short 1', 0, 'two slots: the first two calls start together');
    timeline.expectAt('start short 2', 100, '`short 1` frees its slot at t=100 ms while `long` still runs');
    timeline.expectAt('start short 3', 200, 'the second slot keeps serving short calls beside `long`');
    expect(
      result.at,
      `the four calls finished at t=${result.at} ms; the short ones fit beside the long one, so all are done at t=1000 ms`,
    ).toBe(1000);
  });

  it('frees the slot when fn rejects, and rejects with that same error', async () => {
    const limit = pLimit(1);
    const probe = trackConcurrency(clock.now);
    const error = new Error('upstream failed');
    const failing = clock.watch(limit(probe.operation('failing', { ms: 100, error })));
    const next = clock.watch(limit(probe.operation('next', { ms: 100 })));
    await clock.runAll();

    expect(failing.state, `limit(failing) was ${failing.state} once every timer had run; it should reject when fn's promise rejects`).toBe('rejected');
    expect(failing.reason, "limit(failing) should reject with fn's own error object").toBe(error);
    probe.timeline.expectAt('start next', 100, 'a call that fails gives its slot back when it settles');
    expect(next.state, `limit(next) was ${next.state} once every timer had run; it should have resolved at t=200 ms`).toBe('fulfilled');
  });

  it('frees the slot when fn throws synchronously, and rejects with that error', points(2), async () => {
    const limit = pLimit(1);
    const probe = trackConcurrency(clock.now);
    const error = new Error('bad input');
    const throwsAtOnce = (): Promise<string> => {
      throw error;
    };
    let throwing: Promise<string>;
    try {
      throwing = limit(throwsAtOnce);
    } catch (thrown) {
      fail(`limit(fn) threw ${String(thrown)} synchronously; it should return a promise that rejects with fn's error`);
    }
    const failed = clock.watch(throwing);
    const next = clock.watch(limit(probe.operation('next', { ms: 100 })));
    await clock.runAll();

    expect(failed.state, `limit(fn) was ${failed.state} once every timer had run; it should reject when fn throws`).toBe('rejected');
    expect(failed.reason, 'limit(fn) should reject with the very error fn threw').toBe(error);
    probe.timeline.expectAt('start next', 0, 'a call whose fn throws at once gives its slot back at once');
    expect(next.state, `limit(next) was ${next.state} once every timer had run; it should have resolved at t=100 ms`).toBe('fulfilled');
  });

  it('reports activeCount and pendingCount as calls start and finish', async () => {
    const limit = pLimit(2);
    const probe = trackConcurrency(clock.now);
    const calls = ['A', 'B', 'C', 'D', 'E'].map((name) => limit(probe.operation(name, { ms: 1000 })));
    const all = clock.watch(Promise.all(calls));

    await advanceTo(500);
    expectCounts(limit, 2, 3, 'five 1000 ms calls made, A and B running');
    await advanceTo(1500);
    expectCounts(limit, 2, 1, 'A and B done at t=1000 ms, C and D running');
    await advanceTo(2500);
    expectCounts(limit, 1, 0, 'C and D done at t=2000 ms, only E running');
    await advanceTo(3500);
    expectCounts(limit, 0, 0, 'E done at t=3000 ms, nothing left');
    expect(all.state, 'all five calls should have resolved by t=3500 ms').toBe('fulfilled');
  });

  it('clearQueue() drops the waiting calls, which never start, and leaves the running one alone', points(2), async () => {
    const limit = pLimit(1);
    const probe = trackConcurrency(clock.now);
    const running = clock.watch(limit(probe.operation('running', { ms: 1000, value: 'kept' })));
    // Watched so that a limiter that rejects dropped calls does not count as an unhandled rejection.
    clock.watch(limit(probe.operation('dropped 1', { ms: 100 })));
    clock.watch(limit(probe.operation('dropped 2', { ms: 100 })));
    await clock.flush();

    limit.clearQueue();
    expectCounts(limit, 1, 0, 'right after clearQueue(), with `running` still running');

    const later = limit(probe.operation('later', { ms: 100 }));
    const result = await clock.resolves(later, 'a limit(fn) call made after clearQueue()');
    await clock.runAll();

    expect(running.state, `the running call was ${running.state} after clearQueue(); it should finish normally`).toBe('fulfilled');
    expect(running.value, 'the running call should still resolve with its own value').toBe('kept');
    probe.timeline.expectNotHappened('start dropped 1', 'clearQueue() drops calls that were waiting');
    probe.timeline.expectNotHappened('start dropped 2', 'clearQueue() drops calls that were waiting');
    probe.timeline.expectAt('start later', 1000, 'after clearQueue() the running call still holds its slot until it finishes');
    expect(result.at, `the call made after clearQueue() finished at t=${result.at} ms, expected t=1100 ms`).toBe(1100);
    probe.expectPeakAtMost(1, 'the limit is pLimit(1), before and after clearQueue()');
  });

  it('throws a TypeError for a concurrency that is not a whole number from 1 up', async () => {
    pLimit(1); // a valid limit must not throw
    const invalid: Array<[string, unknown]> = [
      ['0', 0],
      ['-1', -1],
      ['1.5', 1.5],
      ['NaN', Number.NaN],
      ["'2' (a string)", '2'],
    ];
    for (const [label, value] of invalid) {
      let thrown: unknown;
      try {
        pLimit(value as number);
      } catch (error) {
        thrown = error;
      }
      if (thrown === undefined) fail(`pLimit(${label}) returned a limiter; it should throw a TypeError`);
      expect(thrown instanceof TypeError, `pLimit(${label}) threw ${String(thrown)}; it should throw a TypeError`).toBe(true);
    }
  });

  it('accepts Infinity: every call starts at once', async () => {
    const limit = pLimit(Number.POSITIVE_INFINITY);
    const probe = trackConcurrency(clock.now);
    const calls = [300, 200, 100, 400].map((ms, i) => limit(probe.operation(`task ${i + 1}`, { ms })));
    const result = await clock.resolves(Promise.all(calls), 'Promise.all of four calls with pLimit(Infinity)');
    probe.expectPeak(4, 'pLimit(Infinity) puts no limit on the calls');
    expect(result.at, `the calls finished at t=${result.at} ms; without a limit the slowest (400 ms) sets the pace`).toBe(400);
  });
});
