import { describe, expect, it } from 'vitest';
import { abortListenerCount, check, fail, isNotImplemented, points, trackConcurrency, useVirtualClock } from '@tickwork/testkit';
import { pTimeout, TimeoutError, withTimeout } from '#impl';

const clock = useVirtualClock();

/** Input that never settles: what a hung request looks like. Holds no timer, so nothing leaks. */
const never = <T>(): Promise<T> => new Promise<T>(() => {});

/** Input that resolves with `value` (or rejects with an Error) after `ms` virtual milliseconds. */
function settleAfter<T>(ms: number, outcome: { value: T } | { error: Error }): Promise<T> {
  return new Promise<T>((resolve, reject) =>
    setTimeout(() => ('error' in outcome ? reject(outcome.error) : resolve(outcome.value)), ms),
  );
}

/** "TimeoutError `too slow`", for failure messages. */
function describeReason(reason: unknown): string {
  if (reason instanceof Error) return `${reason.name} \`${reason.message}\``;
  return reason === undefined ? 'undefined' : (JSON.stringify(reason) ?? String(reason));
}

function describeOutcome(watched: { state: string; value?: unknown; reason?: unknown; settledAt?: number }): string {
  if (watched.state === 'pending') return 'was still pending';
  if (watched.state === 'fulfilled') return `resolved at t=${watched.settledAt} ms with ${describeReason(watched.value)}`;
  return `rejected at t=${watched.settledAt} ms with ${describeReason(watched.reason)}`;
}

function describeTimers(): string {
  return clock
    .pendingTimers()
    .map((t) => `a ${t.kind} of ${t.delayMs} ms (due at t=${t.dueAt} ms)`)
    .join(', ');
}

/** Fails unless `reason` is a TimeoutError (by name: the learner's class and p-timeout's both count). */
function expectTimeoutError(reason: unknown, who: string, message?: string): void {
  if (isNotImplemented(reason)) throw reason;
  check(
    reason instanceof Error && reason.name === 'TimeoutError',
    `${who} rejected with ${describeReason(reason)}; a timeout should reject with a TimeoutError (an Error whose name is 'TimeoutError')`,
  );
  if (message !== undefined) {
    check(reason.message === message, `${who} rejected with the message \`${reason.message}\`; expected \`${message}\``);
  }
}

