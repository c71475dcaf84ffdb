import { describe, expect, it, vi } from 'vitest';
import { check, expectNoAbortListeners, fail, isNotImplemented, points, useVirtualClock } from '@tickwork/testkit';
import { AbortError, pRetry } from '#impl';

const clock = useVirtualClock();

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An unreliable operation: the first `failures` calls fail (after `latencyMs`, each with its own
 * Error `failure <n>`), later calls resolve with `value`. Records the attempt number and virtual
 * time of every call.
 */
function flaky({ failures = Infinity, latencyMs = 0, value = 'ok' }: { failures?: number; latencyMs?: number; value?: string } = {}) {
  const calls: Array<{ attemptNumber: number; at: number }> = [];
  const errors: Error[] = [];
  const input = async (attemptNumber: number): Promise<string> => {
    calls.push({ attemptNumber, at: clock.now() });
    const call = calls.length;
    if (latencyMs > 0) await sleep(latencyMs);
    if (call > failures) return value;
    const error = new Error(`failure ${call}`);
    errors.push(error);
    throw error;
  };
  return { input, calls, errors, times: () => calls.map((call) => call.at) };
}

const list = (times: number[]): string => (times.length === 0 ? 'never' : `t=${times.join(', ')} ms`);

function expectCallTimes(actual: number[], expected: number[], situation: string): void {
  if (actual.length !== expected.length || actual.some((t, i) => t !== expected[i])) {
    fail(`input was called ${actual.length} time(s), at ${list(actual)}; expected ${expected.length} calls, at ${list(expected)} (${situation})`);
  }
}

function describeReason(reason: unknown): string {
  return reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
}

describe('pRetry(input, options)', () => {
  it('with `retries: 3` calls input four times (attemptNumber 1…4), then rejects with the last error', points(2), async () => {
    const run = flaky();
    const { reason } = await clock.rejects(pRetry(run.input, { retries: 3, minTimeout: 10 }), 'pRetry(alwaysFails, { retries: 3 })');
    const attempts = run.calls.map((call) => call.attemptNumber);
    expect(attempts, `input received attemptNumber ${attempts.join(', ')}; \`retries: 3\` means the first call plus 3 retries: 1, 2, 3, 4`).toEqual([1, 2, 3, 4]);
    check(reason === run.errors[3], `pRetry rejected with ${describeReason(reason)}; it should reject with the error of the last attempt (failure 4), the very same object`);

    const once = flaky();
    await clock.rejects(pRetry(once.input, { retries: 0 }), 'pRetry(alwaysFails, { retries: 0 })');
    check(once.calls.length === 1, `with \`retries: 0\` input was called ${once.calls.length} times; it should be called exactly once`);
  });

  it('waits 1000, 2000, 4000 ms after each failure before the next attempt', points(2), async () => {
    // Each attempt takes 100 ms to fail, so the waits must be counted from the failure, not the call.
    const run = flaky({ latencyMs: 100 });
    await clock.rejects(pRetry(run.input, { retries: 3 }), 'pRetry(failsAfter100ms, { retries: 3 })');
    expectCallTimes(run.times(), [0, 1100, 3200, 7300], 'each attempt fails 100 ms after it starts, then the waits are 1000, 2000 and 4000 ms');
  });

  it('does not wait after the final failure: it rejects at once and leaves no timer', points(2), async () => {
    const run = flaky();
    const watched = clock.watch(pRetry(run.input, { retries: 2 }));
    await clock.advance(3000);
    if (watched.state === 'rejected' && watched.reason === run.errors[2]) {
      const left = clock.pendingTimers();
      check(left.length === 0, `pRetry rejected at t=3000 ms but left ${left.length} timer(s) scheduled (the first due at t=${left[0]?.dueAt} ms): nothing should be scheduled after the final failure`);
      return;
    }
    if (watched.state === 'rejected') {
      if (isNotImplemented(watched.reason)) throw watched.reason;
      fail(`pRetry rejected at t=${watched.settledAt} ms with ${describeReason(watched.reason)} after ${run.calls.length} calls; with \`retries: 2\` it should reject with failure 3 at t=3000 ms`);
    }
    fail(`pRetry was ${watched.state} at t=3000 ms, right after the third and final attempt failed (calls at ${list(run.times())}); it should reject with that failure at once, without another wait`);
  });

  it('caps every wait at maxTimeout, with waits of minTimeout × factor^n', points(2), async () => {
    const run = flaky();
    await clock.rejects(pRetry(run.input, { retries: 4, minTimeout: 100, factor: 3, maxTimeout: 1000 }), 'pRetry(alwaysFails, { retries: 4, minTimeout: 100, factor: 3, maxTimeout: 1000 })');
    expectCallTimes(run.times(), [0, 100, 400, 1300, 2300], 'the waits are 100, 300, 900 ms and then 2700 ms capped at maxTimeout 1000 ms');
  });

  it('with `randomize: true` multiplies each wait by 1 + Math.random()', async () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.25);
    try {
      const run = flaky();
      await clock.rejects(pRetry(run.input, { retries: 3, randomize: true }), 'pRetry(alwaysFails, { retries: 3, randomize: true })');
      expectCallTimes(run.times(), [0, 1250, 3750, 8750], 'Math.random() returned 0.25, so the waits are 1000, 2000, 4000 ms × 1.25');
    } finally {
      random.mockRestore();
    }
  });

  it('resolves with the first success, whether input returns a promise or a plain value or throws synchronously', async () => {
    const controller = new AbortController();
    const run = flaky({ failures: 2, value: 'data' });
    const { value, at } = await clock.resolves(pRetry(run.input, { retries: 5, signal: controller.signal }), 'pRetry(failsTwice, { retries: 5 })');
    expect(value, 'pRetry should resolve with the value of the first successful attempt').toBe('data');
    check(at === 3000 && run.calls.length === 3, `pRetry resolved at t=${at} ms after ${run.calls.length} calls; expected the third call (t=3000 ms) to succeed and no call after it`);
    expectNoAbortListeners(controller.signal, 'pRetry resolved');

    const syncInput = (attemptNumber: number): string => {
      if (attemptNumber === 1) throw new Error('thrown synchronously');
      return 'plain value';
    };
    const plain = await clock.resolves(pRetry(syncInput, { retries: 1 }), 'pRetry(throwsOnceThenReturnsAValue)');
    expect(plain.value, 'an input that throws synchronously is retried like a rejection; its plain return value is the result').toBe('plain value');
  });

  it('retries 10 times by default (11 calls)', async () => {
    const run = flaky();
    const { reason } = await clock.rejects(pRetry(run.input), 'pRetry(alwaysFails) with no options');
    check(run.calls.length === 11, `with no options input was called ${run.calls.length} times; p-retry's default is retries: 10, so 11 calls`);
    check(reason === run.errors[10], `pRetry rejected with ${describeReason(reason)}; expected the error of the 11th call`);
  });
});

