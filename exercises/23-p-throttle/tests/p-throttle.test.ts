import { describe, expect, it } from 'vitest';
import { check, fail, isNotImplemented, points, recordTimeline, useVirtualClock, type Timeline } from '@tickwork/testkit';
import { pThrottle } from '#impl';

const clock = useVirtualClock();

/** Moves the clock to absolute virtual time `ms`, running the timers due on the way. */
async function advanceTo(ms: number): Promise<void> {
  await clock.advance(ms - clock.now());
}

/** A synchronous function to throttle: it logs `start <name>` when it is called and returns `result <name>`. */
function logStart(timeline: Timeline) {
  return (name: string): string => {
    timeline.log(`start ${name}`);
    return `result ${name}`;
  };
}

/** Same, for a throttle with weights: the second argument is the call's cost (its tokens). */
function logWeightedStart(timeline: Timeline) {
  return (name: string, _tokens: number): string => {
    timeline.log(`start ${name}`);
    return `result ${name}`;
  };
}

const tokensOf = (_name: string, tokens: number): number => tokens;

/** Times of the `start …` events, with their names, in the order they happened. */
function startsOf(timeline: Timeline): Array<{ name: string; at: number }> {
  return timeline.events.filter((e) => e.label.startsWith('start ')).map((e) => ({ name: e.label.slice(6), at: e.at }));
}

/**
 * The strict promise: take any stretch of `interval` ms (from t to t + interval, the end excluded);
 * it holds at most `limit` starts. Sorted starts satisfy that exactly when start[i + limit] comes at
 * least `interval` ms after start[i].
 */
function expectNoWindowOverLimit(timeline: Timeline, limit: number, interval: number): void {
  const starts = startsOf(timeline);
  for (let i = 0; i + limit < starts.length; i++) {
    const first = starts[i]!;
    const last = starts[i + limit]!;
    if (last.at - first.at < interval) {
      const crowd = starts.slice(i, i + limit + 1).map((s) => `${s.name} at t=${s.at}`).join(', ');
      fail(
        `${limit + 1} calls started within ${last.at - first.at} ms (${crowd}); in strict mode no ${interval} ms window may hold more than ${limit}. ` +
          `Recorded: ${timeline.format()}`,
      );
    }
  }
}

