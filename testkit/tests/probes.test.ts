import { describe, expect, it } from 'vitest';
import { check, expectResponsive, LearnerAssertion, probeResponsiveness, recordTimeline, runOrderingScenario, trackConcurrency, useVirtualClock } from '../src/index.ts';
import { abortListenerCount, expectNoAbortListeners } from '../src/signals.ts';

describe('timeline', () => {
  const clock = useVirtualClock();

  it('speaks in labels and virtual milliseconds when an expectation fails', async () => {
    const timeline = recordTimeline(clock.now);
    timeline.log('start 2');
    await clock.advance(2000);
    timeline.log('start 3');
    expect(() => timeline.expectAt('start 3', 0)).toThrow('`start 3` happened at t=2000 ms, expected t=0 ms');
    expect(() => timeline.expectOrder(['start 3', 'start 2'])).toThrow(/expected the order `start 3` → `start 2`, but `start 2` came too early \(t=0 ms\)/);
    expect(() => timeline.expectAt('done 2', 2000)).toThrow(/`done 2` never happened; expected it at t=2000 ms. Recorded: t=0 ms start 2 · t=2000 ms start 3/);
    expect(() => timeline.expectOrder(['start 2', 'start 3'])).not.toThrow();
  });
});

describe('concurrency probe', () => {
  const clock = useVirtualClock();

  it('counts operations in flight and their peak', async () => {
    const probe = trackConcurrency(clock.now);
    const a = probe.operation('a', { ms: 1000 });
    const b = probe.operation('b', { ms: 500, value: 'B' });
    const results = Promise.all([a(), b()]);
    expect(probe.inFlight).toBe(2);
    await clock.advance(1000);
    expect(await results).toEqual(['a', 'B']);
    expect(probe.peak).toBe(2);
    expect(probe.record('b')).toMatchObject({ start: 0, end: 500, outcome: 'fulfilled' });
    expect(() => probe.expectPeakAtMost(1)).toThrow(/2 operations ran at the same time \(at t=0 ms: a, b in flight\); at most 1 may/);
  });

  it('honours an AbortSignal and removes its listener', async () => {
    const probe = trackConcurrency(clock.now);
    const controller = new AbortController();
    const result = clock.watch(probe.operation('slow', { ms: 1000 })(controller.signal));
    expect(abortListenerCount(controller.signal)).toBe(1);
    await clock.advance(300);
    controller.abort(new Error('cancelled'));
    await clock.flush();
    expect(result).toMatchObject({ state: 'rejected', reason: new Error('cancelled') });
    expect(probe.record('slow')).toMatchObject({ end: 300, outcome: 'aborted' });
    expect(clock.pendingTimers()).toEqual([]);
    expectNoAbortListeners(controller.signal, 'the operation was aborted');
  });

  it('rejects with the scripted error', async () => {
    const probe = trackConcurrency(clock.now);
    const result = clock.watch(probe.operation('bad', { ms: 10, error: new Error('boom') })());
    await clock.advance(10);
    expect(result).toMatchObject({ state: 'rejected', reason: new Error('boom') });
  });
});

describe('check', () => {
  it('fails with exactly the message given, and passes silently otherwise', () => {
    expect(() => check(false, 'the queue was empty at t=100 ms')).toThrow(new LearnerAssertion('the queue was empty at t=100 ms'));
    expect(() => check(true, 'unused')).not.toThrow();
  });
});

describe('signal listeners', () => {
  it('names listeners left on a signal as leaked handles', () => {
    const controller = new AbortController();
    const listener = (): void => {};
    controller.signal.addEventListener('abort', listener);
    expect(() => expectNoAbortListeners(controller.signal, 'the call settled')).toThrow(/\[leaked-handles\] 1 abort listener was still attached to the signal after the call settled/);
    controller.signal.removeEventListener('abort', listener);
    expect(() => expectNoAbortListeners(controller.signal, 'the call settled')).not.toThrow();
  });
});

describe('ordering scenario (real time)', () => {
  it('observes the ordinary Node order from a macrotask: sync, nextTick, promise jobs, then macrotasks', async () => {
    const order = await runOrderingScenario((log) => {
      setTimeout(() => log('timeout'), 0);
      Promise.resolve().then(() => log('promise'));
      process.nextTick(() => log('nextTick'));
      log('sync');
    });
    expect(order).toEqual(['sync', 'nextTick', 'promise', 'timeout']);
  });

  it('runs setImmediate before setTimeout(0) inside an I/O callback', async () => {
    const order = await runOrderingScenario(
      (log) => {
        setTimeout(() => log('timeout'), 0);
        setImmediate(() => log('immediate'));
      },
      { from: 'io-callback' },
    );
    expect(order).toEqual(['immediate', 'timeout']);
  });
});

describe('responsiveness probe (real time)', () => {
  it('sees a blocked loop as one long stall', async () => {
    const { report } = await probeResponsiveness(() => {
      const until = performance.now() + 300;
      while (performance.now() < until) {
        // block the main thread
      }
    });
    expect(report.longestStallMs).toBeGreaterThanOrEqual(300);
    expect(() => expectResponsive(report, 'the busy loop')).toThrow(/the event loop got no turn for \d+ ms while the busy loop ran/);
  });

  it('sees a wait that leaves the loop free as responsive', async () => {
    const { report } = await probeResponsiveness(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(report.ticks).toBeGreaterThan(0);
    expect(() => expectResponsive(report, 'the timer wait')).not.toThrow();
  });
});