describe('pRetry: onFailedAttempt and shouldRetry', () => {
  it('awaits onFailedAttempt({ error, attemptNumber, retriesLeft, retriesConsumed }) after every failure', points(2), async () => {
    const run = flaky();
    const seen: string[] = [];
    const onFailedAttempt = async ({ error, attemptNumber, retriesLeft, retriesConsumed }: { error: Error; attemptNumber: number; retriesLeft: number; retriesConsumed: number }): Promise<void> => {
      seen.push(`${error.message} / attemptNumber ${attemptNumber} / retriesLeft ${retriesLeft} / retriesConsumed ${retriesConsumed}`);
      await sleep(500); // a slow hook must delay the next attempt
    };
    const { reason } = await clock.rejects(pRetry(run.input, { retries: 2, onFailedAttempt }), 'pRetry(alwaysFails, { retries: 2, onFailedAttempt })');
    expect(seen, 'onFailedAttempt should get one context per failed attempt, the last one included').toEqual([
      'failure 1 / attemptNumber 1 / retriesLeft 2 / retriesConsumed 0',
      'failure 2 / attemptNumber 2 / retriesLeft 1 / retriesConsumed 1',
      'failure 3 / attemptNumber 3 / retriesLeft 0 / retriesConsumed 2',
    ]);
    expectCallTimes(run.times(), [0, 1500, 4000], 'onFailedAttempt takes 500 ms and must be awaited before the 1000 and 2000 ms waits');
    check(reason === run.errors[2], `pRetry rejected with ${describeReason(reason)}; expected failure 3`);
  });

  it('stops at once when shouldRetry resolves to false, rejecting with that error', points(2), async () => {
    const errors = [new Error('503 flaky'), new Error('401 fatal')];
    const calls: number[] = [];
    const order: string[] = [];
    const input = async (attemptNumber: number): Promise<string> => {
      calls.push(clock.now());
      throw errors[attemptNumber - 1] ?? new Error('unexpected extra call');
    };
    const { reason, at } = await clock.rejects(
      pRetry(input, {
        retries: 5,
        onFailedAttempt: ({ attemptNumber }) => void order.push(`onFailedAttempt ${attemptNumber}`),
        // Async on purpose: a Promise is truthy, so it must be awaited, not tested.
        shouldRetry: async ({ error, attemptNumber }) => {
          order.push(`shouldRetry ${attemptNumber}`);
          return !error.message.includes('fatal');
        },
      }),
      'pRetry(input, { shouldRetry: not fatal })',
    );
    check(reason === errors[1], `pRetry rejected with ${describeReason(reason)}; shouldRetry said no to "401 fatal", so pRetry should reject with that error`);
    expectCallTimes(calls, [0, 1000], 'the second attempt fails with "401 fatal" and shouldRetry resolves to false');
    check(at === 1000, `pRetry rejected at t=${at} ms; it should stop at t=1000 ms, without waiting again`);
    expect(order, 'onFailedAttempt runs first, then shouldRetry, for each failure').toEqual(['onFailedAttempt 1', 'shouldRetry 1', 'onFailedAttempt 2', 'shouldRetry 2']);
  });
});

