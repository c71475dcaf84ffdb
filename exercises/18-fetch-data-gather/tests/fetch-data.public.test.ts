import { describe, expect, it } from 'vitest';
import { recordTimeline, useVirtualClock } from '@tickwork/testkit';
import { fetchData } from '#impl';

// Public tests: they ship with the student edition (docs/student-edition.md); main(log)'s are hidden.

const clock = useVirtualClock();

describe('fetchData(delaySeconds, log)', () => {
  it('logs `start 2` before it returns, then `done 2` at t=2000 ms', async () => {
    const timeline = recordTimeline(clock.now);
    const pending = fetchData(2, timeline.log);
    const loggedBeforeReturn = timeline.labels();
    await clock.resolves(pending, 'fetchData(2, log)');
    expect(loggedBeforeReturn, 'the start line is logged synchronously, before the first await').toEqual(['start 2']);
    timeline.expectAt('done 2', 2000);
  });

  it('resolves with `data after 2s` at exactly t=2000 ms, not before', async () => {
    const result = clock.watch(fetchData(2, () => {}));
    await clock.advance(1999);
    if (result.state === 'rejected') throw result.reason;
    expect(result.state, 'fetchData(2) had already settled at t=1999 ms: it must wait the full 2 seconds').toBe('pending');
    await clock.advance(1);
    expect(result.state, 'fetchData(2) was still pending at t=2000 ms').toBe('fulfilled');
    expect(result.value, 'fetchData(2) resolved with the wrong value').toBe('data after 2s');
  });

  it('waits on the clock, not by blocking: other timers keep firing during the wait', async () => {
    const timeline = recordTimeline(clock.now);
    setTimeout(() => timeline.log('other timer'), 1000);
    await clock.resolves(fetchData(3, timeline.log), 'fetchData(3, log)');
    timeline.expectOrder(['start 3', 'other timer', 'done 3']);
    timeline.expectAt('other timer', 1000);
  });
});