describe('pThrottle({ limit, interval })', () => {
  it('at 2 per 1000 ms, six calls made at t=0 start at 0, 0, 1000, 1000, 2000, 2000, in call order', points(2), async () => {
    const throttle = pThrottle({ limit: 2, interval: 1000 });
    const timeline = recordTimeline(clock.now);
    const run = throttle(logStart(timeline));
    const names = ['1', '2', '3', '4', '5', '6'];
    await clock.resolves(Promise.all(names.map((name) => run(name))), 'Promise.all of six throttled calls');

    timeline.expectAt('start 1', 0, 'the first call has the whole limit to itself');
    timeline.expectAt('start 2', 0, 'two calls fit in one interval, so the second one starts at once too');
    timeline.expectAt('start 3', 1000, 'the third call waits for the next interval, which begins at t=1000 ms');
    timeline.expectAt('start 4', 1000, 'two calls fit in the second interval');
    timeline.expectAt('start 5', 2000);
    timeline.expectAt('start 6', 2000);
    timeline.expectExactly(names.map((name) => `start ${name}`), 'each call runs once, in the order the calls were made');
  });

  it('queues calls instead of dropping them: each of ten calls runs once and resolves with its own result', points(2), async () => {
    const throttle = pThrottle({ limit: 3, interval: 1000 });
    const timeline = recordTimeline(clock.now);
    const run = throttle(logStart(timeline));
    const names = Array.from({ length: 10 }, (_, i) => `${i + 1}`);
    const calls = names.map((name) => clock.watch(run(name)));
    await clock.runAll();

    names.forEach((name, i) => {
      const call = calls[i]!;
      if (call.state === 'rejected') {
        if (isNotImplemented(call.reason)) throw call.reason;
        fail(`call ${name} (of 10, limit 3 per 1000 ms) rejected with ${String(call.reason)}; a throttle delays calls, it never drops them`);
      }
      check(call.state === 'fulfilled', `call ${name} (of 10, limit 3 per 1000 ms) never settled`);
      expect(call.value, `call ${name} should resolve with what fn returned for it`).toBe(`result ${name}`);
    });
    timeline.expectExactly(names.map((name) => `start ${name}`), 'every call runs exactly once, in call order');
    timeline.expectAt('start 10', 3000, 'ten calls at three per second: the tenth starts in the fourth interval');
  });

  it('passes the arguments to fn and settles like fn: its synchronous throw, its rejection, its value', async () => {
    // The synchronous throw comes first, at t=0: its second call must wait for the next interval.
    const throwing = pThrottle({ limit: 1, interval: 1000 })((name: string): string => {
      throw new Error(`bad input ${name}`);
    });
    clock.watch(throwing('first'));
    const thrown = await clock.rejects(
      throwing('second'),
      'the delayed call of a fn that throws synchronously (catch it where the timer calls fn)',
    );
    expect(String(thrown.reason), "a delayed call whose fn throws should reject with fn's error").toBe('Error: bad input second');
    expect(thrown.at, `the delayed call ran at t=${thrown.at} ms, expected t=1000 ms`).toBe(1000);

    const quota = new Error('quota exceeded');
    const rejecting = pThrottle({ limit: 1, interval: 1000 })(async (_name: string) => {
      throw quota;
    });
    clock.watch(rejecting('first'));
    const rejected = await clock.rejects(rejecting('second'), 'the second call of an async fn that rejects');
    expect(rejected.reason, "the throttled call should reject with fn's own error").toBe(quota);

    const add = pThrottle({ limit: 1, interval: 1000 })(async (a: number, b: number) => a + b);
    const sum = await clock.resolves(add(2, 3), 'throttled add(2, 3)');
    expect(sum.value, 'throttled add(2, 3) should call add(2, 3) and resolve with 5').toBe(5);
  });

  it('throttled.queueSize counts the calls still waiting, not the ones running', points(2), async () => {
    const throttle = pThrottle({ limit: 2, interval: 1000 });
    // Each call takes 600 ms, so at t=500, 1500 and 2500 two calls are running while others wait.
    const run = throttle((name: string) => new Promise<string>((resolve) => setTimeout(() => resolve(name), 600)));
    const all = clock.watch(Promise.all(['1', '2', '3', '4', '5', '6'].map((name) => run(name))));
    await clock.flush();

    const expectQueueSize = (expected: number, situation: string): void => {
      const size = run.queueSize;
      check(size === expected, `at t=${clock.now()} ms (${situation}) queueSize was ${String(size)}, expected ${expected}`);
    };
    expectQueueSize(4, 'six calls made, calls 1 and 2 running');
    await advanceTo(500);
    expectQueueSize(4, 'calls 1 and 2 still running, 3 to 6 waiting');
    await advanceTo(1500);
    expectQueueSize(2, 'calls 3 and 4 started at t=1000 ms, 5 and 6 waiting');
    await advanceTo(2500);
    expectQueueSize(0, 'calls 5 and 6 started at t=2000 ms and are running, nothing waits');
    await clock.runAll();
    if (all.state === 'rejected') throw all.reason;
    check(all.state === 'fulfilled', 'the six calls never all resolved');
  });

  it('onDelay is called at once with the arguments of each call that has to wait, and only for those', async () => {
    const delayed: Array<{ args: unknown[]; at: number }> = [];
    const throttle = pThrottle({
      limit: 1,
      interval: 1000,
      onDelay: (...args: unknown[]) => delayed.push({ args, at: clock.now() }),
    });
    const timeline = recordTimeline(clock.now);
    const run = throttle(logWeightedStart(timeline));
    const calls = Promise.all([run('a', 1), run('b', 2), run('c', 3)]);
    await clock.flush();

    const seen = JSON.stringify(delayed);
    expect(
      delayed.map((d) => d.args),
      `onDelay saw ${seen}; with limit 1 the calls ('b', 2) and ('c', 3) wait, ('a', 1) does not`,
    ).toEqual([
      ['b', 2],
      ['c', 3],
    ]);
    check(
      delayed.every((d) => d.at === 0),
      `onDelay was called at ${seen}; it should be called when the delayed call is made (t=0 ms), not when it starts`,
    );
    await clock.resolves(calls, 'the three throttled calls');
    timeline.expectAt('start c', 2000);
  });
});

describe('pThrottle({ limit, interval, strict: true })', () => {
  it('starts the first `limit` calls at once and the next one as soon as the oldest start is `interval` old', async () => {
    const throttle = pThrottle({ limit: 2, interval: 1000, strict: true });
    const timeline = recordTimeline(clock.now);
    const run = throttle(logStart(timeline));
    await clock.resolves(Promise.all(['1', '2', '3', '4', '5', '6'].map((name) => run(name))), 'six strict throttled calls');

    timeline.expectAt('start 1', 0);
    timeline.expectAt('start 2', 0, 'strict mode still lets `limit` calls start together');
    timeline.expectAt('start 3', 1000, 'the starts at t=0 leave the window at t=1000 ms');
    expectNoWindowOverLimit(timeline, 2, 1000);
  });

  it('never lets a window of `interval` hold more than `limit` starts, even across a window boundary', points(3), async () => {
    const throttle = pThrottle({ limit: 2, interval: 1000, strict: true });
    const timeline = recordTimeline(clock.now);
    const run = throttle(logStart(timeline));
    const early = run('early');
    await advanceTo(999);
    // A burst one millisecond before the end of the first second: fixed windows would let two start at
    // t=999 (with `early`, the first window is full only then) and two more at t=1000.
    const burst = ['b1', 'b2', 'b3', 'b4'].map((name) => run(name));
    await clock.resolves(Promise.all([early, ...burst]), 'the strict throttled calls');

    timeline.expectAt('start b1', 999, 'at t=999 ms only one call started in the last 1000 ms, so b1 may start at once');
    expectNoWindowOverLimit(timeline, 2, 1000);
    timeline.expectExactly(['start early', 'start b1', 'start b2', 'start b3', 'start b4'], 'every call runs once, in call order');
  });
});

