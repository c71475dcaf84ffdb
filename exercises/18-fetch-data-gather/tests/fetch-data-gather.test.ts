import { describe, expect, it } from 'vitest';
import { points, recordTimeline, useVirtualClock } from '@tickwork/testkit';
import { main } from '#impl';

const clock = useVirtualClock();

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
