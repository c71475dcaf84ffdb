import { describe, expect, it } from 'vitest';
import { abortListenerCount, check, expectNoAbortListeners, fail, points, recordTimeline, useVirtualClock, type WatchedPromise } from '@tickwork/testkit';
import { delay } from '#impl';

const clock = useVirtualClock();

/** "the Error `user cancelled`", "an AbortError whose cause is …", for failure messages. */
function describeReason(reason: unknown): string {
  if (reason instanceof Error) return `${reason.name} \`${reason.message}\``;
  return reason === undefined ? 'undefined' : JSON.stringify(reason) ?? String(reason);
}

/** Fails unless `actual` is the very reason the signal aborted with, and says what it was instead. */
function expectSignalReason(actual: unknown, signal: AbortSignal, who: string): void {
  if (actual === signal.reason) return;
  const got =
    actual instanceof Error && actual.cause === signal.reason
      ? `an ${actual.name} that wraps signal.reason in its \`cause\` (what node:timers/promises does)`
      : `${describeReason(actual)}`;
  fail(`${who} rejected with ${got}; expected signal.reason itself (${describeReason(signal.reason)}), unchanged, so the caller can tell why the wait was cancelled`);
}

function describeTimers(): string {
  return clock
    .pendingTimers()
    .map((t) => `a ${t.kind} of ${t.delayMs} ms (due at t=${t.dueAt} ms)`)
    .join(', ');
}

describe('delay(ms, { value, signal })', () => {
  it('is still pending at ms − 1 and resolves at exactly ms', points(2), async () => {
    const waiting = clock.watch(delay(1000));
    // A function, so TypeScript does not narrow the state across the awaits that change it.
    const stateAt = (): WatchedPromise<void>['state'] => {
      if (waiting.state === 'rejected') throw waiting.reason; // the learner's own error, as it is
      return waiting.state;
    };
    await clock.advance(999);
    check(stateAt() === 'pending', `delay(1000) resolved at t=${waiting.settledAt} ms; it must wait the full 1000 ms`);
    await clock.advance(1);
    check(stateAt() === 'fulfilled', 'delay(1000) was still pending at t=1000 ms; it should resolve as soon as the time is up');
    expect(waiting.value, 'delay(1000) without a value should resolve with undefined').toBeUndefined();
  });

  it('resolves with options.value', async () => {
    const { value, at } = await clock.resolves(delay(250, { value: 'ready' }), "delay(250, { value: 'ready' })");
    expect(value, "delay(250, { value: 'ready' }) should resolve with 'ready'").toBe('ready');
    expect(at, `delay(250) resolved at t=${at} ms, expected t=250 ms`).toBe(250);
  });

  it('waits without blocking: other timers fire during the wait', async () => {
    const timeline = recordTimeline(clock.now);
    setTimeout(() => timeline.log('other timer'), 400);
    await clock.resolves(
      delay(1000).then(() => timeline.log('delay done')),
      'delay(1000)',
    );
    timeline.expectOrder(['other timer', 'delay done'], 'a timer due at t=400 ms must run while delay(1000) waits');
    timeline.expectAt('delay done', 1000);
  });

  it('rejects with signal.reason at the moment the signal aborts', points(2), async () => {
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    setTimeout(() => controller.abort(reason), 300);
    const result = await clock.rejects(delay(1000, { signal: controller.signal }), 'delay(1000, { signal }) aborted at t=300 ms');
    expectSignalReason(result.reason, controller.signal, 'delay(1000, { signal }) aborted at t=300 ms');
    expect(result.at, `the delay rejected at t=${result.at} ms; the signal aborted at t=300 ms and the rejection should come then`).toBe(300);
  });

  it('cancels its timer and lets go of the signal when aborted', points(2), async () => {
    const controller = new AbortController();
    const waiting = clock.watch(delay(1000, { signal: controller.signal }));
    await clock.advance(300);
    controller.abort(new Error('user cancelled'));
    await clock.flush();
    if (waiting.state === 'pending') fail('delay(1000, { signal }) was still pending after the signal aborted at t=300 ms; it should reject at once');
    check(
      clock.pendingTimers().length === 0,
      `after the abort at t=300 ms ${describeTimers()} was still scheduled: a cancelled wait must clear its timer, or the work it guards still runs (and keeps the process alive) later`,
    );
    const listeners = abortListenerCount(controller.signal);
    check(listeners === 0, `${listeners} abort listener(s) were still attached to the signal after the delay had rejected`);
  });

  it('rejects at once, without setting a timer, when the signal has already aborted', points(2), async () => {
    const controller = new AbortController();
    controller.abort();
    const pending = delay(1000, { signal: controller.signal });
    const timersAtCall = describeTimers();
    const result = await clock.settle(pending, 'delay(1000, { signal })');
    if (result.state === 'fulfilled') {
      fail(
        `delay(1000, { signal }) with a signal that had already aborted resolved at t=${result.settledAt} ms; it should reject at t=0 ms with signal.reason. An abort that happened before the call fires no 'abort' event`,
      );
    }
    expectSignalReason(result.reason, controller.signal, 'delay(1000, { signal }) with an already aborted signal');
    expect(result.settledAt, `the delay rejected at t=${result.settledAt} ms, expected at once (t=0 ms)`).toBe(0);
    check(timersAtCall === '', `delay set ${timersAtCall} although the signal had already aborted: there is nothing to wait for`);
  });

  it('leaves no abort listener on the signal once it has resolved', points(2), async () => {
    const controller = new AbortController();
    const { signal } = controller;
    await clock.resolves(delay(500, { signal }), 'delay(500, { signal })');
    await clock.resolves(delay(500, { signal }), 'a second delay(500, { signal })');
    expectNoAbortListeners(signal, 'two delays on it had resolved (a long-lived signal collects one per call)');
  });
});