describe('pTimeout(promise, { milliseconds, message, fallback, signal })', () => {
  it('rejects with a TimeoutError at exactly t=milliseconds, not before', points(2), async () => {
    const waiting = clock.watch(pTimeout(never<string>(), { milliseconds: 1000 }));
    // Read through a function: check() would otherwise narrow the state for the rest of the test.
    const state = () => waiting.state;
    const who = 'pTimeout(never settles, { milliseconds: 1000 })';
    await clock.advance(999);
    if (waiting.state === 'rejected' && isNotImplemented(waiting.reason)) throw waiting.reason;
    check(state() === 'pending', `${who} ${describeOutcome(waiting)}; it must wait the full 1000 ms`);
    await clock.advance(1);
    check(state() !== 'pending', `${who} was still pending at t=1000 ms; it should time out right then`);
    check(state() === 'rejected', `${who} ${describeOutcome(waiting)}; without a fallback or message: false it should reject`);
    expectTimeoutError(waiting.reason, who, 'Promise timed out after 1000 milliseconds');
    check(
      waiting.reason instanceof TimeoutError,
      `${who} rejected with an error named TimeoutError that is not an instance of the TimeoutError class you export: create it with \`new TimeoutError(…)\` so that callers can test \`error instanceof TimeoutError\``,
    );
  });

  it('lets a faster promise through, value or error unchanged, and clears its timer', points(2), async () => {
    const fast = await clock.resolves(
      pTimeout(settleAfter(300, { value: 'data' }), { milliseconds: 1000 }),
      'pTimeout(resolves with "data" at t=300, { milliseconds: 1000 })',
    );
    expect(fast.value, 'pTimeout should resolve with the value of the input promise').toBe('data');
    expect(fast.at, `pTimeout resolved at t=${fast.at} ms; the input resolved at t=300 ms and the result should come then`).toBe(300);
    check(
      clock.pendingTimers().length === 0,
      `after pTimeout had resolved at t=300 ms, ${describeTimers()} was still scheduled: clear the timeout's timer as soon as the input settles`,
    );

    const refused = new Error('connection refused');
    const rejectsAt = clock.now() + 500;
    const failed = await clock.rejects(
      pTimeout(settleAfter(500, { error: refused }), { milliseconds: 1000 }),
      `pTimeout(rejects at t=${rejectsAt}, { milliseconds: 1000 }) started at t=${clock.now()}`,
    );
    if (failed.reason !== refused) {
      fail(`pTimeout rejected with ${describeReason(failed.reason)}; the input rejected first with Error \`connection refused\` and that very error should come through`);
    }
    expect(failed.at, `pTimeout rejected at t=${failed.at} ms; the input rejected at t=${rejectsAt} ms`).toBe(rejectsAt);
    check(
      clock.pendingTimers().length === 0,
      `after pTimeout had rejected at t=${rejectsAt} ms, ${describeTimers()} was still scheduled: clear the timer whichever way the input settles`,
    );
  });

  it('never times out with milliseconds: Infinity, and schedules no timer for it', points(2), async () => {
    let resolveInput: (value: string) => void = () => {};
    const input = new Promise<string>((resolve) => (resolveInput = resolve));
    const waiting = clock.watch(pTimeout(input, { milliseconds: Number.POSITIVE_INFINITY }));
    const timersAtCall = describeTimers();
    const state = () => waiting.state;
    const who = 'pTimeout(input, { milliseconds: Infinity })';
    await clock.advance(60 * 60 * 1000);
    if (waiting.state === 'rejected' && isNotImplemented(waiting.reason)) throw waiting.reason;
    check(
      state() === 'pending',
      `${who} ${describeOutcome(waiting)}, before its input settled; Infinity means "never time out". Note that setTimeout(fn, Infinity) fires almost at once: Node clamps any delay above 2^31 − 1 ms to 1 ms`,
    );
    check(timersAtCall === '', `${who} set ${timersAtCall}; with Infinity there is nothing to schedule`);
    resolveInput('at last');
    await clock.flush();
    check(state() === 'fulfilled', `${who} ${describeOutcome(waiting)} once its input resolved after an hour; it should resolve then`);
    expect(waiting.value, `${who} should resolve with the input's value`).toBe('at last');
  });

  it('message: a string becomes the TimeoutError message, an Error is rejected as it is', async () => {
    const text = await clock.rejects(
      pTimeout(never(), { milliseconds: 1000, message: 'database too slow' }),
      "pTimeout(never settles, { milliseconds: 1000, message: 'database too slow' })",
    );
    expectTimeoutError(text.reason, "pTimeout with message: 'database too slow'", 'database too slow');
    expect(text.at, `pTimeout rejected at t=${text.at} ms, expected t=1000 ms`).toBe(1000);

    const custom = new RangeError('quota exceeded');
    const error = await clock.rejects(
      pTimeout(never(), { milliseconds: 500, message: custom }),
      "pTimeout(never settles, { milliseconds: 500, message: new RangeError('quota exceeded') })",
    );
    if (error.reason !== custom) {
      fail(`pTimeout with message: an Error rejected with ${describeReason(error.reason)}; it should reject with that very Error instance (RangeError \`quota exceeded\`)`);
    }
  });

  it('message: false resolves with undefined at t=milliseconds instead of rejecting', async () => {
    const watched = await clock.settle(
      pTimeout(never<string>(), { milliseconds: 1000, message: false }),
      'pTimeout(never settles, { milliseconds: 1000, message: false })',
    );
    if (watched.state === 'rejected' && isNotImplemented(watched.reason)) throw watched.reason;
    check(
      watched.state === 'fulfilled',
      `pTimeout with message: false ${describeOutcome(watched)}; message: false means a timeout resolves with undefined`,
    );
    expect(watched.value, 'pTimeout with message: false should resolve with undefined').toBeUndefined();
    expect(watched.settledAt, `pTimeout with message: false resolved at t=${watched.settledAt} ms, expected t=1000 ms`).toBe(1000);
  });

  it('fallback: on timeout it settles as fallback() does; a faster input never calls it', points(2), async () => {
    let calls = 0;
    const fromCache = (): Promise<string> => {
      calls += 1;
      return settleAfter(100, { value: 'cached' });
    };
    const slow = await clock.settle(
      pTimeout(never<string>(), { milliseconds: 1000, fallback: fromCache }),
      'pTimeout(never settles, { milliseconds: 1000, fallback })',
    );
    if (slow.state === 'rejected' && isNotImplemented(slow.reason)) throw slow.reason;
    check(
      slow.state === 'fulfilled',
      `pTimeout with a fallback ${describeOutcome(slow)}${calls === 0 ? ' without calling fallback()' : ''}; on timeout it should call fallback() and resolve with what that gives`,
    );
    expect(slow.value, 'on timeout pTimeout should resolve with what fallback() resolves with').toBe('cached');
    expect(
      slow.settledAt,
      `pTimeout resolved at t=${slow.settledAt} ms; the fallback was due to be called at t=1000 ms and its promise resolves 100 ms later, at t=1100 ms`,
    ).toBe(1100);

    calls = 0;
    const fast = await clock.resolves(
      pTimeout(settleAfter(300, { value: 'fresh' }), { milliseconds: 1000, fallback: fromCache }),
      'pTimeout(resolves at t=300, { milliseconds: 1000, fallback })',
    );
    expect(fast.value, 'an input that settles in time wins: pTimeout should resolve with its value').toBe('fresh');
    expect(calls, 'fallback() was called although the input settled in time').toBe(0);

    const noCache = new Error('no cache either');
    const thrown = await clock.rejects(
      pTimeout(never<string>(), { milliseconds: 1000, fallback: () => { throw noCache; } }),
      'pTimeout(never settles, { milliseconds: 1000, fallback that throws })',
    );
    if (thrown.reason !== noCache) {
      fail(`with a fallback that throws, pTimeout rejected with ${describeReason(thrown.reason)}; it should reject with the error the fallback threw`);
    }
  });

  it('clear() cancels the timeout: the promise then settles as its input does', points(2), async () => {
    const timed = pTimeout(settleAfter(5000, { value: 'slow' }), { milliseconds: 1000 });
    check(typeof timed.clear === 'function', 'the promise pTimeout returned has no clear() method');
    timed.clear();
    const timeoutTimers = clock.pendingTimers().filter((t) => t.dueAt === 1000);
    check(timeoutTimers.length === 0, `after clear() the timeout's timer (due at t=1000 ms) was still scheduled: clear() should cancel it`);
    const { value, at } = await clock.resolves(timed, 'pTimeout(resolves at t=5000, { milliseconds: 1000 }) after clear()');
    expect(value, 'after clear() pTimeout should resolve with the input value').toBe('slow');
    expect(at, `after clear() pTimeout resolved at t=${at} ms, when the input did (t=5000 ms) was expected`).toBe(5000);
  });

  it('signal: aborting rejects at once with signal.reason and frees the timer and the listener', points(2), async () => {
    const controller = new AbortController();
    const cancelled = new Error('user cancelled');
    setTimeout(() => controller.abort(cancelled), 300);
    const aborted = await clock.rejects(
      pTimeout(never(), { milliseconds: 1000, signal: controller.signal }),
      'pTimeout(never settles, { milliseconds: 1000, signal }) with the signal aborted at t=300',
    );
    if (aborted.reason !== cancelled) {
      fail(`pTimeout rejected with ${describeReason(aborted.reason)}; when the signal aborts it should reject with signal.reason itself (Error \`user cancelled\`)`);
    }
    expect(aborted.at, `pTimeout rejected at t=${aborted.at} ms; the signal aborted at t=300 ms`).toBe(300);
    check(clock.pendingTimers().length === 0, `after the abort at t=300 ms ${describeTimers()} was still scheduled: an aborted pTimeout should clear its timer`);

    const early = new AbortController();
    early.abort(new Error('already gone'));
    const calledAt = clock.now();
    const atOnce = await clock.rejects(
      pTimeout(never(), { milliseconds: 1000, signal: early.signal }),
      'pTimeout(never settles, { milliseconds: 1000, signal }) with a signal that had already aborted',
    );
    if (atOnce.reason !== early.signal.reason) {
      fail(`with an already aborted signal pTimeout rejected with ${describeReason(atOnce.reason)}; expected signal.reason (Error \`already gone\`): an abort that happened before the call fires no event`);
    }
    expect(atOnce.at, `with an already aborted signal pTimeout rejected at t=${atOnce.at} ms, expected at once (t=${calledAt} ms, the time of the call)`).toBe(calledAt);

    const longLived = new AbortController();
    await clock.resolves(
      pTimeout(settleAfter(100, { value: 'ok' }), { milliseconds: 1000, signal: longLived.signal }),
      'pTimeout(resolves after 100 ms, { milliseconds: 1000, signal })',
    );
    const left = abortListenerCount(longLived.signal);
    check(left === 0, `${left} abort listener(s) were still on the signal after pTimeout had resolved: remove yours once the promise settles`);
  });
});

