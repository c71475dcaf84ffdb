import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, check, expectNoAbortListeners, FakeLlm, fail, points, useVirtualClock, type LlmResponse } from '@tickwork/testkit';
import { callWithRetries } from '#impl';

const clock = useVirtualClock();

// callWithRetries draws its jitter from Math.random: fixed at 0, the backoff is exactly 500, 1000, 2000 … ms.
beforeEach(() => {
  vi.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** A FakeLlm whose calls take 1000 ms and fail with a fresh `error()` until call number `failures` is past. */
function failingApi(error: () => ApiError, failures = Infinity) {
  const errors: ApiError[] = [];
  const api = new FakeLlm({
    now: clock.now,
    latencyMs: 1000,
    respond: (_request, { attempt }) => {
      if (attempt > failures) return { text: 'the answer' };
      const thrown = error();
      errors.push(thrown);
      return { error: thrown };
    },
  });
  const ask = (signal: AbortSignal): Promise<LlmResponse> => api.complete({ prompt: 'hello' }, { signal });
  return { api, ask, errors, starts: () => api.calls.map((call) => call.start) };
}

const list = (times: number[]): string => (times.length === 0 ? 'never' : `t=${times.join(', ')} ms`);

function expectCallStarts(actual: number[], expected: number[], situation: string): void {
  if (actual.length !== expected.length || actual.some((t, i) => t !== expected[i])) {
    fail(`the API was called ${actual.length} time(s), at ${list(actual)}; expected ${expected.length} calls, at ${list(expected)} (${situation})`);
  }
}

function describeReason(reason: unknown): string {
  return reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
}

describe('callWithRetries(fn, options)', () => {
  it('retries a failing call and resolves with the first success', async () => {
    const { ask, starts } = failingApi(() => new ApiError(503), 2);
    const controller = new AbortController();
    const { value, at } = await clock.resolves(callWithRetries(ask, { signal: controller.signal }), 'callWithRetries(ask)');
    expect(value.text, 'callWithRetries should resolve with what fn resolved with').toBe('the answer');
    expectCallStarts(starts(), [0, 1500, 3500], 'each call fails after 1000 ms, then waits of 500 and 1000 ms');
    check(at === 4500, `callWithRetries resolved at t=${at} ms; the third call answers at t=4500 ms`);
    expectNoAbortListeners(controller.signal, 'callWithRetries resolved');
  });

  it('makes two retries by default, then rejects with the last error without waiting again', points(2), async () => {
    const { ask, errors, starts } = failingApi(() => new ApiError(500));
    const { reason, at } = await clock.rejects(callWithRetries(ask), 'callWithRetries(alwaysFails)');
    expectCallStarts(starts(), [0, 1500, 3500], 'the default is maxRetries: 2, three calls in all');
    check(reason === errors[2], `callWithRetries rejected with ${describeReason(reason)}; expected the error of the third call, the very same object`);
    check(at === 4500, `callWithRetries rejected at t=${at} ms; the last call fails at t=4500 ms and nothing follows it`);
    const left = clock.pendingTimers();
    check(left.length === 0, `${left.length} timer(s) were still scheduled after the final failure (the first due at t=${left[0]?.dueAt} ms)`);
  });

  it('makes exactly maxRetries retries, with the backoff doubling each time', async () => {
    const four = failingApi(() => new ApiError(502));
    await clock.rejects(callWithRetries(four.ask, { maxRetries: 4 }), 'callWithRetries(alwaysFails, { maxRetries: 4 })');
    expectCallStarts(four.starts(), [0, 1500, 3500, 6500, 11500], 'maxRetries: 4 means five calls, with waits of 500, 1000, 2000 and 4000 ms');

    const none = failingApi(() => new ApiError(502));
    const startedAt = clock.now();
    await clock.rejects(callWithRetries(none.ask, { maxRetries: 0 }), 'callWithRetries(alwaysFails, { maxRetries: 0 })');
    check(none.api.calls.length === 1, `with maxRetries: 0 the API was called ${none.api.calls.length} times; expected one call (started at t=${startedAt} ms) and no retry`);
  });

  it('does not retry a 400, nor an error that is not an ApiError', points(2), async () => {
    const { ask, errors, api } = failingApi(() => new ApiError(400));
    const { reason, at } = await clock.rejects(callWithRetries(ask), 'callWithRetries(badRequest)');
    check(api.calls.length === 1, `a 400 Bad Request was sent ${api.calls.length} times; it will fail the same way again, so it must not be retried`);
    check(reason === errors[0] && at === 1000, `callWithRetries rejected with ${describeReason(reason)} at t=${at} ms; expected the 400 error itself, at t=1000 ms`);

    const bug = new TypeError("Cannot read properties of undefined (reading 'text')");
    let calls = 0;
    const buggy = async (): Promise<string> => {
      calls += 1;
      throw bug;
    };
    const failure = await clock.rejects(callWithRetries(buggy), 'callWithRetries(throwsATypeError)');
    check(failure.reason === bug && calls === 1, `a TypeError from fn led to ${calls} call(s) and a rejection with ${describeReason(failure.reason)}; only an ApiError may be retried: reject with the TypeError after one call`);
  });

  it('waits as long as retry-after says before retrying', points(2), async () => {
    const { ask, starts } = failingApi(() => new ApiError(429, { 'retry-after': '3' }), 1);
    const { at } = await clock.resolves(callWithRetries(ask), 'callWithRetries(rateLimitedOnce)');
    expectCallStarts(starts(), [0, 4000], 'the first call fails at t=1000 ms with 429 and retry-after: 3 (seconds)');
    check(at === 5000, `callWithRetries resolved at t=${at} ms; the retry starts at t=4000 ms and answers at t=5000 ms`);
  });
});

describe('callWithRetries: signal', () => {
  it('rejects with signal.reason the moment the signal aborts during a wait, and clears the timer', points(2), async () => {
    const { ask, api } = failingApi(() => new ApiError(503, { 'retry-after': '5' }));
    const controller = new AbortController();
    const reason = new Error('user pressed stop');
    setTimeout(() => controller.abort(reason), 2500);
    const result = await clock.rejects(callWithRetries(ask, { signal: controller.signal }), 'callWithRetries(ask, { signal }) aborted at t=2500 ms');
    check(result.reason === reason, `callWithRetries rejected with ${describeReason(result.reason)}; expected the signal's reason (user pressed stop)`);
    check(result.at === 2500, `callWithRetries rejected at t=${result.at} ms; the signal aborted at t=2500 ms, in the middle of the 5 s wait, and the wait should end then`);
    const left = clock.pendingTimers();
    check(left.length === 0, `after the abort ${left.length} timer(s) were still scheduled (the first due at t=${left[0]?.dueAt} ms): clear the wait's timer when the signal aborts`);
    check(api.calls.length === 1, `the API was called ${api.calls.length} times; after the abort there must be no retry`);
  });

  it('passes the signal to fn, so an abort during a call ends that call, and does not retry it', async () => {
    const api = new FakeLlm({ now: clock.now, latencyMs: 1000 });
    api.script({ error: new ApiError(503) }, { hang: true });
    const controller = new AbortController();
    const reason = new Error('user pressed stop');
    setTimeout(() => controller.abort(reason), 2000);
    const ask = (signal: AbortSignal): Promise<LlmResponse> => api.complete({ prompt: 'hello' }, { signal });
    const result = await clock.rejects(callWithRetries(ask, { signal: controller.signal }), 'callWithRetries(ask, { signal }) aborted at t=2000 ms');
    check(result.reason === reason && result.at === 2000, `callWithRetries rejected with ${describeReason(result.reason)} at t=${result.at} ms; expected the signal's reason at t=2000 ms, while the second call hung`);
    check(api.calls[1]?.aborted === true, 'the second call (started at t=1500 ms) was not aborted: pass the signal to fn so the call itself stops');
    check(api.calls.length === 2, `the API was called ${api.calls.length} times; an aborted call must not be retried`);
  });
});