describe('AbortError', () => {
  it('stops retrying at once and rejects with the original error, without onFailedAttempt', points(2), async () => {
    const original = new Error('404 Not Found');
    const calls: number[] = [];
    const failed: number[] = [];
    const input = async (attemptNumber: number): Promise<string> => {
      calls.push(clock.now());
      if (attemptNumber === 1) throw new Error('503 Service Unavailable');
      throw new AbortError(original);
    };
    const { reason, at } = await clock.rejects(
      pRetry(input, { retries: 5, onFailedAttempt: ({ attemptNumber }) => void failed.push(attemptNumber) }),
      'pRetry(throwsAbortErrorOnAttempt2, { retries: 5 })',
    );
    expectCallTimes(calls, [0, 1000], 'attempt 2 throws an AbortError: no more retries');
    check(reason === original, `pRetry rejected with ${describeReason(reason)}; it should reject with the error wrapped in the AbortError (404 Not Found), the very same object`);
    check(at === 1000, `pRetry rejected at t=${at} ms; an AbortError stops at once (t=1000 ms)`);
    expect(failed, 'onFailedAttempt is called for ordinary failures only, not for an AbortError').toEqual([1]);

    const startedAt = clock.now();
    const fromMessage = await clock.rejects(pRetry(() => { throw new AbortError('gone for good'); }, { retries: 5 }), "pRetry(() => { throw new AbortError('gone for good') })");
    check(
      fromMessage.reason instanceof Error && fromMessage.reason.message === 'gone for good' && fromMessage.at === startedAt,
      `pRetry(...) with new AbortError('gone for good'), started at t=${startedAt} ms, rejected with ${describeReason(fromMessage.reason)} at t=${fromMessage.at} ms; expected an Error with message "gone for good" at once`,
    );
  });

  it('is an Error named AbortError that keeps the original error', async () => {
    const original = new Error('404 Not Found');
    const wrapped = new AbortError(original);
    check(wrapped instanceof Error, 'new AbortError(error) should be an instance of Error');
    check(wrapped.name === 'AbortError', `new AbortError(error).name is ${JSON.stringify(wrapped.name)}; expected "AbortError"`);
    check(wrapped.message === '404 Not Found', `new AbortError(error).message is ${JSON.stringify(wrapped.message)}; expected the original's message "404 Not Found"`);
    check(wrapped.originalError === original, 'new AbortError(error).originalError should be that very error');
    const fromText = new AbortError('gone');
    check(
      fromText.originalError instanceof Error && fromText.originalError.message === 'gone' && fromText.message === 'gone',
      "new AbortError('gone') should have message \"gone\" and an originalError that is an Error with message \"gone\"",
    );
  });
});

describe('pRetry: signal', () => {
  it('rejects with signal.reason as soon as the signal aborts during a wait, and clears the timer', points(2), async () => {
    const run = flaky();
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    setTimeout(() => controller.abort(reason), 500);
    const result = await clock.rejects(pRetry(run.input, { retries: 3, signal: controller.signal }), 'pRetry(alwaysFails, { signal }) aborted at t=500 ms');
    check(result.reason === reason, `pRetry rejected with ${describeReason(result.reason)}; expected the signal's reason (user cancelled)`);
    check(result.at === 500, `pRetry rejected at t=${result.at} ms; the signal aborted at t=500 ms, during the 1000 ms wait, and the wait should end then`);
    const left = clock.pendingTimers();
    check(left.length === 0, `after the abort ${left.length} timer(s) were still scheduled (the first due at t=${left[0]?.dueAt} ms): clear the wait's timer when the signal aborts`);
    check(run.calls.length === 1, `input was called ${run.calls.length} times; after the abort at t=500 ms there must be no second attempt`);
  });

  it('rejects with the reason without calling input when the signal is already aborted', async () => {
    const run = flaky();
    const controller = new AbortController();
    const reason = new Error('already cancelled');
    controller.abort(reason);
    const result = await clock.rejects(pRetry(run.input, { signal: controller.signal }), 'pRetry(input, { signal: alreadyAborted })');
    check(result.reason === reason, `pRetry rejected with ${describeReason(result.reason)}; expected the signal's reason (already cancelled)`);
    check(run.calls.length === 0, `input was called ${run.calls.length} time(s); with an already aborted signal it should not be called at all`);
  });
});