describe('withTimeout(fn, ms)', () => {
  it("resolves with the work's value when it finishes in time, and leaves no timer", async () => {
    const probe = trackConcurrency(clock.now);
    const query = probe.operation('query', { ms: 300, value: 'rows' });
    const { value, at } = await clock.resolves(withTimeout(query, 1000), 'withTimeout(query taking 300 ms, 1000)');
    expect(value, "withTimeout should resolve with the work's value").toBe('rows');
    expect(at, `withTimeout resolved at t=${at} ms; the query finished at t=300 ms`).toBe(300);
    check(
      clock.pendingTimers().length === 0,
      `after withTimeout had resolved at t=300 ms, ${describeTimers()} was still scheduled: clear the timer once the work is done`,
    );
  });

  it('at exactly ms, aborts the work and rejects with a TimeoutError', points(3), async () => {
    const probe = trackConcurrency(clock.now);
    const query = probe.operation('query', { ms: 5000, value: 'rows' });
    const who = 'withTimeout(query taking 5000 ms, 1000)';
    const { reason, at } = await clock.rejects(withTimeout(query, 1000), who);
    expectTimeoutError(reason, who);
    expect(at, `${who} rejected at t=${at} ms, expected t=1000 ms`).toBe(1000);
    const record = probe.record('query');
    if (!record) fail('withTimeout never called fn: it should call fn(signal) at once');
    expect(record.start, `the query started at t=${record.start} ms; withTimeout should call fn at once`).toBe(0);
    if (record.outcome !== 'aborted') {
      const what = record.outcome === 'pending' ? 'was still running' : `had not been aborted (it ended as ${record.outcome} at t=${record.end} ms)`;
      fail(`when withTimeout gave up at t=1000 ms, the query ${what}: abort the signal you passed to fn, so the work stops instead of running on unseen`);
    }
    expect(record.end, `the query saw the abort at t=${record.end} ms; it should see it at the timeout, t=1000 ms`).toBe(1000);
  });

  it('rejects at ms even when the work ignores the signal', async () => {
    let given: AbortSignal | undefined;
    const stubborn = (signal: AbortSignal): Promise<string> => {
      given = signal;
      return never();
    };
    const who = 'withTimeout(work that ignores its signal and never settles, 1000)';
    const { reason, at } = await clock.rejects(withTimeout(stubborn, 1000), who);
    expectTimeoutError(reason, who);
    expect(at, `${who} rejected at t=${at} ms, expected t=1000 ms: the timeout must not wait for the work to give up`).toBe(1000);
    check(given?.aborted === true, `${who}: the signal fn received had not aborted after the timeout`);
  });

  it("passes the work's own failure through unchanged", async () => {
    const probe = trackConcurrency(clock.now);
    const broken = new Error('syntax error in query');
    const query = probe.operation('query', { ms: 200, error: broken });
    const { reason, at } = await clock.rejects(withTimeout(query, 1000), 'withTimeout(query failing after 200 ms, 1000)');
    if (reason !== broken) {
      fail(`withTimeout rejected with ${describeReason(reason)}; the work failed first with Error \`syntax error in query\` and that very error should come through`);
    }
    expect(at, `withTimeout rejected at t=${at} ms; the work failed at t=200 ms`).toBe(200);
    check(clock.pendingTimers().length === 0, `after the work failed at t=200 ms ${describeTimers()} was still scheduled: clear the timer`);
  });
});
