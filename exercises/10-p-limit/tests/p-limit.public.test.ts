import { describe, expect, it } from 'vitest';
import { points, trackConcurrency, useVirtualClock } from '@tickwork/testkit';
import { pLimit } from '#impl';

// Public tests: they ship with the student edition (docs/student-edition.md); the rest are hidden.

const clock = useVirtualClock();

describe('pLimit(concurrency)', () => {
  it('never runs more than n at once, and does use all n slots', points(2), async () => {
    const limit = pLimit(2);
    const probe = trackConcurrency(clock.now);
    const durations = [300, 100, 200, 100, 400, 100];
    const calls = durations.map((ms, i) => limit(probe.operation(`task ${i + 1}`, { ms })));
    await clock.resolves(Promise.all(calls), 'Promise.all of six limit(fn) calls with pLimit(2)');
    expect(probe.startOrder().length, `only ${probe.startOrder().length} of the 6 calls ever started`).toBe(6);
    probe.expectPeakAtMost(2, 'the limit is pLimit(2)');
    probe.expectPeak(2, 'with calls waiting, a free slot must be used');
  });

  it('resolves with what fn returns and passes the extra arguments to fn', async () => {
    const limit = pLimit(1);
    const probe = trackConcurrency(clock.now);
    const repeat = (word: string, times: number): string => word.repeat(times);
    const fetched = limit(probe.operation('fetch', { ms: 100, value: { id: 7 } }));
    const repeated = limit(repeat, 'ab', 3);
    const sum = limit(async (a: number, b: number) => a + b, 2, 3);

    const first = await clock.resolves(fetched, 'limit(fetch)');
    expect(first.value, 'limit(fn) should resolve with the value of the promise fn returns').toEqual({ id: 7 });
    expect(first.at, `limit(fetch) resolved at t=${first.at} ms; fetch takes 100 ms`).toBe(100);
    const second = await clock.resolves(repeated, "limit(repeat, 'ab', 3)");
    expect(second.value, "limit(repeat, 'ab', 3) should call repeat('ab', 3) and resolve with its plain return value").toBe('ababab');
    const third = await clock.resolves(sum, 'limit(add, 2, 3)');
    expect(third.value, 'limit(add, 2, 3) should call add(2, 3) and resolve with 5').toBe(5);
  });
});