describe('pThrottle({ limit, interval, weight })', () => {
  it('counts each call by its weight: 1000 tokens a minute fit calls of 600 + 300 at once, the next 500 waits a minute', points(2), async () => {
    const throttle = pThrottle({ limit: 1000, interval: 60_000, weight: tokensOf });
    const timeline = recordTimeline(clock.now);
    const ask = throttle(logWeightedStart(timeline));
    const calls = [ask('A', 600), ask('B', 300), ask('C', 500)];
    await clock.resolves(Promise.all(calls), 'three weighted calls');

    timeline.expectAt('start A', 0);
    timeline.expectAt('start B', 0, '600 + 300 tokens fit in the limit of 1000');
    timeline.expectAt('start C', 60_000, '600 + 300 + 500 tokens would exceed 1000 in one minute, so C waits for the next one');
  });

  it('with strict: true, weights slide too: 600 tokens at t=59 s and 600 more at t=60 s are 1200 in one minute, so the second waits', points(2), async () => {
    const throttle = pThrottle({ limit: 1000, interval: 60_000, strict: true, weight: tokensOf });
    const timeline = recordTimeline(clock.now);
    const ask = throttle(logWeightedStart(timeline));
    const a = ask('A', 400);
    await advanceTo(59_000);
    const b = ask('B', 600);
    await advanceTo(60_000);
    const c = ask('C', 600);
    await clock.resolves(Promise.all([a, b, c]), 'three strict weighted calls');

    timeline.expectAt('start A', 0);
    timeline.expectAt('start B', 59_000, '400 + 600 tokens fit in the limit of 1000');
    timeline.expectAt(
      'start C',
      119_000,
      'B (600 tokens, t=59 s) stays in the sliding window until t=119 s, and 600 + 600 exceeds 1000',
    );
  });

  it('a call heavier than the whole limit fails with a TypeError instead of waiting forever', async () => {
    const throttle = pThrottle({ limit: 1000, interval: 60_000, weight: tokensOf });
    const timeline = recordTimeline(clock.now);
    const ask = throttle(logWeightedStart(timeline));
    // Failing at once (a synchronous throw) is accepted as well as a rejected promise.
    let pending: Promise<string> | undefined;
    let reason: unknown;
    try {
      pending = ask('huge', 1500);
    } catch (error) {
      if (isNotImplemented(error)) throw error;
      reason = error;
    }
    if (pending) reason = (await clock.rejects(pending, 'a call of 1500 tokens with a limit of 1000')).reason;
    check(
      reason instanceof TypeError,
      `a call of 1500 tokens with a limit of 1000 failed with ${String(reason)}; expected a TypeError (no window could ever hold it)`,
    );
    timeline.expectNotHappened('start huge', 'a call that can never fit must not run');
  });
});

describe('pThrottle({ limit, interval, signal })', () => {
  it('abort rejects every waiting call with signal.reason and clears its timer; started calls are not touched', points(3), async () => {
    const controller = new AbortController();
    const throttle = pThrottle({ limit: 1, interval: 1000, signal: controller.signal });
    const timeline = recordTimeline(clock.now);
    const run = throttle(logStart(timeline));
    const first = clock.watch(run('first'));
    // Watched from the start: abort() rejects both at once, and a rejection nobody listens to yet
    // would count as unhandled.
    const waiting = { second: clock.watch(run('second')), third: clock.watch(run('third')) };
    await advanceTo(500);

    const reason = new Error('shutting down');
    controller.abort(reason);
    await clock.flush();
    for (const [name, call] of Object.entries(waiting)) {
      if (call.state === 'fulfilled') fail(`the waiting call \`${name}\` resolved at t=${call.settledAt} ms; abort() should reject it`);
      check(call.state === 'rejected', `the waiting call \`${name}\` was still pending right after abort() at t=500 ms; abort must reject it`);
      expect(call.reason, `the waiting call \`${name}\` should reject with the very signal.reason`).toBe(reason);
    }

    const left = clock.pendingTimers();
    check(
      left.length === 0,
      `after abort() ${left.length} timer(s) were still scheduled (due at ${left.map((t) => `t=${t.dueAt} ms`).join(', ')}); abort must clear the waiting calls' timers`,
    );
    const size = run.queueSize;
    check(size === 0, `after abort() queueSize was ${String(size)}; nothing is waiting any more`);
    await clock.runAll();
    timeline.expectNotHappened('start second', 'an aborted call must never run');
    timeline.expectNotHappened('start third', 'an aborted call must never run');
    expect(first.state, 'the call that had already started should resolve normally').toBe('fulfilled');
    expect(first.value, 'the call that had already started keeps its own result').toBe('result first');
  });
});
