import { describe, expect, it } from 'vitest';
import { points, recordTimeline, useVirtualClock } from '@tickwork/testkit';
import { fetchData, main } from '#impl';

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

describe('main(log)', () => {
  it('starts both fetches at t=0, before either finishes', points(2), async () => {
    const timeline = recordTimeline(clock.now);
    await clock.resolves(main(timeline.log), 'main(log)');
    timeline.expectAt('start 2', 0);
    timeline.expectAt('start 3', 0, 'the second fetch must not wait for the first');
  });

  it('logs `done 2` at t=2000 ms and `done 3` at t=3000 ms', async () => {
    const timeline = recordTimeline(clock.now);
    await clock.resolves(main(timeline.log), 'main(log)');
    timeline.expectOrder(['start 2', 'start 3', 'done 2', 'done 3']);
    timeline.expectAt('done 2', 2000);
    timeline.expectAt('done 3', 3000);
  });

  it('resolves at t=3000 ms, not t=5000 ms: the two waits overlap', points(2), async () => {
    const result = await clock.resolves(main(() => {}), 'main(log)');
    expect(
      result.at,
      `main() resolved at t=${result.at} ms; two concurrent fetches of 2 s and 3 s take 3000 ms, one after the other 5000 ms`,
    ).toBe(3000);
  });

  it('resolves with both results in call order', async () => {
    const result = await clock.resolves(main(() => {}), 'main(log)');
    expect(result.value, 'main() should resolve with [result of fetchData(2), result of fetchData(3)]').toEqual([
      'data after 2s',
      'data after 3s',
    ]);
  });
});
